"""My link, for a coach: the link newcomers open to be linked to them, as text and as a QR
image, with a button to renew it (the earlier links stop working)."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.events import CoachLinkAsked
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

RENEW = "renew_link"


class MyLink(Screen):
    place = "my_link"
    action = permissions.COACH_LINK

    def opening(self, turn: Turn, core: Core) -> None:
        # Only a hash of a link is kept, so each opening makes a new one; earlier ones work on.
        turn.effects.emit(CoachLinkAsked())

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        return View(_("Did someone get your link who should not have it? Renew it: your "
                      "earlier links stop working, and you get a new one."),
                    (Option(RENEW, _("🔄 Renew my link")),))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        turn.effects.emit(CoachLinkAsked(renew=True))
        core.show(turn, self.place, new_question=False)


SCREEN = MyLink()
