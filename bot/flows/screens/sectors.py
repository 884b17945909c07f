"""Choose my sector: the steps then show the extra items for that sector."""

from __future__ import annotations

from bot.flows import roadmap
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class Sectors(Screen):
    place = road.SECTORS

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View:
        return View(*roadmap.sector_screen(turn, road.content(core)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen != roadmap.UP and road.needs_consent(turn, core):
            return
        if chosen != roadmap.UP:
            sector = road.content(core).sector(chosen.removeprefix(roadmap.SECTOR_OPTION))
            roadmap.writable(turn).sector = sector.id if sector else ""
            if sector:
                turn.effects.say(turn._("Your sector: {sector}. The steps now show extra items "
                                        "for it.").format(sector=turn._(sector.label)))
            else:
                turn.effects.say(turn._("Fine. The steps show the items for everyone."))
        core.show(turn, road.OVERVIEW)


SCREEN = Sectors()
