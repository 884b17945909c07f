"""What a turn may read about other people: a narrow, read-only lookup that the repository
answers inside the update's transaction, asked only when a screen needs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.storage.gatherings import Gatherings
from bot.storage.repository import LinkedNewcomer, SharingCoach


class Lookup(Protocol):
    """Reads about the people linked to someone; nothing here writes."""

    def newcomers_of(self, coach_id: int) -> Sequence[LinkedNewcomer]:
        """A coach's newcomers, each with a profile only where its owner shares it."""
        ...

    def coaches_sharing(self, newcomer_id: int) -> Sequence[SharingCoach]:
        """The coaches who may see this newcomer's profile."""
        ...

    def gatherings(self) -> Gatherings:
        """Events and who joined them; a screen only reads here (changes are events)."""
        ...


class NoOne:
    """A lookup that knows nobody: for a turn that has no database behind it."""

    def newcomers_of(self, coach_id: int) -> Sequence[LinkedNewcomer]:
        return ()

    def coaches_sharing(self, newcomer_id: int) -> Sequence[SharingCoach]:
        return ()

    def gatherings(self) -> Gatherings:
        raise LookupError("no database behind this turn: no events to read")
