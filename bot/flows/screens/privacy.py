"""My data (/privacy): what Brug keeps, with buttons to stop sharing or to delete it all."""

from __future__ import annotations

from bot.flows import consent_choice, privacy
from bot.flows.consent_purposes import COACH_PROFILE, Purpose, by_id
from bot.flows.events import DataExportAsked
from bot.flows.screens import consent_purpose, privacy_confirm, seen_my_data
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn


class Privacy(Screen):
    place = "privacy"

    def view(self, turn: Turn, core: Core) -> View:
        text, options = privacy.overview(turn, core.flow_titles, core.content.flows,
                                         core.content.purposes)
        return View(text, (*options, *seen_my_data.option(turn)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        # Content without purposes still lets the person stop sharing.
        profile = by_id(core.content.purposes).get(COACH_PROFILE) or Purpose(
            COACH_PROFILE, "", "", "")
        if chosen == privacy.EXPORT:
            summary = privacy.summary(turn, core.flow_titles, core.content.flows,
                                      core.content.purposes)
            turn.effects.say(summary)
            turn.effects.emit(DataExportAsked(summary))
            core.show_menu(turn)
        elif chosen == seen_my_data.SCREEN.place:
            core.show(turn, chosen)
        elif chosen == privacy.DELETE:
            core.show(turn, privacy_confirm.SCREEN.place)
        elif chosen == privacy.UNSHARE:
            turn.effects.say(consent_choice.change(turn, profile, False))
            core.show_menu(turn)
        elif chosen.startswith(privacy.OPEN_PURPOSE):
            core.show(turn, consent_purpose.SCREEN.place,
                      {consent_purpose.PURPOSE: chosen.removeprefix(privacy.OPEN_PURPOSE)})


SCREEN = Privacy()
