"""What every step test needs: the real catalogs and a context in a given language."""

from __future__ import annotations

from bot.flows.steps.base import StepContext
from bot.i18n.catalogs import Catalogs

CATALOGS = Catalogs()


def context(language: str = "en", *, hint: str | None = None,
            pending: list[str] | None = None) -> StepContext:
    return StepContext(CATALOGS.get(language), {}, languages=CATALOGS.languages,
                       language_hint=hint, pending=pending)
