"""Talking to a coach through the bot, the turn's side: the buttons of a handoff (claim, choose
whom to write to, close, end), its reminders, and what a person writes while a conversation is
open, which goes to the other side instead of to the bot. It is a mode (bot/flows/modes.py):
consulted before the normal conversation, it takes an update or leaves it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.flows import handoff_phrases, permissions
from bot.flows.events import (
    HandoffClaimed,
    HandoffClosed,
    HandoffEnded,
    HandoffOverdue,
    HandoffRelayed,
)
from bot.flows.handoff_talk import (
    BUTTON_ID,
    CLOSED_REMINDER,
    HANDOFF_NOTE_LENGTH,
    HO_CLAIM,
    HO_CLOSE,
    HO_END,
    HO_OFFER,
    HO_PHRASES,
    HO_WRITE,
    OVERDUE_REMINDER,
    PHRASE_ID,
    TAG,
    TAKEN_REMINDER,
    button,
    tag,
    taken_text,
)
from bot.flows.screens import handoff_ask, handoff_rating, typed_answer
from bot.flows.screens.base import Core
from bot.flows.turn import Turn
from bot.storage.handoffs import Handoff
from bot.types import Option

# Who may take a request and answer it: coaches, and admins (their tickets: missed meetings).
STAFF = ("coach", "admin")


class HandoffMode:
    """Takes the updates that belong to a handoff; leaves every other one to the conversation."""

    def take(self, turn: Turn, core: Core) -> bool:
        incoming = turn.incoming
        if incoming.kind == "press" and incoming.choice is not None:
            if incoming.choice == HO_OFFER:
                self._offered(turn, core)
                return True
            found = BUTTON_ID.match(incoming.choice) or PHRASE_ID.match(incoming.choice)
            if found:
                self._press(turn, core, found)
                return True
            return False
        if incoming.kind == "timeout":
            return self._reminder(turn, core)
        if incoming.kind not in ("text", "media"):
            return False
        if turn.user.role in STAFF and turn.user.id is not None \
                and not typed_answer.awaited(turn) and self._coach_writes(turn):
            return True
        if turn.state.talk.open:
            return self._newcomer_writes(turn)
        return False

    # The newcomer.

    def _open_request(self, turn: Turn) -> Handoff | None:
        """The person's open request; a marker left from a closed one is cleared."""
        if turn.user.id is None:
            return None
        found = turn.lookup.open_handoff(turn.user.id)
        if found is None:
            turn.state.talk.open = False
        return found

    def _newcomer_writes(self, turn: Turn) -> bool:
        found = self._open_request(turn)
        if found is None:
            return False
        incoming = turn.incoming
        turn.effects.emit(HandoffRelayed(found.id, incoming.text, incoming.media,
                                         incoming.message_ref))
        return True

    def _offered(self, turn: Turn, core: Core) -> None:
        reason, turn.state.talk.offered = turn.state.talk.offered, None
        if self._open_request(turn) is not None:
            turn.effects.say(turn._("You asked for a coach already. A person will answer "
                                    "you here."))
            core.show_menu(turn)
        elif not isinstance(reason, str):
            turn.effects.say(turn._("That button belongs to an earlier message. Here is "
                                    "where we are now:"))
            core.show_menu(turn, new_question=False)
        else:
            core.show(turn, handoff_ask.SCREEN.place, {handoff_ask.HANDOFF_REASON: reason})

    def _ended(self, turn: Turn, core: Core, handoff_id: int) -> None:
        found = self._open_request(turn)
        if found is None or found.id != handoff_id:
            turn.effects.say(turn._("This conversation has ended already."))
            core.show_menu(turn)
            return
        turn.effects.emit(HandoffEnded(found.id))
        turn.state.talk.open = False
        if found.coach is None:
            turn.effects.say(turn._("Your request is withdrawn. You are back with Brug."))
            core.show_menu(turn)
            return
        turn.effects.say(turn._("The conversation has ended. You are back with Brug."))
        core.show(turn, handoff_rating.SCREEN.place, {handoff_rating.HANDOFF_RATED: found.id})

    # The coach.

    def _conversations(self, turn: Turn) -> Sequence[Handoff]:
        assert turn.user.id is not None
        return turn.lookup.conversations_of(turn.user.id)

    def _coach_writes(self, turn: Turn) -> bool:
        conversations = self._conversations(turn)
        incoming, talk = turn.incoming, turn.state.talk
        closing, talk.closing = talk.closing, None
        if closing is not None and incoming.kind == "text" and any(
                c.id == closing for c in conversations):
            note = incoming.text.strip()[:HANDOFF_NOTE_LENGTH]
            turn.effects.emit(HandoffClosed(closing, note))
            return True
        if not conversations:
            return False
        target = self._target(turn, conversations)
        if target is None:
            talk.unsent = {"text": incoming.text, "media": incoming.media,
                           "ref": incoming.message_ref}
            _ = turn._
            turn.effects.say(_("You have more than one open conversation. Whom is this "
                               "message for?"), tuple(
                Option(button(HO_WRITE, c.id), f"✍ {c.newcomer.name} {tag(c.id)}")
                for c in conversations))
            return True
        talk.to, talk.unsent = target.id, None
        turn.effects.emit(HandoffRelayed(target.id, incoming.text, incoming.media,
                                         incoming.message_ref))
        return True

    @staticmethod
    def _target(turn: Turn, conversations: Sequence[Handoff]) -> Handoff | None:
        """Whom a coach's message is for: the sender of the relayed message it replies to;
        otherwise the conversation they last chose; otherwise their only one. None: ask."""
        by_id = {c.id: c for c in conversations}
        replied = turn.incoming.reply_to
        tags = TAG.findall(replied or "")
        if tags:
            # A reply to a closed conversation, or to someone else's, is never guessed at.
            return by_id.get(int(tags[-1]))
        chosen = turn.state.talk.to
        if chosen is not None and chosen in by_id:
            return by_id[chosen]
        return conversations[0] if len(conversations) == 1 else None

    # Buttons and reminders.

    def _press(self, turn: Turn, core: Core, found: re.Match[str]) -> None:
        _ = turn._
        phrase = found.re is PHRASE_ID
        action, handoff_id = ("", int(found[1])) if phrase else (found[1], int(found[2]))
        if action == HO_END:
            self._ended(turn, core, handoff_id)
            return
        if not permissions.allows(turn.user.role, permissions.TAKE_HANDOFFS) \
                or turn.user.id is None:
            # A forged or forwarded coach's button: nothing changes.
            turn.effects.say(permissions.refusal(_))
            core.show_menu(turn, new_question=False)
            return
        if action == HO_CLAIM:
            turn.state.talk.to = handoff_id
            turn.effects.emit(HandoffClaimed(handoff_id))
            return
        mine = {c.id: c for c in self._conversations(turn)}
        chosen = mine.get(handoff_id)
        if chosen is None:
            turn.effects.say(_("This conversation is not open for you (it ended, or someone "
                               "else has it)."))
            return
        if phrase:
            handoff_phrases.chosen(turn, core.content.phrases, chosen, found)
            return
        if action == HO_PHRASES:
            handoff_phrases.show(turn, core.content.phrases, chosen)
            return
        if action == HO_CLOSE:
            turn.state.talk.closing = handoff_id
            turn.effects.say(_("Write one line for your notes about this conversation with "
                               "{name}. Only coaches see it.").format(name=chosen.newcomer.name))
            return
        talk = turn.state.talk
        talk.to, unsent, talk.unsent = handoff_id, talk.unsent, None
        if unsent is not None:
            turn.effects.emit(HandoffRelayed(handoff_id, str(unsent.get("text") or ""),
                                             unsent.get("media"), unsent.get("ref")))
        else:
            turn.effects.say(_("What you write now goes to {name} ({tag}).").format(
                name=chosen.newcomer.name, tag=tag(handoff_id)))

    def _reminder(self, turn: Turn, core: Core) -> bool:
        incoming = turn.incoming
        data = incoming.reminder_data
        if not data.get("handoff", "").isdigit():
            return False
        handoff_id = int(data["handoff"])
        if incoming.reminder == OVERDUE_REMINDER:
            turn.effects.emit(HandoffOverdue(handoff_id))
            return True
        if incoming.reminder == TAKEN_REMINDER:
            found = self._open_request(turn)
            if found is not None and found.id == handoff_id and found.coach is not None:
                turn.state.talk.open = True
                turn.effects.say(taken_text(turn._, found.coach.name),
                                 (Option(button(HO_END, found.id),
                                         turn._("End the conversation")),))
            return True
        if incoming.reminder != CLOSED_REMINDER:
            return False
        if self._open_request(turn) is None:
            turn.effects.say(turn._("{coach} closed the conversation. You are back with "
                                    "Brug.").format(coach=data.get("coach", "")))
            core.show(turn, handoff_rating.SCREEN.place, {handoff_rating.HANDOFF_RATED: handoff_id})
        return True
