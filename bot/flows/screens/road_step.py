"""One step of the roadmap: its items, each marked with the person's progress."""

from __future__ import annotations

from bot.flows import roadmap
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class RoadStep(Screen):
    place = road.STEP
    retired_to = road.OVERVIEW

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View | None:
        content = road.content(core)
        step_id = turn.state.shown.get(road.STEP_SHOWN)
        if step_id not in {s.id for s in content.steps}:
            return None
        return View(*roadmap.step_screen(turn, content, step_id))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == roadmap.UP:
            core.show(turn, road.OVERVIEW)
        else:
            core.show(turn, road.ITEM, {road.ITEM_SHOWN: chosen.removeprefix(
                roadmap.ITEM_OPTION)})


SCREEN = RoadStep()
