"""A new time, for a newcomer who cannot come: the other times their coach proposed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.flows import appointments as appts
from bot.flows.appointment_time import shown
from bot.flows.events import AppointmentMoved, CalendarFileWanted
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.appointments import CANT_COME, Appointment
from bot.types import Option

NONE_FITS = "none_fits"
TIME_PREFIX = "time"


def choices(appointment: Appointment, now: datetime) -> list[datetime]:
    return [p for p in appointment.proposals if p > now]


class AppointmentMove(Screen):
    place = "appointment_move"

    def _open(self, turn: Turn) -> Appointment | None:
        appointment = appts.mine(turn, turn.state.shown.get(appts.APPOINTMENT_ID))
        if appointment is None or appointment.newcomer_id != turn.user.id:
            return None
        return appointment

    def view(self, turn: Turn, core: Core) -> View | None:
        appointment = self._open(turn)
        if appointment is None:
            return None
        _ = turn._
        language = appts.language_of(turn)
        options = [Option(f"{TIME_PREFIX}{i}", shown(p, language))
                   for i, p in enumerate(appointment.proposals) if p > turn.incoming.time]
        return View(_("Your coach proposed other times. Which one suits you?"),
                    (*options, Option(NONE_FITS, _("None of these"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        appointment = self._open(turn)
        index = chosen.removeprefix(TIME_PREFIX)
        if appointment is None or chosen == NONE_FITS or not index.isdigit() \
                or appointment.status != CANT_COME:
            turn.effects.say(_("Your coach will propose a new time."))
            core.show_menu(turn)
            return
        new_time = appointment.proposals[int(index)]
        turn.effects.emit(AppointmentMoved(appointment.id, new_time))
        moved = replace(appointment, starts_at=new_time)
        turn.effects.say(appts.heading(_, appts.MOVED, False, "") + "\n"
                         + appts.card(_, moved, appts.language_of(turn)))
        # Applied after the move, so the file has the new time.
        turn.effects.emit(CalendarFileWanted(appointment.id))
        core.show_menu(turn)


SCREEN = AppointmentMove()
