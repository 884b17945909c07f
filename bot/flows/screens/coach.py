"""My newcomers, for a coach: the people linked to them; one opens their shared profile."""

from __future__ import annotations

from bot.flows import coaching, permissions
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class Coach(Screen):
    place = "coach"
    action = permissions.SEE_NEWCOMERS

    def available(self, turn: Turn, core: Core) -> bool:
        return turn.user.role == "coach"

    def view(self, turn: Turn, core: Core) -> View:
        return View(*coaching.newcomer_list(turn))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        linked = next(n for n in turn.newcomers if coaching.newcomer_option(n) == chosen)
        turn.effects.say(coaching.profile_of(turn, core.content, linked), apart=True)
        core.show(turn, self.place, new_question=False)


SCREEN = Coach()
