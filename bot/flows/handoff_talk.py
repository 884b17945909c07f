"""Talking to a coach: the names a handoff's buttons, reminders and state keys go by, the
offer of a talk after a request for help."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.flows import privacy
from bot.flows.turn import Turn
from bot.i18n import N_
from bot.types import Option

# Button ids: an action and a request's number ("hoc.12"), or the offer ("hoo").
HO_CLAIM, HO_WRITE, HO_CLOSE, HO_END, HO_OFFER = "hoc", "hot", "hox", "hoe", "hoo"
HO_PHRASES = "hop"
BUTTON_ID = re.compile(r"^(ho[ctxep])\.(\d{1,12})$")
# A phrase chosen for a conversation ("hph.12.3"), or with its day ("hpd.12.3.20260106").
PHRASE_ID = re.compile(r"^hp[hd]\.(\d{1,12})\.(\d{1,3})(?:\.(\d{8}))?$")
# A relayed message names its conversation as "#12": a coach's reply to it goes there.
TAG = re.compile(r"#(\d{1,12})\b")

# Reminder kinds: nobody took the request in time; the coach closed the conversation.
OVERDUE_REMINDER, CLOSED_REMINDER = "handoff_overdue", "handoff_closed"
# A coach took an urgent request that the person did not ask for in the chat: they hear it in
# a turn of their own, which opens the conversation on their side.
TAKEN_REMINDER = "handoff_taken"

HANDOFF_NOTE_LENGTH = 500
# The reason of a request made from Talk to a person.
TALK_REASON = N_("They want to talk to a coach")
TALK_NOW = "talk_now"


def talk_option(turn: Turn) -> Option:
    return Option(TALK_NOW, turn._("💬 Talk to a coach here"))


def taken_text(_: Callable[[str], str], coach: str) -> str:
    """What the newcomer hears when a coach takes their request."""
    return _("{coach}, a coach, will answer you here. Write your question.").format(coach=coach)


def tag(handoff_id: int) -> str:
    return f"#{handoff_id}"


def button(action: str, handoff_id: int) -> str:
    return f"{action}.{handoff_id}"


def offer(turn: Turn, reason: str) -> None:
    """Offer, never force, a talk with a coach when someone asked for help and no coach of
    theirs hears of it. `reason` is an English source string."""
    if turn.state.talk.open or privacy.sharing_with(turn):
        return
    _ = turn._
    turn.state.talk.offered = reason
    turn.effects.say(_("Do you want to talk to a coach about it? A person can answer you "
                       "here in the chat."), (Option(HO_OFFER, _("💬 Talk to a coach")),))
