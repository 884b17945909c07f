"""After a talk with a coach: one smiley question about the help, then the menu."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows.events import HandoffRated
from bot.flows.screens import talk_offer
from bot.flows.screens.base import Core, Screen, View
from bot.flows.steps.scale import face_options, typed_face
from bot.flows.turn import Turn

# The state key of the conversation the question is about.
HANDOFF_RATED = "handoff_rated"
LOWEST = 1


class HandoffRating(Screen):
    place = "handoff_rating"

    def view(self, turn: Turn, core: Core) -> View:
        return View(turn._("Did the talk with the coach help you?"), face_options())

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        self._rated(turn, core, int(chosen))

    def typed(self, turn: Turn, core: Core) -> bool:
        face = typed_face(turn.incoming.text)
        if face is None:
            return False
        self._rated(turn, core, face)
        return True

    @staticmethod
    def _rated(turn: Turn, core: Core, score: int) -> None:
        rated = turn.state.shown.pop(HANDOFF_RATED, None)
        if isinstance(rated, int):
            turn.effects.emit(HandoffRated(rated, score))
        turn.effects.say(turn._("Thank you."))
        if score == LOWEST:
            # The lowest smiley: a person is offered again, never forced.
            talk_offer.offer(turn, core, talk_offer.LOW, talk_offer.LOW_REASON)
            return
        core.show_menu(turn)

    def retry(self, _: Callable[[str], str]) -> str:
        return _("Please tap a smiley, or type a number from 1 to 5.")


SCREEN = HandoffRating()
