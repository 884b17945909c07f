"""Flows that keep no answer with the person (`keeps: anonymous`: the smiley poll and the
short survey after an event). Each answer goes out as a PollAnswered event, counted under a
keyed token apart from identity; the run remembers only that the question was answered. A
poll closes at the time its trigger carried (`open_until`); the lowest face offers a person."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.flows.content import StepSpec
from bot.flows.engine import FlowRun
from bot.flows.events import PollAnswered
from bot.flows.handoff_talk import HO_OFFER, TALK_REASON
from bot.flows.steps.smiley import LOWEST
from bot.flows.turn import Turn
from bot.types import Option

# The value a poll's trigger carries: when it closes (an ISO time).
OPEN_UNTIL = "open_until"


def closed(values: Mapping[str, str], now: datetime) -> bool:
    """Whether the poll these trigger values started has closed."""
    until = values.get(OPEN_UNTIL)
    if not until:
        return False
    try:
        return now >= datetime.fromisoformat(until)
    except ValueError:
        return True  # a value nobody wrote is no open poll


def closed_line(turn: Turn) -> str:
    return turn._("This poll is closed now. Thank you all the same!")


def answered(turn: Turn, run: FlowRun, step: StepSpec, value: Any) -> None:
    """Count an answer of an anonymous flow (questions with a `summary` are counted; the
    others only steer the flow); the lowest face offers a person."""
    event = run.values.get("event", "")
    if step.summary and event.isdecimal() and value is not None:
        turn.effects.emit(PollAnswered(int(event), step.id, str(value)))
    if step.type == "smiley" and value == LOWEST:
        _offer_person(turn)


def _offer_person(turn: Turn) -> None:
    """A talk with a coach, offered, never forced. The reason a coach would read is the
    general one: nothing kept says which answer brought the offer."""
    if turn.state.talk.open:
        return
    _ = turn._
    turn.state.talk.offered = TALK_REASON
    turn.effects.say(_("I am sorry it was not good. Do you want to talk to a person about it? "
                       "A coach can answer you here in the chat."),
                     (Option(HO_OFFER, _("💬 Talk to a person")),))
