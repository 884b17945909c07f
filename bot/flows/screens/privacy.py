"""My data (/privacy): what Brug keeps, with buttons to stop sharing or to delete it all."""

from __future__ import annotations

from bot.flows import privacy
from bot.flows.events import DataExportAsked, SharingChanged
from bot.flows.screens import privacy_confirm, seen_my_data
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class Privacy(Screen):
    place = "privacy"

    def view(self, turn: Turn, core: Core) -> View:
        text, options = privacy.overview(turn, core.flow_titles, core.content.flows)
        return View(text, (*options, *seen_my_data.option(turn)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == privacy.EXPORT:
            summary = privacy.summary(turn, core.flow_titles, core.content.flows)
            turn.effects.say(summary)
            turn.effects.emit(DataExportAsked(summary))
            core.show_menu(turn)
        elif chosen == seen_my_data.SCREEN.place:
            core.show(turn, chosen)
        elif chosen == privacy.DELETE:
            core.show(turn, privacy_confirm.SCREEN.place)
        elif chosen == privacy.UNSHARE:
            for coach in privacy.sharing_with(turn):
                turn.effects.emit(SharingChanged(coach, shared=False))
            turn.effects.say(turn._("Done. Your coach no longer sees your profile."))
            core.show_menu(turn)


SCREEN = Privacy()
