"""When the attendees of one of the organiser's events are reminded: each point on or off,
then saved (new points are scheduled for everyone on the list)."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.events import GatheringPlanChanged
from bot.flows.gathering_reminders import POINTS
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_admin import PLAN_KEY, PLAN_SCREEN, own_event
from bot.flows.turn import Turn
from bot.types import Option

SAVE_PLAN = "plan_save"


def _chosen(turn: Turn) -> list[str]:
    plan = turn.state.shown.get(PLAN_KEY)
    return [point for point in POINTS if isinstance(plan, list) and point in plan]


class EventPlan(Screen):
    place = PLAN_SCREEN
    action = permissions.ORGANISE

    def view(self, turn: Turn, core: Core) -> View | None:
        if own_event(turn) is None:
            return None
        _ = turn._
        chosen = _chosen(turn)
        return View(_("When do the people on the list get a reminder? Tap to turn one on or "
                      "off, then Save."), (
            *(Option(point, f"{'✅' if point in chosen else '▫️'} {_(label)}")
              for point, (label, _due) in POINTS.items()),
            Option(SAVE_PLAN, _("💾 Save"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        event = own_event(turn)
        assert event is not None  # the view showed options, so it found the event
        plan = _chosen(turn)
        if chosen == SAVE_PLAN:
            turn.effects.emit(GatheringPlanChanged(event.id, tuple(plan)))
            turn.state.shown.pop(PLAN_KEY, None)
            core.show_menu(turn)
            return
        turn.state.shown[PLAN_KEY] = [p for p in plan if p != chosen] if chosen in plan \
            else [*plan, chosen]
        core.show(turn, self.place, new_question=False)


SCREEN = EventPlan()
