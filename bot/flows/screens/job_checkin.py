"""How is your job going? A smiley from 1 to 5, asked after the first workday, a week, and
one, three and six months, and from the menu at any time."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import job
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.steps.scale import typed_face
from bot.flows.turn import Turn


def asking(kind: str) -> dict[str, str]:
    """Where to ask the check-in of this kind (a reminder kind, or job.ANY_TIME)."""
    return {road.CHECKIN_ASKED: kind}


class JobCheckin(Screen):
    place = road.JOB_CHECKIN
    opens_with = asking(job.ANY_TIME)

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core) and job.job(turn.state) is not None

    @staticmethod
    def kind(turn: Turn) -> str:
        return str(turn.state.get(road.CHECKIN_ASKED) or job.ANY_TIME)

    def view(self, turn: Turn, core: Core) -> View:
        return View(*job.question(turn, self.kind(turn)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == job.ASK_COACH:
            job.ask_coach(turn, road.content(core))
            core.show_menu(turn)
        else:
            self.scored(turn, core, int(chosen))

    def typed(self, turn: Turn, core: Core) -> bool:
        face = typed_face(turn.incoming.text)
        if face is not None:
            self.scored(turn, core, face)
        return face is not None

    def retry(self, _: Callable[[str], str]) -> str:
        return _("Please tap a smiley, or type a number from 1 to 5.")

    def scored(self, turn: Turn, core: Core, score: int) -> None:
        job.record(turn, self.kind(turn), score)
        if score <= job.LOW:
            core.show(turn, road.JOB_LOW)
        else:
            turn.effects.say(turn._("Thank you. Good to hear."))
            core.show_menu(turn)


SCREEN = JobCheckin()
