"""An appointment, for the newcomer: when, where and what about, with "I can't come". Shown
when the coach plans it and at each reminder."""

from __future__ import annotations

from bot.flows import appointments as appts
from bot.flows.events import AppointmentDeclined, CalendarFileWanted
from bot.flows.screens import appointment_move, plan
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.appointments import CANT_COME, PLANNED, Appointment
from bot.types import Option

WILL_COME, NOT_COMING = "will_come", "not_coming"


class AppointmentCard(Screen):
    place = "appointment_card"

    def view(self, turn: Turn, core: Core) -> View | None:
        appointment = appts.mine(turn, turn.state.shown.get(appts.APPOINTMENT_ID))
        if appointment is None or appointment.newcomer_id != turn.user.id:
            return None
        _ = turn._
        text = appts.heading(_, str(turn.state.shown.get(appts.WHICH, "")), False, "") + "\n" \
            + appts.card(_, appointment, appts.language_of(turn))
        if appointment.status != PLANNED:
            return View(text)
        return View(text, (Option(WILL_COME, _("👍 I will come")),
                           Option(NOT_COMING, _("🙁 I can't come"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        appointment = appts.mine(turn, turn.state.shown.get(appts.APPOINTMENT_ID))
        if appointment is None:
            core.show_menu(turn)
            return
        if chosen == WILL_COME:
            turn.effects.say(_("Good. See you then."))
            core.show_menu(turn)
            return
        turn.effects.emit(AppointmentDeclined(appointment.id))
        turn.effects.say(_("I told your coach that you cannot come."))
        if appointment_move.choices(appointment, turn.incoming.time):
            core.show(turn, appointment_move.SCREEN.place,
                      {appts.APPOINTMENT_ID: appointment.id})
            return
        turn.effects.say(_("Your coach will propose a new time."))
        core.show_menu(turn)


SCREEN = AppointmentCard()


def show(turn: Turn, core: Core, appointment: Appointment, which: str) -> None:
    """The card with a new turn; with the calendar file when the meeting is new or moved."""
    core.show(turn, SCREEN.place, {appts.APPOINTMENT_ID: appointment.id, appts.WHICH: which})
    if which in (appts.NEW, appts.MOVED):
        turn.effects.emit(CalendarFileWanted(appointment.id))


def remind(turn: Turn, core: Core) -> None:
    """A reminder of an appointment fell due: the coach reads it; the newcomer gets the card,
    where they can say they cannot come. Nothing for a moved or past appointment."""
    data = turn.incoming.reminder_data
    if appts.FOLLOW_UP_OF in data:
        plan.suggest(turn, core, data[appts.FOLLOW_UP_OF], data.get(appts.AROUND, ""))
        return
    appointment = appts.mine(turn, data.get(appts.APPOINTMENT_ID))
    which = str(data.get(appts.WHICH, appts.NEW))
    if appointment is not None and which == appts.TIMES and appointment.status == CANT_COME \
            and appointment.newcomer_id == turn.user.id:
        core.show(turn, appointment_move.SCREEN.place, {appts.APPOINTMENT_ID: appointment.id})
        return
    if appointment is None or appointment.status != PLANNED:
        return
    _ = turn._
    if turn.user.id == appointment.coach_id:
        turn.effects.say(appts.heading(_, which, True, appointment.label) + "\n"
                         + appts.card(_, appointment, appts.language_of(turn)))
        return
    show(turn, core, appointment, which)
