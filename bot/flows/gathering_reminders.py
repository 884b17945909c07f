"""When attendees of an event are reminded: named points before its start (a week before,
the evening before, two hours before, ...), each a reminder row per attendee."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta

from bot.i18n import L_
from bot.i18n.formats import BRUSSELS

# The reminder kind in the reminders table; its data names the event and the point.
GATHERING_REMINDER = "event_reminder"


def _before(delta: timedelta) -> Callable[[datetime], datetime]:
    return lambda starts_at: starts_at - delta


def _day_before_at(hour: int) -> Callable[[datetime], datetime]:
    def due(starts_at: datetime) -> datetime:
        day = starts_at.astimezone(BRUSSELS).date() - timedelta(days=1)
        return datetime.combine(day, time(hour), tzinfo=BRUSSELS)
    return due


def _same_day_at(hour: int) -> Callable[[datetime], datetime]:
    def due(starts_at: datetime) -> datetime:
        return datetime.combine(starts_at.astimezone(BRUSSELS).date(), time(hour),
                                tzinfo=BRUSSELS)
    return due


# Name (stored in an event's plan and in each reminder row) -> label and when it falls due.
POINTS: dict[str, tuple[str, Callable[[datetime], datetime]]] = {
    "week": (L_("A week before"), _before(timedelta(days=7))),
    "two_days": (L_("Two days before"), _before(timedelta(days=2))),
    "eve": (L_("The day before at 18:00"), _day_before_at(18)),
    "morning": (L_("On the day at 8:00"), _same_day_at(8)),
    "two_hours": (L_("Two hours before"), _before(timedelta(hours=2))),
}


def due_times(starts_at: datetime, plan: Iterable[str], now: datetime
              ) -> list[tuple[str, datetime]]:
    """The points of the plan still ahead (and before the start), with when each is due."""
    found = []
    for point in plan:
        if point in POINTS:
            due = POINTS[point][1](starts_at)
            if now < due < starts_at:
                found.append((point, due))
    return found
