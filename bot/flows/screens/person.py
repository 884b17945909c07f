"""Talk to a person: where to find one, and a coach to talk with right here in the chat;
someone whose coach sees their profile can also ask that coach to get in touch."""

from __future__ import annotations

from bot.flows import coaching, privacy
from bot.flows.events import HelpAsked
from bot.flows.handoff_talk import TALK_NOW, TALK_REASON, talk_option
from bot.flows.screens import handoff_ask
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

    def view(self, turn: Turn, core: Core) -> View:
        options = [talk_option(turn)]
        if privacy.sharing_with(turn):
            options.append(coaching.contact_option(turn))
        return View(_page(turn, core), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        if chosen == TALK_NOW:
            if turn.state.talk.open and turn.user.id is not None \
                    and turn.lookup.open_handoff(turn.user.id) is not None:
                turn.effects.say(_("You asked for a coach already. A person will answer you "
                                   "here."))
                core.show_menu(turn)
            else:
                core.show(turn, handoff_ask.SCREEN.place,
                          {handoff_ask.HANDOFF_REASON: TALK_REASON})
            return
        turn.effects.emit(HelpAsked(coaching.TALK_TOPIC))
        turn.effects.say(_("I sent your coach a message. Coaches are often volunteers, so "
                           "an answer can take a day or two."))
        core.show_menu(turn)


SCREEN = Person()
