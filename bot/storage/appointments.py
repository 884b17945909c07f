"""Appointments a coach plans with a newcomer: written in the update's transaction, read for
both of them, with the other times the newcomer may choose if they cannot come."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, select, update

from bot.storage.tables import appointments, coach_links

PLANNED, CANT_COME, CAME, NO_SHOW = "planned", "cant_come", "came", "no_show"
# The coach cancelled it.
CANCELLED = "cancelled"
# At most this many other times per appointment.
MAX_PROPOSALS = 3


@dataclass(frozen=True)
class Appointment:
    id: int
    coach_id: int
    newcomer_id: int
    starts_at: datetime
    place: str
    topic: str
    proposals: tuple[datetime, ...]
    status: str
    # How the coach knows the newcomer (from their link).
    label: str


_COLUMNS = (appointments, coach_links.c.label)
_JOIN = appointments.outerjoin(coach_links, and_(
    coach_links.c.coach_id == appointments.c.coach_id,
    coach_links.c.newcomer_id == appointments.c.newcomer_id))


def _read(row: dict[str, object]) -> Appointment:
    raw = row["proposals"]
    proposals = tuple(datetime.fromisoformat(str(p)) for p in raw) \
        if isinstance(raw, list) else ()
    starts_at = row["starts_at"]
    assert isinstance(starts_at, datetime)
    return Appointment(int(str(row["id"])), int(str(row["coach_id"])),
                       int(str(row["newcomer_id"])), starts_at, str(row["place"]),
                       str(row["topic"]), proposals, str(row["status"]),
                       str(row["label"] or ""))


def is_linked(conn: Connection, coach_id: int, newcomer_id: int) -> bool:
    return conn.execute(select(coach_links.c.id).where(
        coach_links.c.coach_id == coach_id, coach_links.c.newcomer_id == newcomer_id)
    ).first() is not None


def plan(conn: Connection, coach_id: int, newcomer_id: int, starts_at: datetime, place: str,
         topic: str, proposals: Sequence[datetime], now: datetime) -> int:
    result = conn.execute(appointments.insert().values(
        coach_id=coach_id, newcomer_id=newcomer_id, starts_at=starts_at, place=place[:200],
        topic=topic[:200], proposals=[p.isoformat() for p in proposals[:MAX_PROPOSALS]],
        status=PLANNED, created_at=now, updated_at=now).returning(appointments.c.id))
    return int(result.scalar_one())


def get(conn: Connection, appointment_id: int) -> Appointment | None:
    row = conn.execute(select(*_COLUMNS).select_from(_JOIN)
                       .where(appointments.c.id == appointment_id)).mappings().first()
    return _read(dict(row)) if row else None


def of_coach(conn: Connection, coach_id: int, limit: int = 20) -> list[Appointment]:
    """The coach's appointments, latest first."""
    rows = conn.execute(select(*_COLUMNS).select_from(_JOIN)
                        .where(appointments.c.coach_id == coach_id)
                        .order_by(appointments.c.starts_at.desc(), appointments.c.id.desc())
                        .limit(limit)).mappings().all()
    return [_read(dict(row)) for row in rows]


def ahead_between(conn: Connection, coach_id: int, newcomer_id: int, now: datetime
                  ) -> list[Appointment]:
    """The meetings of this pair still ahead and not cancelled (planned, or "I can't come")."""
    rows = conn.execute(select(*_COLUMNS).select_from(_JOIN).where(
        appointments.c.coach_id == coach_id, appointments.c.newcomer_id == newcomer_id,
        appointments.c.status.in_((PLANNED, CANT_COME)), appointments.c.starts_at > now,
    ).order_by(appointments.c.starts_at)).mappings().all()
    return [_read(dict(row)) for row in rows]


def set_status(conn: Connection, appointment_id: int, status: str, now: datetime) -> None:
    conn.execute(update(appointments).where(appointments.c.id == appointment_id)
                 .values(status=status, updated_at=now))


def move(conn: Connection, appointment: Appointment, starts_at: datetime, now: datetime
         ) -> None:
    """To one of its other times: that time is used up, the rest stay."""
    left = [p.isoformat() for p in appointment.proposals if p != starts_at]
    conn.execute(update(appointments).where(appointments.c.id == appointment.id)
                 .values(starts_at=starts_at, proposals=left, status=PLANNED, updated_at=now))


def attendance(conn: Connection, coach_id: int, newcomer_id: int, limit: int = 2
               ) -> list[str]:
    """Came or no-show, for the latest marked appointments of this pair, latest first."""
    rows = conn.execute(select(appointments.c.status).where(
        appointments.c.coach_id == coach_id, appointments.c.newcomer_id == newcomer_id,
        appointments.c.status.in_((CAME, NO_SHOW)),
    ).order_by(appointments.c.starts_at.desc(), appointments.c.id.desc()).limit(limit))
    return [str(status) for status in rows.scalars()]


def add_proposals(conn: Connection, appointment: Appointment, times: Sequence[datetime],
                  now: datetime) -> None:
    """Other times besides those given before, the future ones, at most MAX_PROPOSALS."""
    kept = [p for p in appointment.proposals if p > now]
    kept += [t for t in times if t > now and t not in kept]
    conn.execute(update(appointments).where(appointments.c.id == appointment.id).values(
        proposals=[p.isoformat() for p in kept[:MAX_PROPOSALS]], updated_at=now))
