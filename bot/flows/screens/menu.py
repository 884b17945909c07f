"""The main menu: the items of content/menu.yaml that apply to this person."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import onboarding
from bot.flows.commands import Opens
from bot.flows.content import MenuItem
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option


def opens(item: MenuItem) -> Opens:
    return Opens(screen=item.screen, flow=item.flow, page=item.page)


class Menu(Screen):
    place = "menu"

    @staticmethod
    def items(turn: Turn, core: Core) -> list[MenuItem]:
        consented = onboarding.has_consent(turn.user)
        return [
            item for item in core.content.menu
            if not (item.id == "consent" and consented)
            and not (item.requires_consent and not consented)
            and not (item.screen and not core.offers(turn, item.screen))
            and not (item.flow and not core.offers_flow(turn, item.flow))
        ]

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        options = tuple(Option(item.id, _(item.label)) for item in self.items(turn, core))
        return View(_(core.content.menu_prompt), options, menu=False)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        item = next(i for i in self.items(turn, core) if i.id == chosen)
        core.open(turn, opens(item))

    def retry(self, _: Callable[[str], str]) -> str:
        return _("I did not understand that. I am a bot: please choose from the menu.")


SCREEN = Menu()
