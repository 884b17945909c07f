"""Applying what a person does with their growth points (bot/flows/events.py: GrowthPoint*),
in the update's transaction. bot/app_effects.py takes the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.flows.events import Event, GrowthPointKept, GrowthPointRemoved
from bot.storage import growth_points

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _keep(ctx: Applying, event: GrowthPointKept) -> None:
    # The event's date is copied from the event itself; an event that is gone (or an id that
    # is none) leaves the point with the title the trigger carried.
    found = ctx.repo.gatherings().get(int(event.event)) if event.event.isdigit() else None
    growth_points.add(ctx.repo.conn, ctx.user_id, event.text,
                      found.id if found else None, found.title if found else event.title,
                      found.starts_at if found else None, ctx.now)


def _remove(ctx: Applying, event: GrowthPointRemoved) -> None:
    growth_points.remove(ctx.repo.conn, ctx.user_id, event.point)


GROWTH_HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    GrowthPointKept: _keep,
    GrowthPointRemoved: _remove,
}
