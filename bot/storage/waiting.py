"""What waits for a person: the values of their reminders still to come, and the coaches
linked to them who do not see their profile. Read when they agree that Brug keeps their
answers, so the share question reaches them then, once per coach."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select

from bot.storage.hot import HotStatement
from bot.storage.tables import coach_links, reminders

# Built once: every consent runs it (see BENCHMARKS.md on the write path).
_NOT_SHARED = HotStatement(
    select(coach_links.c.coach_id)
    .where(coach_links.c.newcomer_id == bindparam("newcomer"), coach_links.c.shared_at.is_(None))
    .order_by(coach_links.c.id))


def pending_data(conn: Connection, user_id: int, kind: str) -> list[dict[str, Any]]:
    """The data of this person's reminders of this kind that are still to come."""
    rows = conn.execute(select(reminders.c.data).where(
        reminders.c.user_id == user_id, reminders.c.kind == kind,
        reminders.c.done_at.is_(None)))
    return [dict(data) for (data,) in rows]


def coaches_not_shared_with(conn: Connection, newcomer_id: int) -> list[int]:
    """The coaches linked to this newcomer who do not see the profile (never asked, or the
    answer was no), oldest link first."""
    return [int(row["coach_id"]) for row in _NOT_SHARED.all(conn, {"newcomer": newcomer_id})]
