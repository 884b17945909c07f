"""Which coaches a newcomer has not been asked about yet: read when they agree that Brug
keeps their answers, so the share question reaches them then."""

from __future__ import annotations

from sqlalchemy import Connection, select

from bot.storage.tables import coach_links, reminders

SHARE_REQUEST = "share_request"


def coaches_not_shared_with(conn: Connection, newcomer_id: int) -> list[int]:
    """The coaches linked to this newcomer who do not see the profile (never asked, or the
    answer was no), oldest link first."""
    rows = conn.execute(
        select(coach_links.c.coach_id)
        .where(coach_links.c.newcomer_id == newcomer_id, coach_links.c.shared_at.is_(None))
        .order_by(coach_links.c.id))
    return [int(coach_id) for (coach_id,) in rows]


def coaches_about_to_be_asked(conn: Connection, newcomer_id: int) -> set[int]:
    """Coaches named by this newcomer's share questions that are still to be asked."""
    rows = conn.execute(
        select(reminders.c.data)
        .where(reminders.c.user_id == newcomer_id, reminders.c.kind == SHARE_REQUEST,
               reminders.c.done_at.is_(None)))
    return {int(data["coach"]) for (data,) in rows if str(data.get("coach", "")).isdigit()}
