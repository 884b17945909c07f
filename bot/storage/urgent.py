"""Who hears at once that someone may be in danger: the person's own coaches, or with none,
every coach and admin."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from bot.storage.tables import coach_links, users

# The roles that may be told of anyone's danger when the person has no coach of their own.
STAFF_ROLES = ("coach", "admin")


@dataclass(frozen=True)
class Reachable:
    """Someone to tell: where, in which language, and the name they know the person by (empty
    when they do not know them)."""

    user_id: int
    channel: str
    external_id: str
    language: str | None
    label: str = ""


def coaches_of(conn: Connection, newcomer_id: int) -> list[Reachable]:
    """Every coach linked to the person, whether or not the profile is shared: danger comes
    before the profile's privacy, and the alert carries nothing of the profile."""
    rows = conn.execute(
        select(users.c.id, users.c.channel, users.c.external_id, users.c.language,
               coach_links.c.label)
        .join(coach_links, coach_links.c.coach_id == users.c.id)
        .where(coach_links.c.newcomer_id == newcomer_id)
        .order_by(coach_links.c.id)
    ).mappings().all()
    return [Reachable(r["id"], r["channel"], r["external_id"], r["language"], r["label"])
            for r in rows]


def staff(conn: Connection, besides: int, roles: tuple[str, ...] = STAFF_ROLES
          ) -> list[Reachable]:
    """Everyone with one of these roles but one person (the one in danger may be staff)."""
    rows = conn.execute(
        select(users.c.id, users.c.channel, users.c.external_id, users.c.language)
        .where(users.c.role.in_(roles), users.c.id != besides)
        .order_by(users.c.id)
    ).mappings().all()
    return [Reachable(r["id"], r["channel"], r["external_id"], r["language"]) for r in rows]


def person(conn: Connection, user_id: int) -> Reachable | None:
    row = conn.execute(select(users.c.id, users.c.channel, users.c.external_id,
                              users.c.language).where(users.c.id == user_id)).mappings().first()
    return Reachable(row["id"], row["channel"], row["external_id"], row["language"]) \
        if row else None
