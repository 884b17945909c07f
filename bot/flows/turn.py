"""One update being handled: the person, what they sent, and what we will say back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.flows.effects import Effects
from bot.i18n.catalogs import Translator
from bot.storage.repository import LinkedNewcomer, UserRecord
from bot.types import Incoming


@dataclass
class Turn:
    user: UserRecord
    incoming: Incoming
    effects: Effects
    translator: Translator
    # For a coach: the newcomers linked to them (profiles only where shared).
    newcomers: tuple[LinkedNewcomer, ...] = ()

    @property
    def _(self) -> Callable[[str], str]:
        return self.translator.gettext

    @property
    def state(self) -> dict[str, Any]:
        return self.user.state

