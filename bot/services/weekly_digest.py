"""When coaches get their weekly digest (Monday 08:00, Brussels time), and making sure each
coach has one waiting as a reminder row; the digest itself is bot/flows/coach_digest.py."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.i18n.formats import BRUSSELS
from bot.storage import coach_desk
from bot.storage.repository import SqlRepository

DIGEST = "coach_digest"
SENT_AT = time(8, 0)


def next_digest(now: datetime) -> datetime:
    """The first Monday 08:00 in Brussels after `now` (UTC)."""
    local = now.astimezone(BRUSSELS)
    monday = local.date() - timedelta(days=local.weekday())
    due = datetime.combine(monday, SENT_AT, tzinfo=BRUSSELS)
    while due <= local:
        monday += timedelta(days=7)
        due = datetime.combine(monday, SENT_AT, tzinfo=BRUSSELS)
    return due.astimezone(UTC)


def week_of(now: datetime) -> str:
    """The Brussels ISO week of `now`, as "2026-W02": one digest per coach per week."""
    year, week, _ = now.astimezone(BRUSSELS).isocalendar()
    return f"{year}-W{week:02d}"


def plan(repo: SqlRepository, now: datetime) -> int:
    """A digest reminder for every coach who has none waiting; returns how many were set."""
    coaches = coach_desk.coaches_without(repo.conn, DIGEST)
    due = next_digest(now)
    for coach_id in coaches:
        repo.schedule(coach_id, DIGEST, due, {}, now)
    return len(coaches)
