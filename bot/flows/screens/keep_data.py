"""May Brug keep your data? Asked of someone who wrote nothing for a long time (the retention
job, bot/services/retention.py); without an answer they are erased some days later."""

from __future__ import annotations

from bot.flows import privacy
from bot.flows.screens import privacy_confirm
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.services.retention import KEEP_ASK as ASK
from bot.types import Option

__all__ = ["ASK", "SCREEN", "ask"]


class KeepData(Screen):
    place = "keep_data"

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        return View(
            turn.ngettext(
                "You have not written to me for a long time. May I keep what I know about you? "
                "Without an answer, I delete it in {days} day.",
                "You have not written to me for a long time. May I keep what I know about you? "
                "Without an answer, I delete it in {days} days.", privacy.ANSWER_DAYS).format(
                days=privacy.ANSWER_DAYS),
            (Option(privacy.KEEP_DATA, _("Yes, keep my data")),
             Option(privacy.DELETE, _("Delete all my data"))),
            menu=False)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == privacy.DELETE:
            core.show(turn, privacy_confirm.SCREEN.place)
            return
        # Writing at all counts as an answer: the person is no longer inactive.
        turn.effects.say(turn._("Good. I keep your data."))
        core.show_menu(turn)


SCREEN = KeepData()


def ask(turn: Turn, core: Core) -> None:
    """The retention job's reminder fell due: the question is asked."""
    core.show(turn, SCREEN.place)
