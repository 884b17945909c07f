"""Telling the people on an event's list that its reminders changed: each who holds a place
hears it once, in their own language, with the reminders they get now. Nobody who left or
waits, and nothing for an event that started or was cancelled, or a plan saved unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.flows.gathering_reminders import POINTS
from bot.flows.gathering_text import when
from bot.storage.gatherings import JOINED, Gathering
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying


def plan_changes(event: Gathering, plan: tuple[str, ...], now: datetime) -> bool:
    """Whether saving `plan` changes anything an attendee still meets."""
    return (not event.cancelled and event.starts_at > now
            and set(plan) != set(event.reminder_plan))


def tell_attendees(ctx: Applying, event: Gathering, plan: tuple[str, ...]) -> int:
    """One message to each person who holds a place; how many were told."""
    told = ctx.repo.gatherings().attendees(event.id, (JOINED,))
    for person in told:
        translator = ctx.translator_of(person.language)
        _ = translator.gettext
        text = "\n".join((
            _("The organiser changed the reminders for {title} ({when}).").format(
                title=event.title, when=when(event.starts_at, event.ends_at, translator)),
            _("Reminders: {points}").format(points=", ".join(
                _(POINTS[point][0]) for point in plan if point in POINTS) or _("none"))))
        ctx.tell(person.user_id, Outgoing(to=person.external_id, text=text,
                                          channel=person.channel))
    return len(told)
