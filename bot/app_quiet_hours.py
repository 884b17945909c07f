"""What a newcomer is told when their message waits for their coach's quiet hours to end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import formats
from bot.services import quiet_hours

if TYPE_CHECKING:
    from bot.app_effects import Applying


def read_at(ctx: Applying, coach_id: int) -> str:
    """A line saying when the coach reads it, in the newcomer's language ("" when the message
    goes now)."""
    until = quiet_hours.held_until(ctx.repo.conn, coach_id, ctx.now)
    if until is None:
        return ""
    locale = ctx.around.catalogs.get(ctx.user.language).code
    return "\n" + ctx._("Your coach has quiet hours now and reads it at {time}.").format(
        time=formats.time_of_day(until, locale))
