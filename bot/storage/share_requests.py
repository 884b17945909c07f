"""Which coaches a newcomer has not been asked about yet: read when they agree that Brug
keeps their answers, so the share question reaches them then."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select

from bot.storage.hot import HotStatement
from bot.storage.tables import coach_links, reminders

SHARE_REQUEST = "share_request"

# Built once: every consent runs the first (see BENCHMARKS.md on the write path).
_NOT_SHARED = HotStatement(
    select(coach_links.c.coach_id)
    .where(coach_links.c.newcomer_id == bindparam("newcomer"), coach_links.c.shared_at.is_(None))
    .order_by(coach_links.c.id))
_TO_BE_ASKED = HotStatement(
    select(reminders.c.data)
    .where(reminders.c.user_id == bindparam("newcomer"), reminders.c.kind == bindparam("kind"),
           reminders.c.done_at.is_(None)))


def coaches_not_shared_with(conn: Connection, newcomer_id: int) -> list[int]:
    """The coaches linked to this newcomer who do not see the profile (never asked, or the
    answer was no), oldest link first."""
    return [int(row["coach_id"]) for row in _NOT_SHARED.all(conn, {"newcomer": newcomer_id})]


def coaches_about_to_be_asked(conn: Connection, newcomer_id: int) -> set[int]:
    """Coaches named by this newcomer's share questions that are still to be asked."""
    rows = _TO_BE_ASKED.all(conn, {"newcomer": newcomer_id, "kind": SHARE_REQUEST})
    return {int(data["coach"]) for data in (row["data"] for row in rows)
            if str(data.get("coach", "")).isdigit()}
