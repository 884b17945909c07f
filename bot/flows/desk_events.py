"""The events of a coach's desk (their screens, the weekly digest, the audit trail): small
frozen events applied by bot/app_coach_desk.py, like those of bot/flows/events.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from bot.flows.events import Event


@dataclass(frozen=True)
class DataSeen(Event):
    """The coach opened newcomer `newcomer`'s data (`what`: "profile" or "summary"): written
    down for the newcomer, in this update's transaction."""

    newcomer: int
    what: str


@dataclass(frozen=True)
class RequestSummaryShown(Event):
    """The coach opened a waiting request from their desk: its summary, with the Claim button,
    comes where the event was emitted, and the look is written down for the newcomer."""

    handoff: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class QuietHoursSet(Event):
    """The coach's quiet hours ("HH:MM" each, Brussels time); None for both: none."""

    start: str | None
    end: str | None


@dataclass(frozen=True)
class DigestSent(Event):
    """The weekly digest of `week` went to the coach; `counts` (steps done per newcomer) are
    what next week's news is measured against."""

    week: str
    counts: Mapping[str, int] = field(default_factory=dict)
