"""After an event: who came (ticked by its organiser) and the organiser's own evaluation.
Runs on the repository's connection, inside the update's transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select, update

from bot.storage.tables import attendance, event_evaluations

# The longest first name kept (the column's size).
NAME_LENGTH = 64


@dataclass(frozen=True)
class Joined:
    """Someone who holds a place, as the organiser ticks them: a first name, if known."""

    user_id: int
    name: str | None
    came: bool


@dataclass(frozen=True)
class Evaluation:
    """The organiser's own evaluation: counts they typed (None: not given) and two texts."""

    participants: int | None = None
    partners: int | None = None
    job_offers: int | None = None
    second_interviews: int | None = None
    started_work: int | None = None
    went_well: str = ""
    to_change: str = ""


class EventReview:
    """The attendance ticks and the event_evaluations table on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def keep_name(self, event_id: int, user_id: int, name: str | None) -> None:
        """The first name a person joined under, for the organiser's list of who came."""
        if name and name.strip():
            self.conn.execute(
                update(attendance).where(attendance.c.event_id == event_id,
                                         attendance.c.user_id == user_id)
                .values(name=name.strip()[:NAME_LENGTH]))

    def joined(self, event_id: int) -> list[Joined]:
        """Who holds a place, in the order they got it."""
        rows = self.conn.execute(
            select(attendance.c.user_id, attendance.c.name, attendance.c.attended_at)
            .where(attendance.c.event_id == event_id, attendance.c.status == "joined")
            .order_by(attendance.c.since, attendance.c.id)).all()
        return [Joined(int(user_id), name, came is not None) for user_id, name, came in rows]

    def attended(self, event_id: int) -> int:
        """How many of those who hold a place the organiser ticked as come."""
        return int(self.conn.execute(
            select(func.count()).select_from(attendance)
            .where(attendance.c.event_id == event_id, attendance.c.status == "joined",
                   attendance.c.attended_at.is_not(None))).scalar_one())

    def toggle(self, event_id: int, user_id: int, now: datetime) -> bool | None:
        """Tick or untick one person who holds a place; whether they are ticked now (None:
        they hold no place)."""
        row = self.conn.execute(
            select(attendance.c.attended_at).where(
                attendance.c.event_id == event_id, attendance.c.user_id == user_id,
                attendance.c.status == "joined")).first()
        if row is None:
            return None
        came = row[0] is None
        self.conn.execute(
            update(attendance).where(attendance.c.event_id == event_id,
                                     attendance.c.user_id == user_id)
            .values(attended_at=now if came else None))
        return came

    def everyone_came(self, event_id: int, now: datetime) -> int:
        """Tick everyone who holds a place (who did not cancel); how many that is."""
        self.conn.execute(
            update(attendance).where(attendance.c.event_id == event_id,
                                     attendance.c.status == "joined",
                                     attendance.c.attended_at.is_(None))
            .values(attended_at=now))
        return self.attended(event_id)

    def evaluation(self, event_id: int) -> Evaluation | None:
        row = self.conn.execute(
            select(event_evaluations).where(event_evaluations.c.event_id == event_id)
        ).mappings().first()
        if row is None:
            return None
        return Evaluation(**{name: row[name] for name in Evaluation.__dataclass_fields__})

    def save_evaluation(self, event_id: int, evaluation: Evaluation, now: datetime) -> None:
        """Keep the evaluation; a new one replaces the earlier one."""
        values = {**asdict(evaluation), "updated_at": now}
        done = self.conn.execute(
            update(event_evaluations).where(event_evaluations.c.event_id == event_id)
            .values(**values))
        if done.rowcount == 0:
            self.conn.execute(event_evaluations.insert().values(event_id=event_id, **values))
