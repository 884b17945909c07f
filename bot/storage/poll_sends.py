"""Sending an event's poll, the stored side: mark it sent (once), and read the attendees who
joined in parts, by user id, so that a long list is written a part at a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from bot.storage.tables import attendance, events


def mark_sent(conn: Connection, event_id: int, now: datetime) -> bool:
    """True for the one call that marks it; False if the poll went out already."""
    result = conn.execute(update(events).where(events.c.id == event_id,
                                               events.c.poll_sent_at.is_(None))
                          .values(poll_sent_at=now))
    return result.rowcount == 1


def joined_after(conn: Connection, event_id: int, after: int, limit: int) -> list[int]:
    """The user ids of those who joined, above `after`, lowest first, at most `limit`."""
    rows = conn.execute(select(attendance.c.user_id).where(
        attendance.c.event_id == event_id, attendance.c.status == "joined",
        attendance.c.user_id > after).order_by(attendance.c.user_id).limit(limit))
    return [int(row[0]) for row in rows]
