"""The one dispatch for every screen: find it by place name, show it, match a reply to its
options, and re-ask kindly when the reply is none of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.flows import permissions
from bot.flows.screens import menu, place
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.registry import SCREENS
from bot.flows.steps.base import Choices, Reply
from bot.flows.turn import Turn

MENU = menu.SCREEN.place


class Dispatch:
    """Shows and answers the screen a person is on; the conversation goes only through here."""

    def __init__(self, core: Core, screens: Mapping[str, Screen] = SCREENS) -> None:
        self.core = core
        self.screens = screens

    def find(self, turn: Turn, name: str | None) -> Screen | None:
        """The screen of that name, if it exists and is offered to this person."""
        screen = self.screens.get(name or "")
        return screen if screen is not None and self.permitted(turn, screen) \
            and screen.available(turn, self.core) else None

    @staticmethod
    def permitted(turn: Turn, screen: Screen) -> bool:
        """Whether the person's role may do what the screen is for (bot/flows/permissions.py)."""
        return permissions.allows(turn.user.role, screen.action)

    def refuse(self, turn: Turn) -> None:
        """One clear line, then the menu; nothing the screen would do is done."""
        turn.effects.say(permissions.refusal(turn._))
        self.show(turn, MENU)

    def open(self, turn: Turn, name: str) -> bool:
        """Open a screen from the menu or a command; False if there is none for this person."""
        screen = self.find(turn, name)
        if screen is None:
            return False
        screen.opening(turn, self.core)
        self.show(turn, name, screen.opens_with)
        return True

    def show(self, turn: Turn, name: str, where: Mapping[str, Any] | None = None, *,
             new_question: bool = True) -> None:
        screen = self.screens.get(name)
        if screen is None:
            self.fall_back(turn)
            return
        if not self.permitted(turn, screen):
            self.refuse(turn)
            return
        instead = screen.instead(turn, self.core)
        if instead is not None:
            turn.effects.say(instead)
            self.show(turn, MENU, new_question=False)
            return
        new_question = place.enter(turn, name, where or {}) or new_question
        view = screen.view(turn, self.core)
        if view is None and screen.retired_to is not None:
            self.show(turn, screen.retired_to, new_question=new_question)
            return
        if view is None:
            self.fall_back(turn)
            return
        options = (*view.options, self.core.menu_option(turn)) if view.menu else view.options
        turn.effects.say(view.text, options, self.core.turn_number(turn, new_question))

    def _linked(self, turn: Turn, payload: str) -> tuple[str, Mapping[str, Any]] | None:
        for name, screen in self.screens.items():
            where = screen.opened_by_link(turn, payload)
            if where is not None:
                return name, where
        return None

    def open_link(self, turn: Turn, payload: str) -> bool:
        """Show the screen a deep link opens; False if it opens none."""
        found = self._linked(turn, payload)
        if found is not None:
            self.show(turn, found[0], found[1])
        return found is not None

    def keep_link(self, turn: Turn, payload: str) -> None:
        """Remember the screen a deep link opens, to show it once onboarding is done."""
        found = self._linked(turn, payload)
        if found is not None:
            place.keep(turn, found[0], found[1])

    def show_kept(self, turn: Turn) -> bool:
        """Show the screen kept for later, if any (and still there); True if one was shown."""
        kept = place.take_kept(turn)
        if kept is None or self.find(turn, kept[0]) is None:
            return False
        self.show(turn, kept[0], kept[1])
        return True

    def show_current(self, turn: Turn) -> None:
        """The screen the person is on, again (after /start, a photo, an old button)."""
        self.show(turn, place.current(turn) or "", new_question=False)

    def reply(self, turn: Turn) -> None:
        """A pressed option or typed text on the screen the person is on."""
        here = self.screens.get(place.current(turn) or "")
        if here is not None and not self.permitted(turn, here):
            # Checked before the screen reads anything: a forged or stale button changes
            # nothing.
            self.refuse(turn)
            return
        found = self._showing(turn)
        if found is None:
            self.fall_back(turn)
            return
        name, screen, view = found
        incoming = turn.incoming
        chosen = Choices(view.options, turn.translator).match(Reply(incoming.choice, incoming.text))
        if chosen is not None:
            screen.choose(turn, self.core, chosen)
        elif incoming.choice is not None or not screen.typed(turn, self.core):
            turn.effects.say(screen.retry(turn._))
            self.show(turn, name, new_question=False)

    def _showing(self, turn: Turn) -> tuple[str, Screen, View] | None:
        """The screen the person sees and what it shows, following retired content."""
        name = place.current(turn) or ""
        for _ in range(len(self.screens)):  # bounded, whatever `retired_to` says
            screen = self.screens.get(name)
            if screen is None:
                return None
            view = screen.view(turn, self.core)
            if view is not None:
                return name, screen, view
            if screen.retired_to is None:
                return None
            name = screen.retired_to
        return None

    def fall_back(self, turn: Turn) -> None:
        """A place that no longer exists (an old stored state): the menu, with a kind line."""
        turn.effects.say(turn._("Brug has changed since you were last here. Here is the menu."))
        self.show(turn, MENU)
