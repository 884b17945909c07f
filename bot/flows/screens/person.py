"""Talk to a person: where to find one; someone whose coach sees their profile can also ask
the coach, right here, to get in touch."""

from __future__ import annotations

from bot.flows import coaching, privacy
from bot.flows.events import HelpAsked
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn

PAGE = "person"


def _page(turn: Turn, core: Core) -> str:
    page = core.content.pages[PAGE]
    return f"{turn._(page.title)}\n\n{turn._(page.text)}"


class Person(Screen):
    place = "person"

    def available(self, turn: Turn, core: Core) -> bool:
        return PAGE in core.content.pages

    def instead(self, turn: Turn, core: Core) -> str | None:
        return None if privacy.sharing_with(turn) else _page(turn, core)

    def view(self, turn: Turn, core: Core) -> View:
        return View(_page(turn, core), (coaching.contact_option(turn),))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        turn.effects.emit(HelpAsked(coaching.TALK_TOPIC))
        turn.effects.say(turn._("I sent your coach a message. Coaches are often volunteers, so "
                                "an answer can take a day or two."))
        core.show_menu(turn)


SCREEN = Person()
