"""After a low smiley: an offer to talk to a coach."""

from __future__ import annotations

from bot.flows import job
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

NO_THANKS = "no_thanks"


class JobLow(Screen):
    place = road.JOB_LOW

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        return View(_("I am sorry it is hard. A coach can think along with you. Do you want to "
                      "talk to a coach?"),
                    (Option(job.ASK_COACH, _("🙋 Yes, talk to a coach")),
                     Option(NO_THANKS, _("No, thank you"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == job.ASK_COACH:
            job.ask_coach(turn, road.content(core))
        else:
            turn.effects.say(turn._("That is fine. You can ask for a coach at any time in the "
                                    "menu."))
        core.show_menu(turn)


SCREEN = JobLow()
