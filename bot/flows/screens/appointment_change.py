"""A coach cancels or moves a meeting that is still ahead: cancelling asks once more, moving
asks for the new day and hour. The newcomer is told in their own language, with a calendar
file for the new time or the cancellation."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import appointment_time, permissions
from bot.flows import appointments as appts
from bot.flows.events import AppointmentCancelled, AppointmentRescheduled
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.appointments import CANT_COME, PLANNED, Appointment
from bot.types import Option

# The state keys: which meeting, and whether it is being cancelled or moved.
CHANGING, HOW = "changing", "change_how"
BY_CANCELLING, BY_MOVING = "cancel", "move"
YES_CANCEL, KEEP = "yes_cancel", "keep_meeting"
# Where the coach goes back to: their meetings, the one they opened.
LIST_PLACE, LIST_OPENED = "coach_appointments", "coach_appointment"


def changeable(turn: Turn, appointment: Appointment) -> bool:
    """A coach's own meeting that is still ahead and not cancelled or marked."""
    return appointment.coach_id == turn.user.id and appointment.status in (PLANNED, CANT_COME) \
        and appointment.starts_at > turn.incoming.time


class AppointmentChange(Screen):
    place = "appointment_change"
    action = permissions.PLAN_MEETINGS

    def _appointment(self, turn: Turn) -> Appointment | None:
        found = appts.mine(turn, turn.state.shown.get(CHANGING))
        return found if found is not None and changeable(turn, found) else None

    def view(self, turn: Turn, core: Core) -> View | None:
        _ = turn._
        found = self._appointment(turn)
        if found is None:
            return None
        card = appts.card(_, found, appts.language_of(turn))
        if turn.state.shown.get(HOW) == BY_MOVING:
            return View(_("Move your meeting with {name}:").format(name=found.label) + "\n"
                        + card + "\n\n" + _("When is the new time? Type the day and the hour, "
                                            "like 14/01 14:30."),
                        (Option(KEEP, _("⬅ Keep it as it is")),))
        return View(_("Cancel your meeting with {name}?").format(name=found.label) + "\n" + card
                    + "\n\n" + _("{name} is told in their own language.").format(
                        name=found.label),
                    (Option(YES_CANCEL, _("🗑 Yes, cancel it")),
                     Option(KEEP, _("⬅ Keep it as it is"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        found = self._appointment(turn)
        if found is not None and chosen == YES_CANCEL:
            turn.effects.emit(AppointmentCancelled(found.id))
            turn.effects.say(turn._("Cancelled. {name} is told.").format(name=found.label))
            core.show(turn, LIST_PLACE, {LIST_OPENED: None})
            return
        core.show(turn, LIST_PLACE, {LIST_OPENED: found.id if found is not None else None})

    def typed(self, turn: Turn, core: Core) -> bool:
        found = self._appointment(turn)
        if found is None or turn.state.shown.get(HOW) != BY_MOVING:
            return False
        moment = appointment_time.parse(turn.incoming.text, turn.incoming.time)
        if moment is None:
            return False
        turn.effects.emit(AppointmentRescheduled(found.id, moment))
        core.show(turn, LIST_PLACE, {LIST_OPENED: None})
        return True

    def retry(self, _: Callable[[str], str]) -> str:
        return _("I did not understand that. A time in the future, please.") + " " \
            + _("Type the day and the hour, like 14/01 14:30.")


SCREEN = AppointmentChange()


def open_change(turn: Turn, core: Core, appointment: Appointment, how: str) -> None:
    core.show(turn, SCREEN.place, {CHANGING: appointment.id, HOW: how})
