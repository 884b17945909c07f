"""Stored events and who joined, waits or left: add, read, join, leave, cancel. Runs on the
repository's connection, inside the update's transaction, like SqlRepository."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, bindparam, func, select, update

from bot.storage.hot import HotStatement
from bot.storage.tables import attendance, link_codes, users
from bot.storage.tables import events as events_table

Status = Literal["joined", "waiting", "left"]
JOINED: Status = "joined"
WAITING: Status = "waiting"
LEFT: Status = "left"


@dataclass(frozen=True)
class NewGathering:
    """What an organiser filled in, checked: everything an event row needs."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    online_url: str | None
    languages: tuple[str, ...]
    capacity: int
    bring: str
    reminder_plan: tuple[str, ...]


@dataclass(frozen=True)
class Gathering:
    """One stored event."""

    id: int
    organiser_id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    online_url: str | None
    languages: tuple[str, ...]
    capacity: int
    bring: str
    reminder_plan: tuple[str, ...]
    created_at: datetime
    cancelled_at: datetime | None
    # When its smiley poll went out (by the organiser, or at its end), once.
    poll_sent_at: datetime | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


@dataclass(frozen=True)
class Counts:
    """How many people joined, wait for a place, and left."""

    joined: int = 0
    waiting: int = 0
    left: int = 0


@dataclass(frozen=True)
class Attendee:
    """Someone on an event's list, with what a message to them needs."""

    user_id: int
    channel: str
    external_id: str
    language: str | None
    status: Status


@dataclass(frozen=True)
class Left:
    """What leaving did: whether the person held a place or waited, and who moved up."""

    was: Status | None
    moved_up: Attendee | None = None


# Asked for everyone who reaches the menu (is "My events" in it?): compiled once.
_TAKES_PART = HotStatement(select(attendance.c.id).where(
    attendance.c.user_id == bindparam("user_id"), attendance.c.status != LEFT).limit(1))


class Gatherings:
    """The events and attendance tables on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, organiser_id: int, new: NewGathering, now: datetime) -> int:
        row = self.conn.execute(events_table.insert().values(
            organiser_id=organiser_id, title=new.title, kind=new.kind,
            starts_at=new.starts_at, ends_at=new.ends_at, place=new.place,
            online_url=new.online_url, languages=",".join(new.languages),
            capacity=new.capacity, bring=new.bring, reminder_plan=list(new.reminder_plan),
            created_at=now,
        ).returning(events_table.c.id)).first()
        assert row is not None  # RETURNING gives the new row's id
        return int(row[0])

    def get(self, event_id: int, *, lock: bool = False) -> Gathering | None:
        """The event; `lock` holds its row to the end of the transaction (PostgreSQL), so
        that two joins at once cannot both take the last place."""
        query = select(events_table).where(events_table.c.id == event_id)
        if lock:
            query = query.with_for_update()
        row = self.conn.execute(query).mappings().first()
        return None if row is None else _gathering(row)

    def by_code(self, code_hash: str, now: datetime) -> Gathering | None:
        """The event an event link names, if that link still opens."""
        row = self.conn.execute(
            select(link_codes.c.grants).where(
                link_codes.c.code_hash == code_hash, link_codes.c.kind == "event",
                link_codes.c.withdrawn_at.is_(None), link_codes.c.expires_at > now)
        ).first()
        if row is None or not str(row[0]).isdecimal():
            return None
        return self.get(int(row[0]))

    def every(self) -> list[Gathering]:
        """All events, soonest first (for an admin's command line)."""
        rows = self.conn.execute(
            select(events_table).order_by(events_table.c.starts_at, events_table.c.id))
        return [_gathering(row) for row in rows.mappings()]

    def of_organiser(self, organiser_id: int) -> list[Gathering]:
        rows = self.conn.execute(
            select(events_table).where(events_table.c.organiser_id == organiser_id)
            .order_by(events_table.c.starts_at, events_table.c.id)).mappings()
        return [_gathering(row) for row in rows]

    def of_attendee(self, user_id: int) -> list[tuple[Gathering, Status]]:
        """The events a person joined or waits for, soonest first."""
        rows = self.conn.execute(
            select(events_table, attendance.c.status.label("attendance_status"))
            .join(attendance, attendance.c.event_id == events_table.c.id)
            .where(attendance.c.user_id == user_id, attendance.c.status != LEFT)
            .order_by(events_table.c.starts_at, events_table.c.id)).mappings()
        return [(_gathering(row), row["attendance_status"]) for row in rows]

    def takes_part(self, user_id: int) -> bool:
        """Whether the person joined or waits for any event."""
        return _TAKES_PART.first(self.conn, {"user_id": user_id}) is not None

    def counts(self, event_id: int) -> Counts:
        rows = self.conn.execute(
            select(attendance.c.status, func.count())
            .where(attendance.c.event_id == event_id).group_by(attendance.c.status)).all()
        found = {str(status): int(count) for status, count in rows}
        return Counts(found.get(JOINED, 0), found.get(WAITING, 0), found.get(LEFT, 0))

    def status_of(self, event_id: int, user_id: int) -> Status | None:
        row = self.conn.execute(
            select(attendance.c.status).where(attendance.c.event_id == event_id,
                                              attendance.c.user_id == user_id)).first()
        return None if row is None else row[0]

    def join(self, event: Gathering, user_id: int, now: datetime) -> Status:
        """A place if one is free, else the end of the waiting list. Call with the event
        read with `lock`. Someone on the list already keeps their status."""
        status = self.status_of(event.id, user_id)
        if status in (JOINED, WAITING):
            return status
        new: Status = JOINED if self.counts(event.id).joined < event.capacity else WAITING
        if status is None:
            self.conn.execute(attendance.insert().values(
                event_id=event.id, user_id=user_id, status=new, since=now))
        else:
            self._set(event.id, user_id, new, now)
        return new

    def leave(self, event: Gathering, user_id: int, now: datetime) -> Left:
        """Off the list; a freed place goes to whoever waited longest. Call with the event
        read with `lock`."""
        was = self.status_of(event.id, user_id)
        if was not in (JOINED, WAITING):
            return Left(None)
        self._set(event.id, user_id, LEFT, now)
        if was != JOINED:
            return Left(was)
        waiting = self.attendees(event.id, (WAITING,))
        if not waiting or self.counts(event.id).joined >= event.capacity:
            return Left(was)
        self._set(event.id, waiting[0].user_id, JOINED, now)
        return Left(was, waiting[0])

    def attendees(self, event_id: int, statuses: tuple[Status, ...]) -> list[Attendee]:
        """The people with these statuses, longest first."""
        rows = self.conn.execute(
            select(attendance.c.user_id, attendance.c.status, users.c.channel,
                   users.c.external_id, users.c.language)
            .join(users, users.c.id == attendance.c.user_id)
            .where(attendance.c.event_id == event_id, attendance.c.status.in_(statuses))
            .order_by(attendance.c.since, attendance.c.id)).mappings()
        return [Attendee(row["user_id"], row["channel"], row["external_id"], row["language"],
                         row["status"]) for row in rows]

    def cancel(self, event_id: int, now: datetime) -> bool:
        """False if it was cancelled already."""
        result = self.conn.execute(
            update(events_table).where(events_table.c.id == event_id,
                                       events_table.c.cancelled_at.is_(None))
            .values(cancelled_at=now))
        return result.rowcount == 1

    def set_plan(self, event_id: int, plan: tuple[str, ...]) -> None:
        self.conn.execute(update(events_table).where(events_table.c.id == event_id)
                          .values(reminder_plan=list(plan)))

    def _set(self, event_id: int, user_id: int, status: Status, now: datetime) -> None:
        self.conn.execute(
            update(attendance).where(attendance.c.event_id == event_id,
                                     attendance.c.user_id == user_id)
            .values(status=status, since=now))


def _gathering(row: Any) -> Gathering:
    return Gathering(
        id=row["id"], organiser_id=row["organiser_id"], title=row["title"], kind=row["kind"],
        starts_at=row["starts_at"], ends_at=row["ends_at"], place=row["place"],
        online_url=row["online_url"],
        languages=tuple(code for code in str(row["languages"]).split(",") if code),
        capacity=row["capacity"], bring=row["bring"],
        reminder_plan=tuple(str(point) for point in row["reminder_plan"]),
        created_at=row["created_at"], cancelled_at=row["cancelled_at"],
        poll_sent_at=row.get("poll_sent_at"),
    )
