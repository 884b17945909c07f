"""Dutch beside my language: a person who practises Dutch sees every message also in simple
Dutch, a line under it (bot/i18n/beside.py); buttons stay in their language. Shown after
they change their language (content/language.yaml, `then:`), and not to Dutch speakers."""

from __future__ import annotations

from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.menu import SCREEN as MENU
from bot.flows.turn import Turn
from bot.i18n.beside import DUTCH
from bot.types import Option

BESIDE_ON, BESIDE_OFF = "beside_on", "beside_off"
CHOSEN = "✓ "


class DutchBesideScreen(Screen):
    place = "dutch_beside"
    # Someone who reads Dutch already has nothing to choose here: the menu shows instead.
    retired_to = MENU.place

    def available(self, turn: Turn, core: Core) -> bool:
        return turn.translator.code != DUTCH

    def view(self, turn: Turn, core: Core) -> View | None:
        if not self.available(turn, core):
            return None
        _ = turn._
        on = turn.state.dutch_beside
        return View(
            _("Do you want to see every message in simple Dutch too, in a line under it? "
              "It helps you practise Dutch."),
            (Option(BESIDE_ON, (CHOSEN if on else "") + _("Yes, Dutch too")),
             Option(BESIDE_OFF, ("" if on else CHOSEN) + _("No, only my language"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        turn.state.dutch_beside = chosen == BESIDE_ON
        turn.effects.say(turn._("Saved."))
        core.show_menu(turn)


SCREEN = DutchBesideScreen()
