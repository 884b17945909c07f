"""What a turn changes besides its replies: small frozen events that flows and screens emit
(`turn.effects.emit(...)`) and the application applies in the update's transaction, each by
one handler from its table (bot/app_effects.py). A new kind of effect is one class here and
one handler there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar


@dataclass(frozen=True)
class Event:
    """Something a turn did that outlives it; the person whose turn it is is implied."""

    # Applying it says something to the person, where it was emitted: a reply said after it
    # is not joined with one said before it.
    speaks: ClassVar[bool] = False


@dataclass(frozen=True)
class ReminderSet(Event):
    """Come back to this person at `due_at` with a timeout of this kind and data."""

    kind: str
    due_at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RemindersCancelled(Event):
    """Pending reminders of this kind for this person are no longer wanted."""

    kind: str


@dataclass(frozen=True)
class SharingChanged(Event):
    """The person lets this coach (a user id) see their profile, or no longer does."""

    coach: int
    shared: bool


@dataclass(frozen=True)
class HelpAsked(Event):
    """The person asked a coach for help: every coach who sees their profile is told, in the
    coach's language. `topic` is an English source string, translated per coach."""

    topic: str


@dataclass(frozen=True)
class PersonErased(Event):
    """The person asked to be forgotten: their row and all that hangs from it goes."""


@dataclass(frozen=True)
class ConsentGiven(Event):
    """The person just agreed that Brug keeps their answers: what waited for it follows (the
    linked coaches who do not see the profile yet are asked about)."""


@dataclass(frozen=True)
class LinkOpened(Event):
    """`/start PAYLOAD`: the person opened a link; what it grants is theirs (a coach's link
    links them to the coach). What the router says comes before the turn's replies."""

    payload: str
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class CoachLinkAsked(Event):
    """A coach asked for their link: a new one is made (`renew`: the earlier ones stop), and
    they get it as text and as a QR image, where the event was emitted."""

    renew: bool = False
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class DataExportAsked(Event):
    """The person asked for everything stored about them: a JSON file (with `summary`, the
    readable overview in their language) comes where the event was emitted."""

    summary: str
    speaks: ClassVar[bool] = True
