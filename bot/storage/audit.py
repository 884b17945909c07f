"""The audit trail: a row each time a coach opens a newcomer's profile or request summary
(who, whom, what, when), written in the transaction that shows it; the newcomer reads it in
My data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from bot.storage.tables import data_views, handoffs

PROFILE, SUMMARY = "profile", "summary"
# A newcomer sees their latest views, this many at most.
SHOWN_AT_MOST = 20


@dataclass(frozen=True)
class DataView:
    """One look at someone's data: the viewer's first name ("" once they are erased, or
    when no name of theirs is known yet: `left` tells the two apart)."""

    viewer: str
    what: str
    at: datetime
    left: bool = False


def write(conn: Connection, viewer_id: int, viewer_name: str, subject_id: int, what: str,
          at: datetime) -> None:
    conn.execute(insert(data_views).values(viewer_id=viewer_id, viewer_name=viewer_name[:64],
                                           subject_id=subject_id, what=what, seen_at=at))


def seen_by(conn: Connection, subject_id: int, limit: int | None = SHOWN_AT_MOST) -> list[DataView]:
    """Who saw this person's data, the latest first."""
    rows = conn.execute(select(data_views.c.viewer_name, data_views.c.what,
                               data_views.c.seen_at, data_views.c.viewer_id)
                        .where(data_views.c.subject_id == subject_id)
                        .order_by(data_views.c.seen_at.desc(), data_views.c.id.desc())
                        .limit(limit)).all()
    return [DataView(row.viewer_name, row.what, row.seen_at, row.viewer_id is None)
            for row in rows]


def known_name(conn: Connection, viewer_id: int) -> str:
    """A coach's first name as they last showed it (opening data, taking a request): a
    request's notice reaches them before they write anything, so it has no name of its own."""
    opened = conn.execute(select(data_views.c.viewer_name)
                          .where(data_views.c.viewer_id == viewer_id,
                                 data_views.c.viewer_name != "")
                          .order_by(data_views.c.id.desc()).limit(1)).scalar()
    if opened:
        return str(opened)
    took = conn.execute(select(handoffs.c.coach_name)
                        .where(handoffs.c.coach_id == viewer_id,
                               handoffs.c.coach_name.is_not(None))
                        .order_by(handoffs.c.claimed_at.desc()).limit(1)).scalar()
    return str(took).split()[0] if took and str(took).split() else ""


def export(conn: Connection, user_id: int) -> dict[str, Any]:
    """The person's views of their data by others, and (as a coach) what they opened; a coach
    sees the newcomer as a number only, their name is the newcomer's data."""
    return {
        "who_saw_my_data": [
            {"viewer": v.viewer, "what": v.what, "at": v.at.isoformat()}
            for v in seen_by(conn, user_id, limit=None)
        ],
        "what_i_opened": [
            {"what": row.what, "at": row.seen_at.isoformat()}
            for row in conn.execute(select(data_views.c.what, data_views.c.seen_at)
                                    .where(data_views.c.viewer_id == user_id)
                                    .order_by(data_views.c.id))
        ],
    }


def erase(conn: Connection, user_id: int) -> int:
    """The person's own trail goes; as a viewer, their rows stay for the newcomer, without
    their id or name."""
    gone = int(conn.execute(delete(data_views).where(data_views.c.subject_id == user_id))
               .rowcount)
    gone += int(conn.execute(update(data_views).where(data_views.c.viewer_id == user_id)
                             .values(viewer_id=None, viewer_name="")).rowcount)
    return gone
