"""Starting a triggered flow (one with `trigger:` in its YAML) from code: a reminder of one of
its kinds, carrying the values it needs (`{"event": "42"}`), set for a person. When it falls
due the flow starts for them, for the instance those values name.

In a person's own turn, `schedule` emits the reminder; for many people at once (an organiser
sends a poll to every attendee), `schedule_for` writes the reminders in the caller's
transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.flows.content import FlowSpec
from bot.flows.events import RemindersCancelled, ReminderSet
from bot.flows.turn import Turn
from bot.storage.repository import SqlRepository


def schedule(turn: Turn, spec: FlowSpec, due: Mapping[str, datetime],
             values: Mapping[str, str], *, replace: bool = True) -> int:
    """Set the reminders that start `spec` at the given times (reminder kind -> due time);
    those in the past are left out. With `replace`, earlier ones of these kinds go.
    Returns how many were set."""
    trigger = spec.trigger
    assert trigger is not None, f"flow '{spec.name}' has no trigger"
    unknown = set(due) - set(trigger.reminders)
    assert not unknown, f"flow '{spec.name}' is not started by {sorted(unknown)}"
    if replace:
        for kind in trigger.reminders:
            turn.effects.emit(RemindersCancelled(kind))
    # Opened from the menu, the flow runs for these values (the job started last); until a
    # trigger came, the menu does not offer it.
    turn.state.triggered[spec.name] = dict(values)
    count = 0
    for kind, at in due.items():
        if at > turn.incoming.time:
            turn.effects.emit(ReminderSet(kind, at, dict(values)))
            count += 1
    return count


def schedule_for(repo: SqlRepository, people: Iterable[int], spec: FlowSpec, kind: str,
                 values: Mapping[str, str], at: datetime, now: datetime) -> int:
    """Start `spec` for each of these people (user ids) at `at`, for the instance `values`
    name, unless it waits for them already; how many were set."""
    assert spec.trigger is not None and kind in spec.trigger.reminders
    data = dict(values)
    waiting = repo.waiting_for(kind, data)
    chosen = list(dict.fromkeys(person for person in people if person not in waiting))
    repo.schedule_many(chosen, kind, at, data, now)
    return len(chosen)
