"""Hand over to a colleague, for a coach: one of their newcomers (linked, or in an open
conversation) goes to another coach, with a one-line note for the colleague. The newcomer is
told who takes over; the coach no longer sees them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from bot.flows import permissions
from bot.flows.events import HandedOver
from bot.flows.screens import place
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

HANDOVER_DRAFT = "handover"
WHOM, TO, NOTE = "who", "to", "note"
PICK_NEWCOMER, PICK_COACH = "hn", "hc"
NOTE_LENGTH = 300


def _draft(turn: Turn) -> dict[str, Any]:
    draft = turn.state.shown.get(HANDOVER_DRAFT)
    return draft if isinstance(draft, dict) else {}


def mine(turn: Turn) -> dict[int, str]:
    """The newcomers a coach can hand over: linked to them, or in a conversation they have
    open (by the name they know them by)."""
    if turn.user.id is None:
        return {}
    found = {n.user_id: n.label for n in turn.newcomers}
    for conversation in turn.lookup.conversations_of(turn.user.id):
        found.setdefault(conversation.newcomer.user_id, conversation.newcomer.name)
    return found


class Handover(Screen):
    place = "handover"
    action = permissions.SEE_NEWCOMERS
    opens_with: ClassVar[Mapping[str, Any]] = MappingProxyType({HANDOVER_DRAFT: {"stage": WHOM}})

    def view(self, turn: Turn, core: Core) -> View | None:
        _ = turn._
        draft = _draft(turn)
        stage = draft.get("stage")
        if stage == WHOM:
            people = mine(turn)
            if not people:
                return View(_("You have nobody to hand over."))
            return View(_("Hand over to a colleague. Whom?"), tuple(
                Option(f"{PICK_NEWCOMER}{user_id}", label)
                for user_id, label in people.items()))
        if stage == TO:
            colleagues = [c for c in turn.lookup.care().coaches()
                          if c.person.user_id != turn.user.id]
            if not colleagues:
                return View(_("There is no other coach yet."))
            return View(_("To which colleague? (the number of newcomers each has now)"), tuple(
                Option(f"{PICK_COACH}{c.person.user_id}", f"{c.person.name} ({c.newcomers})")
                for c in colleagues))
        if stage == NOTE:
            return View(_("Write one line for {coach} about {name}. {name} does not see "
                          "it.").format(coach=draft.get("to_name", ""),
                                        name=draft.get("label", "")))
        return None

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        draft = _draft(turn)
        stage = draft.get("stage")
        if stage == WHOM and chosen.startswith(PICK_NEWCOMER):
            newcomer = int(chosen.removeprefix(PICK_NEWCOMER))
            draft = {"stage": TO, "newcomer": newcomer, "label": mine(turn).get(newcomer, "")}
        elif stage == TO and chosen.startswith(PICK_COACH):
            coach = int(chosen.removeprefix(PICK_COACH))
            name = next((c.person.name for c in turn.lookup.care().coaches()
                         if c.person.user_id == coach), "")
            draft = {**draft, "stage": NOTE, "to": coach, "to_name": name}
        turn.state.shown[HANDOVER_DRAFT] = draft
        core.show(turn, self.place)

    def typed(self, turn: Turn, core: Core) -> bool:
        draft = _draft(turn)
        note = " ".join(turn.incoming.text.split())[:NOTE_LENGTH]
        if draft.get("stage") != NOTE or not note:
            return False
        turn.state.shown.pop(HANDOVER_DRAFT, None)
        turn.effects.emit(HandedOver(int(draft["newcomer"]), int(draft["to"]), note))
        core.show_menu(turn)
        return True

    def retry(self, _: Callable[[str], str]) -> str:
        return _("Please tap a button, or write the note.")


SCREEN = Handover()


class HandoverNoteMode:
    """The note is for the colleague: taken before a coach's open conversation would relay
    the text to the newcomer (a mode, bot/flows/modes.py)."""

    def take(self, turn: Turn, core: Core) -> bool:
        if turn.incoming.kind != "text" or place.current(turn) != SCREEN.place \
                or _draft(turn).get("stage") != NOTE:
            return False
        if not SCREEN.typed(turn, core):
            turn.effects.say(SCREEN.retry(turn._))
            core.show(turn, SCREEN.place, new_question=False)
        return True
