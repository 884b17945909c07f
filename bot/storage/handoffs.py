"""Handoffs in the database: a newcomer's request to talk to a coach, the coaches told of it,
the first claim (a conditional update, so two coaches pressing at once cannot both win), what
the newcomer wrote while waiting, and how the conversation ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from bot.storage.tables import coach_links, handoff_waiting, handoffs, users


@dataclass(frozen=True)
class Person:
    """Where to reach someone, in which language, and the name others know them by."""

    user_id: int
    channel: str
    external_id: str
    language: str | None
    name: str


@dataclass(frozen=True)
class Handoff:
    """One request, with the newcomer (and the coach who took it, if any)."""

    id: int
    newcomer: Person
    reason: str
    urgent: bool
    summary: dict[str, Any]
    notified: tuple[int, ...]
    coach: Person | None
    created_at: datetime
    closed_at: datetime | None
    # "coaches" (their coach, else the pool) or "admins" (two missed meetings in a row).
    audience: str = "coaches"

    @property
    def open(self) -> bool:
        return self.closed_at is None

    @property
    def waiting(self) -> bool:
        """Open and nobody took it yet."""
        return self.open and self.coach is None


def _person(conn: Connection, user_id: int | None, name: str | None = None) -> Person | None:
    if user_id is None:
        return None
    row = conn.execute(select(users.c.id, users.c.channel, users.c.external_id,
                              users.c.language).where(users.c.id == user_id)).first()
    if row is None:
        return None
    return Person(row.id, row.channel, row.external_id, row.language, name or row.external_id)


def name_for(conn: Connection, newcomer_id: int, given: str | None) -> str:
    """How coaches know a newcomer: the label of their oldest coach link, else the name their
    chat gives, else their id."""
    label = conn.execute(select(coach_links.c.label).where(
        coach_links.c.newcomer_id == newcomer_id).order_by(coach_links.c.id)).scalar()
    if label:
        return str(label)
    if given:
        return given
    external = conn.execute(select(users.c.external_id).where(users.c.id == newcomer_id)
                            ).scalar()
    return str(external or newcomer_id)


def get(conn: Connection, handoff_id: int) -> Handoff | None:
    row = conn.execute(select(handoffs).where(handoffs.c.id == handoff_id)).mappings().first()
    if row is None:
        return None
    newcomer = _person(conn, row["newcomer_id"], row["name"])
    if newcomer is None:
        return None
    return Handoff(row["id"], newcomer, row["reason"], bool(row["urgent"]),
                   dict(row["summary"] or {}), tuple(int(i) for i in row["notified"] or ()),
                   _person(conn, row["coach_id"], row["coach_name"]), row["created_at"],
                   row["closed_at"], str(row["audience"] or "coaches"))


def open_of_newcomer(conn: Connection, newcomer_id: int) -> Handoff | None:
    """The newcomer's open request, if they have one."""
    found = conn.execute(select(handoffs.c.id).where(
        handoffs.c.newcomer_id == newcomer_id, handoffs.c.closed_at.is_(None),
    ).order_by(handoffs.c.id.desc())).scalar()
    return None if found is None else get(conn, int(found))


def open_of_coach(conn: Connection, coach_id: int) -> list[Handoff]:
    """The open conversations a coach took, oldest first."""
    ids = conn.execute(select(handoffs.c.id).where(
        handoffs.c.coach_id == coach_id, handoffs.c.closed_at.is_(None),
    ).order_by(handoffs.c.id)).scalars().all()
    return [found for found in (get(conn, int(i)) for i in ids) if found is not None]


def notes_of_coach(conn: Connection, coach_id: int, limit: int = 5) -> list[tuple[int, str, str]]:
    """The coach's latest closed conversations with their notes: (number, name, note)."""
    rows = conn.execute(select(handoffs.c.id, handoffs.c.name, handoffs.c.note).where(
        handoffs.c.coach_id == coach_id, handoffs.c.closed_at.is_not(None),
        handoffs.c.note.is_not(None),
    ).order_by(handoffs.c.closed_at.desc(), handoffs.c.id.desc()).limit(limit)).all()
    return [(int(row.id), str(row.name), str(row.note)) for row in rows]


def people_with_role(conn: Connection, role: str) -> list[Person]:
    rows = conn.execute(select(users.c.id, users.c.channel, users.c.external_id,
                               users.c.language).where(users.c.role == role)
                        .order_by(users.c.id)).all()
    return [Person(r.id, r.channel, r.external_id, r.language, r.external_id) for r in rows]


def person(conn: Connection, user_id: int) -> Person | None:
    return _person(conn, user_id)


def create(conn: Connection, newcomer_id: int, name: str, reason: str, urgent: bool,
           summary: dict[str, Any], now: datetime, audience: str = "coaches") -> int:
    return int(conn.execute(insert(handoffs).values(
        newcomer_id=newcomer_id, name=name[:64], reason=reason[:200], urgent=urgent,
        summary=summary, notified=[], created_at=now, audience=audience,
    ).returning(handoffs.c.id)).scalar_one())


def set_notified(conn: Connection, handoff_id: int, notified: list[int]) -> None:
    conn.execute(update(handoffs).where(handoffs.c.id == handoff_id)
                 .values(notified=sorted(set(notified))))


def claim(conn: Connection, handoff_id: int, coach_id: int, coach_name: str,
          now: datetime) -> bool:
    """Take an open request nobody took yet; True if this coach won it. On PostgreSQL the
    second of two claims at once waits for the first and then finds it taken."""
    taken = conn.execute(update(handoffs).where(
        handoffs.c.id == handoff_id, handoffs.c.coach_id.is_(None),
        handoffs.c.closed_at.is_(None),
    ).values(coach_id=coach_id, coach_name=coach_name[:64], claimed_at=now))
    return taken.rowcount == 1


def keep_while_waiting(conn: Connection, handoff_id: int, message: dict[str, Any],
                       now: datetime) -> bool:
    """Keep a newcomer's message for the coach who takes the request; False if a coach took
    it meanwhile (then it is passed on at once instead). The row is written first, so a claim
    at the same moment waits for this message and passes it on."""
    still = conn.execute(update(handoffs).where(
        handoffs.c.id == handoff_id, handoffs.c.coach_id.is_(None),
        handoffs.c.closed_at.is_(None),
    ).values(touched_at=now))
    if still.rowcount != 1:
        return False
    conn.execute(insert(handoff_waiting).values(handoff_id=handoff_id, message=message,
                                                created_at=now))
    return True


def take_waiting(conn: Connection, handoff_id: int) -> list[dict[str, Any]]:
    """What the newcomer wrote before the claim, oldest first; gone once read."""
    rows = conn.execute(select(handoff_waiting.c.id, handoff_waiting.c.message).where(
        handoff_waiting.c.handoff_id == handoff_id).order_by(handoff_waiting.c.id)).all()
    conn.execute(delete(handoff_waiting).where(handoff_waiting.c.handoff_id == handoff_id))
    return [dict(row.message) for row in rows]


def close(conn: Connection, handoff_id: int, by: str, now: datetime,
          note: str | None = None, coach_id: int | None = None) -> bool:
    """End an open request; with `coach_id`, only if that coach took it. True if it closed."""
    where = [handoffs.c.id == handoff_id, handoffs.c.closed_at.is_(None)]
    if coach_id is not None:
        where.append(handoffs.c.coach_id == coach_id)
    closed = conn.execute(update(handoffs).where(*where).values(
        closed_at=now, closed_by=by, note=note))
    conn.execute(delete(handoff_waiting).where(handoff_waiting.c.handoff_id == handoff_id))
    return closed.rowcount == 1


def rate(conn: Connection, handoff_id: int, newcomer_id: int, score: int) -> None:
    conn.execute(update(handoffs).where(handoffs.c.id == handoff_id,
                                        handoffs.c.newcomer_id == newcomer_id)
                 .values(rating=score))
