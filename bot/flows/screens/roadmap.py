"""Steps to a job: the nine steps with their progress, the sector and the networking plan."""

from __future__ import annotations

from bot.flows import roadmap
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class Overview(Screen):
    place = road.OVERVIEW

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View:
        return View(*roadmap.overview(turn, road.content(core)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == roadmap.CHOOSE_SECTOR:
            if not road.needs_consent(turn, core):
                core.show(turn, road.SECTORS)
        elif chosen == roadmap.NETWORK_OPTION:
            plan = road.content(core).network
            done = set(roadmap.progress(turn.state).network)
            first_open = next((n for n, s in enumerate(plan) if s.id not in done), 0)
            core.show(turn, road.NETWORK, {road.NETWORK_SHOWN: first_open})
        else:
            core.show(turn, road.STEP, {road.STEP_SHOWN: chosen.removeprefix(
                roadmap.STEP_OPTION)})


SCREEN = Overview()
