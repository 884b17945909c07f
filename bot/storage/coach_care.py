"""Who looks after whom, in the database: a request marked urgent, a conversation or a link
handed to another coach, how many newcomers a coach has, and an admin linking or unlinking a
newcomer. The newcomer's own data never moves or goes with a link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, select, update

from bot.storage.handoffs import Handoff, Person, get
from bot.storage.tables import appointments, coach_links, handoffs, reminders, users


@dataclass(frozen=True)
class Coach:
    """A coach as an admin picks one: who, and how many newcomers they have now."""

    person: Person
    newcomers: int


@dataclass(frozen=True)
class Newcomer:
    """A newcomer as an admin picks one: who, and the coaches they are linked to (ids)."""

    person: Person
    coaches: tuple[int, ...]


def mark_urgent(conn: Connection, handoff_id: int) -> None:
    conn.execute(update(handoffs).where(handoffs.c.id == handoff_id).values(urgent=True))


def hand_over(conn: Connection, handoff_id: int, from_coach: int, to_coach: int,
              to_name: str) -> bool:
    """The open conversation goes from one coach to another; False if it was not open for
    the first one any more."""
    moved = conn.execute(update(handoffs).where(
        handoffs.c.id == handoff_id, handoffs.c.coach_id == from_coach,
        handoffs.c.closed_at.is_(None),
    ).values(coach_id=to_coach, coach_name=to_name[:64]))
    return moved.rowcount == 1


def newcomer_count(conn: Connection, coach_id: int) -> int:
    """The newcomers linked to a coach now (their load, against their capacity)."""
    return int(conn.execute(select(func.count()).select_from(coach_links).where(
        coach_links.c.coach_id == coach_id)).scalar_one())


def coaches(conn: Connection) -> list[Coach]:
    """Everyone with the coach role, with their load, in the order they became users."""
    load = select(coach_links.c.coach_id, func.count().label("n")) \
        .group_by(coach_links.c.coach_id).subquery()
    rows = conn.execute(select(users.c.id, users.c.channel, users.c.external_id,
                               users.c.language, load.c.n)
                        .outerjoin(load, load.c.coach_id == users.c.id)
                        .where(users.c.role == "coach").order_by(users.c.id)).all()
    return [Coach(Person(r.id, r.channel, r.external_id, r.language, r.external_id),
                  int(r.n or 0)) for r in rows]


def newcomers(conn: Connection, limit: int = 12) -> list[Newcomer]:
    """Newcomers for an admin to pick: those without a coach first, then the latest."""
    rows = conn.execute(select(users.c.id, users.c.channel, users.c.external_id,
                               users.c.language).where(users.c.role == "newcomer")
                        .order_by(users.c.id.desc()).limit(200)).all()
    ids = [r.id for r in rows]
    linked: dict[int, list[int]] = {}
    if ids:
        for link in conn.execute(select(coach_links.c.newcomer_id, coach_links.c.coach_id)
                                 .where(coach_links.c.newcomer_id.in_(ids))):
            linked.setdefault(int(link.newcomer_id), []).append(int(link.coach_id))
    found = [Newcomer(Person(r.id, r.channel, r.external_id, r.language, r.external_id),
                      tuple(linked.get(r.id, ()))) for r in rows]
    found.sort(key=lambda n: bool(n.coaches))
    return found[:limit]


def coaches_of(conn: Connection, newcomer_id: int) -> list[tuple[int, str]]:
    """The coaches a newcomer is linked to: (coach id, the label they know the newcomer by)."""
    rows = conn.execute(select(coach_links.c.coach_id, coach_links.c.label).where(
        coach_links.c.newcomer_id == newcomer_id).order_by(coach_links.c.id)).all()
    return [(int(r.coach_id), str(r.label)) for r in rows]


def unlink(conn: Connection, newcomer_id: int, coach_id: int | None = None) -> list[int]:
    """Remove the newcomer's links (to one coach, or to all); returns the coaches unlinked.
    Their answers, meetings and conversations stay as they are."""
    where = [coach_links.c.newcomer_id == newcomer_id]
    if coach_id is not None:
        where.append(coach_links.c.coach_id == coach_id)
    gone = [int(i) for i in conn.execute(select(coach_links.c.coach_id).where(*where))
            .scalars()]
    conn.execute(delete(coach_links).where(*where))
    return gone


def move_link(conn: Connection, newcomer_id: int, from_coach: int, to_coach: int,
              now: datetime) -> bool:
    """The newcomer's link goes to another coach, under the same label; the profile is not
    shared with the new coach until the newcomer says so. False if there was no such link."""
    label = conn.execute(select(coach_links.c.label).where(
        coach_links.c.coach_id == from_coach, coach_links.c.newcomer_id == newcomer_id)).scalar()
    if label is None:
        return False
    unlink(conn, newcomer_id, from_coach)
    if not coaches_of_pair(conn, to_coach, newcomer_id):
        conn.execute(coach_links.insert().values(coach_id=to_coach, newcomer_id=newcomer_id,
                                                 label=label, created_at=now))
    return True


def coaches_of_pair(conn: Connection, coach_id: int, newcomer_id: int) -> bool:
    return conn.execute(select(coach_links.c.id).where(
        coach_links.c.coach_id == coach_id, coach_links.c.newcomer_id == newcomer_id)
    ).first() is not None


def open_for_admins(conn: Connection) -> list[Handoff]:
    """The admins' open tickets, oldest first."""
    ids = conn.execute(select(handoffs.c.id).where(
        handoffs.c.audience == "admins", handoffs.c.closed_at.is_(None),
    ).order_by(handoffs.c.id)).scalars().all()
    return [found for found in (get(conn, int(i)) for i in ids) if found is not None]


def known_name(conn: Connection, coach_id: int) -> str | None:
    """The chat name a coach gave when they last took a conversation, if they ever did."""
    name = conn.execute(select(handoffs.c.coach_name).where(
        handoffs.c.coach_id == coach_id, handoffs.c.coach_name.is_not(None),
    ).order_by(handoffs.c.id.desc()).limit(1)).scalar()
    return str(name) if name else None


def is_coach(conn: Connection, user_id: int) -> bool:
    return conn.execute(select(users.c.role).where(users.c.id == user_id)).scalar() == "coach"


def agreed(conn: Connection, user_id: int) -> bool:
    """Whether the person agreed that Brug keeps their answers."""
    return conn.execute(select(users.c.consent).where(users.c.id == user_id)).scalar() \
        == "agree"


def move_appointments(conn: Connection, newcomer_id: int, from_coach: int, to_coach: int,
                      now: datetime) -> None:
    """Meetings still ahead go with the newcomer to the new coach, and so do the old coach's
    reminders of them."""
    ahead = conn.execute(select(appointments.c.id).where(
        appointments.c.newcomer_id == newcomer_id, appointments.c.coach_id == from_coach,
        appointments.c.status.in_(("planned", "cant_come")), appointments.c.starts_at > now,
    )).scalars().all()
    if not ahead:
        return
    conn.execute(update(appointments).where(appointments.c.id.in_(ahead))
                 .values(coach_id=to_coach, updated_at=now))
    conn.execute(update(reminders).where(
        reminders.c.user_id == from_coach, reminders.c.done_at.is_(None),
        reminders.c.kind.in_([f"appointment:{i}" for i in ahead]),
    ).values(user_id=to_coach))


class CareReads:
    """What the admin's and the coach's screens read about coaches and newcomers, on the
    update's connection; nothing here writes."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def coaches(self) -> list[Coach]:
        """Every coach with their load, by the name newcomers know them by."""
        return [Coach(Person(c.person.user_id, c.person.channel, c.person.external_id,
                             c.person.language,
                             known_name(self.conn, c.person.user_id) or c.person.name),
                      c.newcomers) for c in coaches(self.conn)]

    def newcomers(self) -> list[Newcomer]:
        return newcomers(self.conn)

    def coaches_of(self, newcomer_id: int) -> list[tuple[int, str]]:
        return coaches_of(self.conn, newcomer_id)

    def for_admins(self) -> list[Handoff]:
        return open_for_admins(self.conn)
