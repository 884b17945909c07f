"""Appointments as people read them: the card with the time, the place and the topic, in the
reader's language and in Brussels time, and what a reminder that fell due does."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import runs
from bot.flows.appointment_time import shown
from bot.flows.turn import Turn
from bot.storage.appointments import Appointment

# Reminders of one appointment share a kind, so that they are cancelled together.
KIND_PREFIX = "appointment:"
# The state and reminder-data keys: which appointment, and which reminder it is.
APPOINTMENT_ID = "appointment"
WHICH = "which"
NEW, EVE, SOON, MOVED, TIMES = "new", "eve", "soon", "moved", "times"


def reminder_kind(appointment_id: int) -> str:
    return f"{KIND_PREFIX}{appointment_id}"


def is_reminder(kind: str | None) -> bool:
    return bool(kind) and str(kind).startswith(KIND_PREFIX)


def language_of(turn: Turn) -> str:
    return turn.translator.language.code


def card(_: Callable[[str], str], appointment: Appointment, language: str) -> str:
    return _("🗓 {time}\n📍 {place}\n💬 {topic}").format(
        time=shown(appointment.starts_at, language), place=appointment.place,
        topic=appointment.topic)


def heading(_: Callable[[str], str], which: str, for_coach: bool, label: str) -> str:
    if for_coach:
        return {EVE: _("Reminder: tomorrow you meet {name}."),
                SOON: _("Reminder: in two hours you meet {name}.")}.get(
                    which, _("Your meeting with {name}:")).format(name=label)
    return {NEW: _("Your coach planned a meeting with you."),
            MOVED: _("Your new time with your coach:"),
            EVE: _("Reminder: tomorrow you meet your coach."),
            SOON: _("Reminder: in two hours you meet your coach.")}.get(
                which, _("Your meeting with your coach:"))


def mine(turn: Turn, appointment_id: object) -> Appointment | None:
    """The appointment, if this person is its coach or its newcomer."""
    if turn.user.id is None or not str(appointment_id).isdigit():
        return None
    found = turn.lookup.appointment(int(str(appointment_id)))
    if found is None or turn.user.id not in (found.coach_id, found.newcomer_id):
        return None
    return found


# The intake's question "Do you want a follow-up talk with a coach in about two weeks?"
FOLLOW_UP_FLOW, FOLLOW_UP_STEP = "intake_help", "follow_up"
FOLLOW_UP_AFTER_DAYS = 14
# Reminder data: the newcomer who wants the talk, and around when.
FOLLOW_UP_OF, AROUND = "follow_up", "around"


def wants_follow_up(turn: Turn) -> bool:
    return runs.answers(turn.state, FOLLOW_UP_FLOW).get(FOLLOW_UP_STEP) == "yes"


def follow_up_kind(newcomer_id: int) -> str:
    return f"{KIND_PREFIX}follow_up:{newcomer_id}"
