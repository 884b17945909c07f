"""Measuring change: answers to measured questions kept with their date, asked again three
months after the intake, and shown as then and now."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot.flows import profile
from bot.flows.content import CHECKIN, CHECKIN_REMINDER, Content, FlowSpec, StepSpec
from bot.flows.events import RemindersCancelled, ReminderSet
from bot.flows.state import ConversationState
from bot.flows.turn import Turn
from bot.i18n import formats

CHECKIN_AFTER = timedelta(days=91)
# The check-in flow starts on these reminders (its trigger, bot/flows/content.py); the one after
# an event is a kind of its own, so a new intake never cancels it.
REMINDER = CHECKIN_REMINDER
MORNING = time(8, 0)


def record(turn: Turn, step: StepSpec, value: Any) -> None:
    """Keep this answer with today's date; a second answer on the same day replaces the first."""
    if not step.measure:
        return
    history = turn.state.measures.setdefault(step.id, [])
    today = turn.incoming.time.date().isoformat()
    if history and history[-1][0] == today:
        history[-1] = [today, value]
    else:
        history.append([today, value])


def schedule(turn: Turn, spec: FlowSpec) -> None:
    """After the part of the intake that holds measured questions: ask again in three months."""
    if spec.name == CHECKIN or not any(step.measure for step in spec.steps):
        return
    turn.effects.emit(RemindersCancelled(REMINDER))
    day = (turn.incoming.time + CHECKIN_AFTER).date()
    turn.effects.emit(ReminderSet(REMINDER, datetime.combine(day, MORNING, tzinfo=UTC)))


def then_and_now(turn: Turn, content: Content, state: ConversationState | None = None
                 ) -> str | None:
    """A line per measured question answered at two moments: the first and the latest (of
    the person in this turn, or of the given state, read in this turn's language)."""
    _ = turn._
    measures = (turn.state if state is None else state).measures
    lines = []
    for step in content.measured():
        history = measures.get(step.id) or []
        if len(history) < 2:
            continue
        (first_day, first), last = history[0], history[-1][1]
        lines.append(_("- {question}: {then} on {then_date}, now {now}").format(
            question=_(step.summary or step.prompt),
            then=profile.display(turn, step, first), then_date=_day(turn, first_day),
            now=profile.display(turn, step, last)))
    if not lines:
        return None
    return "\n".join([_("What changed:"), *lines])


def _day(turn: Turn, iso: str) -> str:
    return formats.long_date(date.fromisoformat(iso), turn.translator.code)
