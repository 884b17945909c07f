"""Applying consent per purpose: each yes and each no is recorded with its text's version, and
what it allows changes in the same transaction (which coaches see the profile)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import update

from bot.flows.consent_purposes import COACH_PROFILE
from bot.flows.events import ConsentChanged, Event, SharingChanged
from bot.storage import consents
from bot.storage.tables import coach_links

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _consent_changed(ctx: Applying, event: ConsentChanged) -> None:
    consents.record(ctx.repo.conn, ctx.user_id, event.purpose, event.given, event.version,
                    ctx.now)
    if event.purpose == COACH_PROFILE:
        # Every coach linked to the person sees the profile from now on, or none does.
        ctx.repo.conn.execute(update(coach_links).where(
            coach_links.c.newcomer_id == ctx.user_id).values(
                shared_at=ctx.now if event.given else None))


def _sharing_changed(ctx: Applying, event: SharingChanged) -> None:
    """The share question about one coach: yes gives the purpose (if it was not given) and
    this coach sees the profile; no hides it from this coach, and is the person's no to the
    purpose when no other coach sees it."""
    conn = ctx.repo.conn
    ctx.repo.set_shared(event.coach, ctx.user_id, ctx.now if event.shared else None)
    if event.shared:
        if not consents.is_given(conn, ctx.user_id, COACH_PROFILE):
            consents.record(conn, ctx.user_id, COACH_PROFILE, True, event.version, ctx.now)
    elif not ctx.repo.coaches_sharing(ctx.user_id):
        consents.record(conn, ctx.user_id, COACH_PROFILE, False, event.version, ctx.now)


CONSENT_HANDLERS: dict[type[Event], Any] = {
    ConsentChanged: _consent_changed,
    SharingChanged: _sharing_changed,
}
