"""A coach's own settings in the database: their quiet hours, the week of their last digest
and what it counted, and the requests of the pool that wait for a coach they were told of."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from bot.storage import handoffs
from bot.storage.hot import HotStatement
from bot.storage.tables import coach_desks, reminders, users
from bot.storage.tables import handoffs as handoff_rows


@dataclass(frozen=True)
class Desk:
    """What a coach set for themselves; the defaults until they set anything."""

    quiet_from: str | None = None
    quiet_until: str | None = None
    digest_week: str | None = None
    # Steps done per newcomer (their user id as text) when the last digest went out.
    digest_counts: dict[str, int] = field(default_factory=dict)


def desk_of(conn: Connection, user_id: int) -> Desk:
    row = conn.execute(select(coach_desks).where(coach_desks.c.user_id == user_id)).first()
    if row is None:
        return Desk()
    return Desk(row.quiet_from, row.quiet_until, row.digest_week,
                {str(k): int(v) for k, v in (row.digest_counts or {}).items()})


# Asked for every message to someone else: built once.
_QUIET = HotStatement(select(coach_desks.c.quiet_from, coach_desks.c.quiet_until)
                      .where(coach_desks.c.user_id == bindparam("user_id")))


def quiet_of(conn: Connection, user_id: int) -> tuple[str, str] | None:
    """The person's quiet hours ("HH:MM", "HH:MM"), or None."""
    row = _QUIET.first(conn, {"user_id": user_id})
    if row is None or not row["quiet_from"] or not row["quiet_until"]:
        return None
    return str(row["quiet_from"]), str(row["quiet_until"])


def _write(conn: Connection, user_id: int, now: datetime, **values: Any) -> None:
    changed = conn.execute(update(coach_desks).where(coach_desks.c.user_id == user_id)
                           .values(updated_at=now, **values)).rowcount
    if not changed:
        conn.execute(insert(coach_desks).values(
            user_id=user_id, updated_at=now, **{"digest_counts": {}, **values}))


def set_quiet(conn: Connection, user_id: int, start: str | None, end: str | None,
              now: datetime) -> None:
    """Quiet hours from `start` to `end` ("HH:MM", Brussels time); None for both: none."""
    _write(conn, user_id, now, quiet_from=start, quiet_until=end)


def set_capacity(conn: Connection, user_id: int, capacity: int | None, now: datetime) -> None:
    """The coach's own capacity; None: back to the global setting."""
    _write(conn, user_id, now, capacity=capacity)


def capacity_of(conn: Connection, user_id: int, default: int) -> int:
    """How many newcomers this coach takes: their own capacity, else `default`."""
    own = conn.execute(select(coach_desks.c.capacity)
                       .where(coach_desks.c.user_id == user_id)).scalar()
    return default if own is None else int(own)


def mark_digest(conn: Connection, user_id: int, week: str, counts: dict[str, int],
                now: datetime) -> None:
    """The digest of `week` went out, with these counts to compare with next week."""
    _write(conn, user_id, now, digest_week=week, digest_counts=counts)


def waiting_for(conn: Connection, coach_id: int) -> list[handoffs.Handoff]:
    """Open requests nobody took yet that this coach was told of, oldest first."""
    rows = conn.execute(select(handoff_rows.c.id, handoff_rows.c.notified).where(
        handoff_rows.c.coach_id.is_(None), handoff_rows.c.closed_at.is_(None))
        .order_by(handoff_rows.c.id)).all()
    found = [handoffs.get(conn, int(row.id)) for row in rows
             if coach_id in (row.notified or ())]
    return [h for h in found if h is not None]


def coaches_without(conn: Connection, kind: str) -> list[int]:
    """The coaches for whom no reminder of this kind waits."""
    waiting = select(reminders.c.user_id).where(reminders.c.kind == kind,
                                                reminders.c.done_at.is_(None))
    return [int(i) for i in conn.execute(select(users.c.id).where(
        users.c.role == "coach", users.c.id.not_in(waiting)).order_by(users.c.id)).scalars()]


def export(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    return [{"quiet_from": row.quiet_from, "quiet_until": row.quiet_until,
             "digest_week": row.digest_week, "capacity": row.capacity,
             "updated_at": row.updated_at.isoformat()}
            for row in conn.execute(select(coach_desks).where(coach_desks.c.user_id == user_id))]


def erase(conn: Connection, user_id: int) -> int:
    return int(conn.execute(delete(coach_desks).where(coach_desks.c.user_id == user_id))
               .rowcount)
