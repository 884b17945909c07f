"""One update being handled: the person, what they sent, and what we will say back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from bot.flows.effects import Effects
from bot.flows.lookup import Lookup, NoOne
from bot.flows.state import ConversationState
from bot.i18n.catalogs import Translator
from bot.storage.repository import LinkedNewcomer, UserRecord
from bot.types import Incoming


@dataclass
class Turn:
    user: UserRecord
    incoming: Incoming
    effects: Effects
    translator: Translator
    # Reads about other people, answered in the update's transaction when asked.
    lookup: Lookup = field(default_factory=NoOne)
    # The person's conversation state, typed (bot/flows/state.py); stored after the turn.
    state: ConversationState = field(default_factory=ConversationState)

    @property
    def _(self) -> Callable[[str], str]:
        return self.translator.gettext

    @property
    def ngettext(self) -> Callable[[str, str, int], str]:
        """A count in words, by the language's plural rule: ngettext("{count} person",
        "{count} people", n).format(count=n)."""
        return self.translator.ngettext

    @property
    def pgettext(self) -> Callable[[str, str], str]:
        """A short text that means something else elsewhere: pgettext(context, text)."""
        return self.translator.pgettext

    @cached_property
    def newcomers(self) -> tuple[LinkedNewcomer, ...]:
        """For a coach: the newcomers linked to them (profiles only where shared); read once
        per turn, and only by a turn that shows them."""
        if self.user.role != "coach" or self.user.id is None:
            return ()
        return tuple(self.lookup.newcomers_of(self.user.id))
