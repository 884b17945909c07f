"""What follows an answer besides the next question: where to get help with what was chosen,
a word to the coach when help was asked, and a reminder before a date that was given."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.flows import handoff_talk, measures, runs
from bot.flows.content import Content, FlowSpec, StepSpec
from bot.flows.events import HelpAsked, RemindersCancelled, ReminderSet
from bot.flows.turn import Turn
from bot.i18n import formats

# Reminders about a date arrive in the morning (UTC; 9 or 10 o'clock in Belgium).
REMIND_AT = time(8, 0)
DATE_REMINDER = "date_"


def after_answer(turn: Turn, spec: FlowSpec, step: StepSpec, value: object) -> None:
    measures.record(turn, step, value)
    chosen = set(value) if isinstance(value, list) else {value}
    notes = [turn._(option.note) for option in step.options
             if option.note and option.id in chosen]
    if notes:
        turn.effects.say("\n\n".join(notes))
    if step.tell_coach and value == "yes" and step.summary:
        turn.effects.emit(HelpAsked(step.summary))
        handoff_talk.offer(turn, step.summary)
    if step.remind and isinstance(value, str):
        kind = DATE_REMINDER + step.id
        # A changed date replaces the reminder of the old one.
        turn.effects.emit(RemindersCancelled(kind))
        given = date.fromisoformat(value)
        if given <= turn.incoming.time.date():
            return
        day = given - timedelta(days=step.remind.days_before)
        # Never at once: a reminder right after the answer would only repeat it.
        day = max(day, turn.incoming.time.date() + timedelta(days=1))
        turn.effects.emit(ReminderSet(kind, datetime.combine(day, REMIND_AT, tzinfo=UTC),
                                      {"flow": spec.name, "step": step.id, "date": value}))


def is_date_reminder(kind: str | None) -> bool:
    return (kind or "").startswith(DATE_REMINDER)


def remind_of_date(turn: Turn, content: Content) -> None:
    """The reminder's text, if the date is still the person's answer."""
    data = turn.incoming.reminder_data
    spec = content.flows.get(data.get("flow", ""))
    step = spec.step(data["step"]) if spec else None
    answer = runs.answers(turn.state, data.get("flow", "")).get(data.get("step", ""))
    if step is None or step.remind is None or answer != data.get("date"):
        return
    when = formats.long_date(date.fromisoformat(data["date"]), turn.translator.code)
    turn.effects.say(turn._(step.remind.text).format(date=when))
