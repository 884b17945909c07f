"""What a turn may read about other people: a narrow, read-only lookup that the repository
answers inside the update's transaction, asked only when a screen needs it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.storage.appointments import Appointment
from bot.storage.audit import DataView
from bot.storage.coach_care import CareReads
from bot.storage.coach_desk import Desk
from bot.storage.consents import Answer
from bot.storage.gatherings import Gatherings
from bot.storage.growth_points import GrowthPoint
from bot.storage.handoffs import Handoff
from bot.storage.repository import LinkedNewcomer, SharingCoach


class Lookup(Protocol):
    """Reads about the people linked to someone; nothing here writes."""

    def newcomers_of(self, coach_id: int) -> Sequence[LinkedNewcomer]:
        """A coach's newcomers, each with a profile only where its owner shares it."""
        ...

    def coaches_sharing(self, newcomer_id: int) -> Sequence[SharingCoach]:
        """The coaches who may see this newcomer's profile."""
        ...

    def appointment(self, appointment_id: int) -> Appointment | None:
        """One appointment (the screens check that it is the person's own)."""
        ...

    def appointments_of(self, coach_id: int) -> Sequence[Appointment]:
        """A coach's appointments, latest first."""
        ...

    def open_handoff(self, newcomer_id: int) -> Handoff | None:
        """The newcomer's open request to talk to a coach, if any."""
        ...

    def conversations_of(self, coach_id: int) -> Sequence[Handoff]:
        """The open conversations a coach took."""
        ...

    def notes_of(self, coach_id: int) -> Sequence[tuple[int, str, str]]:
        """A coach's notes on their latest closed conversations: (number, name, note)."""
        ...

    def gatherings(self) -> Gatherings:
        """Events and who joined them; a screen only reads here (changes are events)."""
        ...

    def consents_of(self, user_id: int) -> Mapping[str, Answer]:
        """The person's latest answer per purpose they answered (bot/storage/consents.py)."""

    def care(self) -> CareReads:
        """Coaches with their load, and newcomers with their coaches (admin and coach
        screens)."""
        ...

    def desk_of(self, coach_id: int) -> Desk:
        """A coach's own settings (quiet hours, the last digest)."""
        ...

    def requests_waiting_for(self, coach_id: int) -> Sequence[Handoff]:
        """Open requests nobody took yet that this coach was told of."""
        ...

    def seen_by(self, newcomer_id: int) -> Sequence[DataView]:
        """Who opened this person's profile or request summary, the latest first."""
        ...

    def growth_points_of(self, user_id: int) -> Sequence[GrowthPoint]:
        """A person's growth points (the screens decide who may see them)."""
        ...


class NoOne:
    """A lookup that knows nobody: for a turn that has no database behind it."""

    def newcomers_of(self, coach_id: int) -> Sequence[LinkedNewcomer]:
        return ()

    def coaches_sharing(self, newcomer_id: int) -> Sequence[SharingCoach]:
        return ()

    def appointment(self, appointment_id: int) -> Appointment | None:
        return None

    def appointments_of(self, coach_id: int) -> Sequence[Appointment]:
        return ()

    def open_handoff(self, newcomer_id: int) -> Handoff | None:
        return None

    def conversations_of(self, coach_id: int) -> Sequence[Handoff]:
        return ()

    def notes_of(self, coach_id: int) -> Sequence[tuple[int, str, str]]:
        return ()

    def consents_of(self, user_id: int) -> Mapping[str, Answer]:
        return {}

    def desk_of(self, coach_id: int) -> Desk:
        return Desk()

    def requests_waiting_for(self, coach_id: int) -> Sequence[Handoff]:
        return ()

    def seen_by(self, newcomer_id: int) -> Sequence[DataView]:
        return ()

    def gatherings(self) -> Gatherings:
        raise LookupError("no database behind this turn: no events to read")

    def care(self) -> CareReads:
        raise LookupError("no database behind this turn: no coaches to read")

    def growth_points_of(self, user_id: int) -> Sequence[GrowthPoint]:
        return ()
