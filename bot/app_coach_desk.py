"""Applying the events of a coach's desk (bot/flows/desk_events.py) in the update's
transaction: the audit trail of who opened a newcomer's data, a waiting request's summary,
quiet hours and the weekly digest's record. Listed in HANDLERS of bot/app_effects.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.app_handoffs import _request_text
from bot.flows.desk_events import DataSeen, DigestSent, QuietHoursSet, RequestSummaryShown
from bot.storage import audit, coach_desk, handoffs
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _first_name(ctx: Applying) -> str:
    """The coach's first name as their chat profile gives it: what the newcomer reads."""
    name = (ctx.incoming.name or "").strip()
    return name.split()[0] if name else ""


def _seen(ctx: Applying, event: DataSeen) -> None:
    # Only a newcomer linked to this coach: the screen offers no other, and a forged event
    # must not put a stranger in anyone's trail.
    if any(n.user_id == event.newcomer for n in ctx.repo.newcomers_of(ctx.user_id)):
        audit.write(ctx.repo.conn, ctx.user_id, _first_name(ctx), event.newcomer, event.what,
                    ctx.now)


def _show_request(ctx: Applying, event: RequestSummaryShown) -> None:
    conn = ctx.repo.conn
    found = handoffs.get(conn, event.handoff)
    to, channel = ctx.incoming.user, ctx.incoming.channel
    if found is None or not found.waiting or ctx.user_id not in found.notified:
        ctx.put(Outgoing(to=to, channel=channel,
                         text=ctx._("This request is not for you, or it is gone.")))
        return
    audit.write(conn, ctx.user_id, _first_name(ctx), found.newcomer.user_id, audit.SUMMARY,
                ctx.now)
    ctx.put(Outgoing(to=to, channel=channel,
                     text=_request_text(ctx._, found, ctx.user.language)))


def _set_quiet(ctx: Applying, event: QuietHoursSet) -> None:
    coach_desk.set_quiet(ctx.repo.conn, ctx.user_id, event.start, event.end, ctx.now)


def _digest_sent(ctx: Applying, event: DigestSent) -> None:
    coach_desk.mark_digest(ctx.repo.conn, ctx.user_id, event.week, dict(event.counts), ctx.now)


DESK_HANDLERS: dict[type, Callable[[Applying, Any], None]] = {
    DataSeen: _seen,
    RequestSummaryShown: _show_request,
    QuietHoursSet: _set_quiet,
    DigestSent: _digest_sent,
}
