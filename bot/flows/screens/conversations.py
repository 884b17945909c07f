"""My conversations, for a coach: the open conversations with newcomers (a button chooses whom
they write to) and their notes on the latest closed ones."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.handoff_talk import HO_WRITE, button, tag
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option


class Conversations(Screen):
    place = "conversations"
    action = permissions.TAKE_HANDOFFS

    def available(self, turn: Turn, core: Core) -> bool:
        # The table lets an admin take a request too, from its alert; the menu's list of
        # conversations is a coach's desk.
        return turn.user.role == permissions.COACH

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        assert turn.user.id is not None  # a coach has written before
        open_now = turn.lookup.conversations_of(turn.user.id)
        lines = [_("Your open conversations. Tap one to write to that person.")
                 if open_now else _("You have no open conversations.")]
        notes = turn.lookup.notes_of(turn.user.id)
        if notes:
            lines.append(_("Your notes on closed conversations:"))
            lines += [f"{tag(number)} {name}: {note}" for number, name, note in notes]
        # The buttons are the handoff's own: the mode takes them before this screen would.
        return View("\n".join(lines), tuple(
            Option(button(HO_WRITE, c.id), f"✍ {c.newcomer.name} {tag(c.id)}")
            for c in open_now))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        core.show(turn, self.place, new_question=False)


SCREEN = Conversations()
