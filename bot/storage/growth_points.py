"""Growth points: what a person kept, in their own words, at the end of a reflection after an
event. Read and written on the repository's connection, inside the update's transaction; the
export and the erasure of a person take theirs (bot/storage/personal_data.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from bot.storage.tables import growth_points


@dataclass(frozen=True)
class GrowthPoint:
    id: int
    text: str
    event_id: int | None
    event_title: str
    event_at: datetime | None
    created_at: datetime


def of_person(conn: Connection, user_id: int) -> list[GrowthPoint]:
    """A person's growth points, the latest event first, in the order they were kept."""
    rows = conn.execute(
        select(growth_points).where(growth_points.c.user_id == user_id)
        .order_by(growth_points.c.created_at.desc(), growth_points.c.id)
    ).mappings().all()
    return [GrowthPoint(row["id"], row["text"], row["event_id"], row["event_title"],
                        row["event_at"], row["created_at"]) for row in rows]


def add(conn: Connection, user_id: int, text: str, event_id: int | None, event_title: str,
        event_at: datetime | None, now: datetime) -> int:
    result = conn.execute(insert(growth_points).values(
        user_id=user_id, event_id=event_id, event_title=event_title, event_at=event_at,
        text=text, created_at=now))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def remove(conn: Connection, user_id: int, point_id: int) -> bool:
    """Remove one of the person's own growth points; False if it was not theirs (or gone)."""
    return bool(conn.execute(delete(growth_points).where(
        growth_points.c.id == point_id, growth_points.c.user_id == user_id)).rowcount)


def export_of(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    """For the person's export: each point with its event's title and date."""
    return [{"text": point.text, "event_title": point.event_title,
             "event_at": point.event_at.isoformat() if point.event_at else None,
             "created_at": point.created_at.isoformat()}
            for point in of_person(conn, user_id)]


def erase_of(conn: Connection, user_id: int) -> int:
    return int(conn.execute(delete(growth_points).where(
        growth_points.c.user_id == user_id)).rowcount)
