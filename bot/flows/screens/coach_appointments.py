"""My appointments, for a coach: the latest first; one opens its card, where a past one is
marked as came or did not come. A second no-show in a row tells the admins."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from bot.flows import appointments as appts
from bot.flows import permissions
from bot.flows.appointment_time import shown
from bot.flows.events import AttendanceMarked, NoShowsInARow
from bot.flows.screens import appointment_change, plan
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.appointments import (
    CAME,
    CANCELLED,
    CANT_COME,
    MAX_PROPOSALS,
    NO_SHOW,
    PLANNED,
    Appointment,
)
from bot.types import Option

OPENED = "coach_appointment"
SHOW_PREFIX = "appt"
MARK_CAME, MARK_NO_SHOW, ALL = "mark_came", "mark_no_show", "all_appointments"
ADD_TIMES = "add_times"
MARKS = {PLANNED: "", CANT_COME: "🙁 ", CAME: "✅ ", NO_SHOW: "❌ ", CANCELLED: "✖ "}
MOVE_MEETING, CANCEL_MEETING = "move_meeting", "cancel_meeting"


class CoachAppointments(Screen):
    place = "coach_appointments"
    action = permissions.PLAN_MEETINGS
    opens_with: ClassVar[Mapping[str, Any]] = MappingProxyType({OPENED: None})

    def _listed(self, turn: Turn) -> list[Appointment]:
        if turn.user.id is None:
            return []
        return list(turn.lookup.appointments_of(turn.user.id))

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        opened = appts.mine(turn, turn.state.shown.get(OPENED))
        if opened is not None and opened.coach_id == turn.user.id:
            text = _("Your meeting with {name}:").format(name=opened.label) + "\n" \
                + appts.card(_, opened, appts.language_of(turn))
            options = [Option(ALL, _("⬅ All meetings"))]
            if self._may_add_times(turn, opened):
                options.insert(0, Option(ADD_TIMES, _("➕ Other times")))
            if appointment_change.changeable(turn, opened):
                options[-1:-1] = [Option(MOVE_MEETING, _("🕑 Move it")),
                                  Option(CANCEL_MEETING, _("🗑 Cancel it"))]
            if opened.status == PLANNED and opened.starts_at <= turn.incoming.time:
                options[:0] = [Option(MARK_CAME, _("✅ They came")),
                               Option(MARK_NO_SHOW, _("❌ They did not come"))]
            return View(text, tuple(options))
        listed = self._listed(turn)
        if not listed:
            return View(_("You have no meetings yet. Plan one from the menu."))
        language = appts.language_of(turn)
        # A mark made in this turn is stored after it: the list shows it already.
        marked = {event.appointment: CAME if event.came else NO_SHOW
                  for _at, event in turn.effects.emitted() if isinstance(event, AttendanceMarked)}
        return View(_("Your meetings, the latest first. ✅ came, ❌ did not come, 🙁 "
                      "cannot come."),
                    tuple(Option(f"{SHOW_PREFIX}{a.id}",
                                 f"{MARKS.get(marked.get(a.id, a.status), '')}{a.label}, "
                                 f"{shown(a.starts_at, language)}") for a in listed))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        if chosen.startswith(SHOW_PREFIX):
            core.show(turn, self.place, {OPENED: int(chosen.removeprefix(SHOW_PREFIX))})
            return
        opened = appts.mine(turn, turn.state.shown.get(OPENED))
        if opened is not None and chosen in (MOVE_MEETING, CANCEL_MEETING):
            appointment_change.open_change(
                turn, core, opened, appointment_change.BY_MOVING if chosen == MOVE_MEETING
                else appointment_change.BY_CANCELLING)
            return
        if opened is not None and chosen == ADD_TIMES:
            plan.add_times(turn, core, opened)
            return
        if opened is not None and chosen in (MARK_CAME, MARK_NO_SHOW):
            came = chosen == MARK_CAME
            turn.effects.emit(AttendanceMarked(opened.id, came))
            if not came and self._missed_before(turn, opened):
                turn.effects.emit(NoShowsInARow(opened.newcomer_id, opened.label))
                turn.effects.say(_("Noted. This is the second time in a row: the admins are "
                                   "told."))
            else:
                turn.effects.say(_("Noted."))
        core.show(turn, self.place, {OPENED: None})

    @staticmethod
    def _may_add_times(turn: Turn, opened: Appointment) -> bool:
        future = [p for p in opened.proposals if p > turn.incoming.time]
        waiting = opened.status == CANT_COME or (
            opened.status == PLANNED and opened.starts_at > turn.incoming.time)
        return waiting and len(future) < MAX_PROPOSALS

    def _missed_before(self, turn: Turn, opened: Appointment) -> bool:
        """Whether the pair's latest marked appointment before this one was missed."""
        earlier = [a for a in self._listed(turn)
                   if a.newcomer_id == opened.newcomer_id and a.id != opened.id
                   and a.status in (CAME, NO_SHOW) and a.starts_at <= opened.starts_at]
        return bool(earlier) and earlier[0].status == NO_SHOW


SCREEN = CoachAppointments()
