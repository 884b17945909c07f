"""Two missed meetings in a row, applied in the coach's update: a ticket for the admins (a
handoff they see, with the reason and a Claim button), and the newcomer offered a person in a
turn of their own (never forced). No second ticket while one is open for the newcomer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.app_handoffs import _claim_option, _request_text, _to
from bot.flows.events import NoShowsInARow
from bot.flows.screens import talk_offer
from bot.storage import appointments, handoffs
from bot.storage.appointments import NO_SHOW

if TYPE_CHECKING:
    from bot.app_effects import Applying

ADMINS = "admins"


def no_shows(ctx: Applying, event: NoShowsInARow) -> None:
    """Checked again here: the two latest marked meetings of the pair were both missed."""
    conn = ctx.repo.conn
    if appointments.attendance(conn, ctx.user_id, event.newcomer) != [NO_SHOW, NO_SHOW]:
        return
    newcomer = handoffs.person(conn, event.newcomer)
    if newcomer is None:
        return
    admins = [a for a in handoffs.people_with_role(conn, "admin") if a.user_id != ctx.user_id]
    found = handoffs.open_of_newcomer(conn, newcomer.user_id)
    if found is None:
        created = handoffs.create(conn, newcomer.user_id, event.label or newcomer.name,
                                  talk_offer.MISSED_REASON, False,
                                  {"language": newcomer.language}, ctx.now, audience=ADMINS)
        handoffs.set_notified(conn, created, [a.user_id for a in admins])
        found = handoffs.get(conn, created)
        assert found is not None
    coach = f"{ctx.user.channel} {ctx.user.external_id}"
    for admin in admins:
        _ = ctx.in_language(admin.language)
        line = _("⚠️ {name} missed two meetings in a row with their coach ({coach}). Please "
                 "check with the coach how to go on.").format(name=event.label, coach=coach)
        options = (_claim_option(_, found),) if found.waiting and found.audience == ADMINS \
            else ()
        ctx.tell(admin.user_id, _to(admin, line + "\n\n" + _request_text(_, found,
                                                                         admin.language),
                                    options))
    ctx.repo.schedule(newcomer.user_id, talk_offer.REMINDER, ctx.now, {}, ctx.now)
