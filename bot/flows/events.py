"""What a turn changes besides its replies: small frozen events that flows and screens emit
(`turn.effects.emit(...)`) and the application applies in the update's transaction, each by
one handler from its table (bot/app_effects.py). A new kind of effect is one class here and
one handler there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from bot.storage.gatherings import NewGathering


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
    # The version of the share question's text (the purpose "a coach may see my profile").
    version: str = ""


@dataclass(frozen=True)
class ConsentChanged(Event):
    """The person said yes (`given`) or no to a purpose (bot/flows/consent_purposes.py), to
    the text of this version; it takes effect at once (a coach loses sight of the profile,
    reminders stop)."""

    purpose: str
    given: bool
    version: str


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
class UrgentAlert(Event):
    """Someone may be in danger: an urgent handoff goes at once to their coach, or with none
    to the pool of coaches with a Claim button, and the admins are told, each in their own
    language (bot/app_urgent.py). `reason` is an English source string."""

    reason: str


@dataclass(frozen=True)
class AppointmentPlanned(Event):
    """A coach planned a session with a newcomer linked to them (a user id): both get it in
    their own language with a calendar file, and reminders the evening before at 18:00 and
    two hours before. `proposals`: other times the newcomer may choose if they cannot come."""

    newcomer: int
    starts_at: datetime
    place: str
    topic: str
    proposals: tuple[datetime, ...] = ()
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class AppointmentDeclined(Event):
    """The newcomer cannot come: the reminders stop and the coach is told."""

    appointment: int


@dataclass(frozen=True)
class AppointmentMoved(Event):
    """The newcomer chose one of the coach's other times: the reminders follow, the coach is
    told."""

    appointment: int
    starts_at: datetime


@dataclass(frozen=True)
class CalendarFileWanted(Event):
    """The person gets the appointment as a calendar file (.ics), where it was emitted."""

    appointment: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class AttendanceMarked(Event):
    """The coach says whether the newcomer came."""

    appointment: int
    came: bool


@dataclass(frozen=True)
class NoShowsInARow(Event):
    """A newcomer missed two appointments in a row with this coach: the admins are told. (One
    event, so that it can open a handoff instead, once handoffs exist.)"""

    newcomer: int
    label: str


@dataclass(frozen=True)
class AppointmentCancelled(Event):
    """The coach cancels a meeting still ahead: the reminders stop, and the newcomer is told
    in their language with a calendar file that takes it out of their calendar."""

    appointment: int


@dataclass(frozen=True)
class AppointmentRescheduled(Event):
    """The coach moves a meeting still ahead to `starts_at`: the reminders follow, and the
    newcomer gets the new time in their language with a new calendar file."""

    appointment: int
    starts_at: datetime
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class CoachAssigned(Event):
    """An admin makes `coach` the coach of `newcomer` (user ids); beyond the coach's capacity
    only with `force` (otherwise they are warned and asked to confirm). Both are told."""

    newcomer: int
    coach: int
    force: bool = False
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class CoachUnlinked(Event):
    """An admin unlinks `newcomer` from their coaches; both sides are told, and the newcomer
    keeps their data."""

    newcomer: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class HandedOver(Event):
    """A coach hands `newcomer` (their open conversations, their link and meetings ahead) to
    the coach `to_coach`, with a one-line note for the colleague; the newcomer is told who
    takes over."""

    newcomer: int
    to_coach: int
    note: str
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class FollowUpTalkWanted(Event):
    """The person said yes to a follow-up talk in the intake and now shares their profile with
    this coach (a user id): the coach is asked to plan it, about two weeks from now."""

    coach: int


@dataclass(frozen=True)
class HandoffOpened(Event):
    """The person asks to talk to a coach: a request goes to their coach (one who sees their
    profile), else to the pool of coaches, with a Claim button; `urgent` marks it so. `reason`
    is an English source string, read in each coach's language; `summary` is what the person
    agreed to share (bot/flows/handoff.py builds it). They are told when a person answers."""

    reason: str
    urgent: bool = False
    summary: Mapping[str, Any] = field(default_factory=dict)
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class HandoffClaimed(Event):
    """A coach takes request `handoff`: the first claim wins, the others are told who took it."""

    handoff: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class HandoffRelayed(Event):
    """A message of the person's goes to the other side of open conversation `handoff`: text,
    or a photo, voice message or file (`media`, copied by the channel from `message_ref`)."""

    handoff: int
    text: str = ""
    media: str | None = None
    message_ref: str | None = None
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class HandoffEnded(Event):
    """The newcomer ends their conversation (or withdraws the request); the coach is told."""

    handoff: int


@dataclass(frozen=True)
class HandoffClosed(Event):
    """The coach closes conversation `handoff` with a one-line note kept for the coach; the
    newcomer is back with the bot and asked about the help."""

    handoff: int
    note: str
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class HandoffRated(Event):
    """The newcomer's smiley (1 to 5) about the help in conversation `handoff`."""

    handoff: int
    score: int


@dataclass(frozen=True)
class HandoffOverdue(Event):
    """Nobody took request `handoff` in time: the coaches are reminded, the admins told."""

    handoff: int


@dataclass(frozen=True)
class HandoffPhraseSent(Event):
    """The coach sends a ready phrase (an English source string, with `day` as an ISO date
    for its {day}) in conversation `handoff`: the newcomer reads it in their language, the
    coach sees what they got."""

    handoff: int
    text: str
    day: str | None = None
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class ProposalsAdded(Event):
    """The coach gave other times for a meeting; a newcomer who cannot come is offered them."""

    appointment: int
    times: tuple[datetime, ...]


@dataclass(frozen=True)
class GatheringCreated(Event):
    """An organiser confirmed a new event: it is stored, and they get its join link as text
    and as a QR image, where the event was emitted."""

    new: NewGathering
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class GatheringLinkAsked(Event):
    """The organiser asked for their event's join link again: a new one, as text and QR."""

    event_id: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class GatheringJoined(Event):
    """The person joins the event, or goes on its waiting list when it is full."""

    event_id: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class GatheringLeft(Event):
    """The person cannot come: their place goes to whoever waited longest, who is told."""

    event_id: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class GatheringPlanChanged(Event):
    """The organiser changed when attendees are reminded (names of reminder points)."""

    event_id: int
    plan: tuple[str, ...]
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class GatheringCancelled(Event):
    """The organiser cancelled the event: everyone on its list is told at once."""

    event_id: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class DataExportAsked(Event):
    """The person asked for everything stored about them: a JSON file (with `summary`, the
    readable overview in their language) comes where the event was emitted."""

    summary: str
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class PollAnswered(Event):
    """An answer to a question of an anonymous flow (the smiley poll, the short survey) about
    event `event_id`: counted under a keyed token, never with the person. `answer` is the
    face (0 to 3) or the option's id."""

    event_id: int
    question: str
    answer: str


@dataclass(frozen=True)
class PollSendAsked(Event):
    """The organiser pressed "Send the poll" (or the event ended: `automatic`): every attendee
    who joined gets the poll, once, through the outbox."""

    event_id: int
    automatic: bool = False
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class PollSendGoesOn(Event):
    """The next part of a long list of attendees gets the poll (those after user id `after`);
    the poll closes at `open_until` (an ISO time)."""

    event_id: int
    after: int
    open_until: str


@dataclass(frozen=True)
class GrowthPointKept(Event):
    """The person keeps a growth point, in their own words, from their reflection on an event
    (`event`: its id as the trigger carried it; `title`: its title then)."""

    event: str
    title: str
    text: str


@dataclass(frozen=True)
class GrowthPointRemoved(Event):
    """The person removes one of their own growth points."""

    point: int
