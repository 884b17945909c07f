"""Are you sure? The one confirmation before all of a person's data is deleted."""

from __future__ import annotations

from bot.flows import privacy
from bot.flows.events import PersonErased
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class PrivacyConfirm(Screen):
    place = "privacy_confirm"

    def view(self, turn: Turn, core: Core) -> View:
        return View(*privacy.confirmation(turn), menu=False)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        if chosen == privacy.CONFIRM_DELETE:
            turn.effects.emit(PersonErased())
            turn.effects.say(_("Done. I deleted everything I kept about you. Type /start to "
                               "begin again."))
        else:
            turn.effects.say(_("Good, nothing was deleted."))
            core.show_menu(turn)


SCREEN = PrivacyConfirm()
