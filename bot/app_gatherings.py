"""Applying what people do with events (bot/flows/events.py: Gathering*), in the update's
transaction: store a new event and give its link, join, leave and move the waiting list up,
change the reminders, cancel. One handler per event type; bot/app_effects.py takes the table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.app_plan_notice import plan_changes, tell_attendees
from bot.app_polls import schedule_poll
from bot.flows import permissions
from bot.flows.events import (
    Event,
    GatheringCancelled,
    GatheringCreated,
    GatheringJoined,
    GatheringLeft,
    GatheringLinkAsked,
    GatheringPlanChanged,
)
from bot.flows.gathering_link import new_event_link
from bot.flows.gathering_reminders import GATHERING_REMINDER, due_times
from bot.flows.gathering_text import when
from bot.storage.event_review import EventReview
from bot.storage.gatherings import JOINED, WAITING, Attendee, Gathering
from bot.storage.link_codes import LinkCodes
from bot.storage.repository import SqlRepository
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying

# Who may make and run events: the table of who may do what says.
ORGANISING = tuple(sorted(permissions.TABLE[permissions.ORGANISE]))


def _say(ctx: Applying, text: str) -> None:
    ctx.put(Outgoing(to=ctx.incoming.user, text=text, channel=ctx.incoming.channel))


def _own(ctx: Applying, event_id: int) -> Gathering | None:
    """The event if this person organises it (an admin may act on any)."""
    if ctx.user.role not in ORGANISING:
        return None
    event = ctx.repo.gatherings().get(event_id, lock=True)
    if event is None or (event.organiser_id != ctx.user_id and ctx.user.role != "admin"):
        return None
    return event


def _give_link(ctx: Applying, event: Gathering, intro: str) -> None:
    link = new_event_link(LinkCodes(ctx.repo.conn), event, ctx.now,
                          bot_username=ctx.around.bot_username, folder=ctx.around.files)
    to, channel = ctx.incoming.user, ctx.incoming.channel
    ctx.put(Outgoing(to=to, text=intro.format(link=link.url), channel=channel),
            link.image_message(to, channel))
    ctx.after_commit.append(link.draw)


def schedule_reminders(repo: SqlRepository, user_id: int, event: Gathering, now: datetime,
                       plan: tuple[str, ...] | None = None) -> None:
    """Reminder rows for one attendee, for the points of the plan still ahead. A row that
    falls due after the person left, or the event was cancelled, says nothing."""
    for point, due in due_times(event.starts_at, plan or event.reminder_plan, now):
        repo.schedule(user_id, GATHERING_REMINDER, due, {"event": event.id, "point": point},
                      now)


def _create(ctx: Applying, event: GatheringCreated) -> None:
    if ctx.user.role not in ORGANISING:
        _say(ctx, ctx._("Only organisers can make events."))
        return
    store = ctx.repo.gatherings()
    stored = store.get(store.add(ctx.user_id, event.new, ctx.now))
    assert stored is not None  # just added
    schedule_poll(ctx.repo, ctx.user_id, stored, ctx.now)
    _give_link(ctx, stored, ctx._(
        "Your event is ready. Share this link, or show the QR code:\n{link}\n\nWhoever "
        "opens it sees the event in their language and can join. You find the event, and "
        "who joined, under My events."))


def _relink(ctx: Applying, event: GatheringLinkAsked) -> None:
    found = _own(ctx, event.event_id)
    if found is not None:
        _give_link(ctx, found, ctx._("The link to your event:\n{link}"))


def _join(ctx: Applying, event: GatheringJoined) -> None:
    _ = ctx._
    store = ctx.repo.gatherings()
    found = store.get(event.event_id, lock=True)
    if found is None or found.cancelled:
        _say(ctx, _("This event was cancelled."))
        return
    if found.starts_at <= ctx.now:
        _say(ctx, _("This event has started already."))
        return
    before = store.status_of(found.id, ctx.user_id)
    status = store.join(found, ctx.user_id, ctx.now)
    EventReview(ctx.repo.conn).keep_name(found.id, ctx.user_id, ctx.incoming.name)
    if status == JOINED and before != JOINED:
        schedule_reminders(ctx.repo, ctx.user_id, found, ctx.now)
        _say(ctx, _("You joined: {title}. I will remind you before it starts.").format(
            title=found.title))
    elif status == JOINED:
        _say(ctx, _("You are on the list already."))
    else:
        _say(ctx, _("This event is full. You are on the waiting list: when a place frees "
                    "up, it is yours and I will tell you."))


def _leave(ctx: Applying, event: GatheringLeft) -> None:
    _ = ctx._
    store = ctx.repo.gatherings()
    found = store.get(event.event_id, lock=True)
    if found is None:
        return
    left = store.leave(found, ctx.user_id, ctx.now)
    if left.was is None:
        _say(ctx, _("You are not on the list of this event."))
        return
    if left.was == WAITING:
        _say(ctx, _("You are off the waiting list of {title}.").format(title=found.title))
    else:
        _say(ctx, _("Thank you for telling me. Your place goes to someone else. You get no "
                    "more reminders for {title}.").format(title=found.title))
    if left.moved_up is not None:
        _move_up(ctx, found, left.moved_up)


def _move_up(ctx: Applying, found: Gathering, person: Attendee) -> None:
    """A place freed up: the person who waited longest has it, and hears so."""
    schedule_reminders(ctx.repo, person.user_id, found, ctx.now)
    translator = ctx.translator_of(person.language)
    text = translator.gettext(
        "Good news: a place freed up for {title} ({when}). You are on the list now. If you "
        "cannot come, open My events in the menu.").format(
            title=found.title, when=when(found.starts_at, found.ends_at, translator))
    ctx.tell(person.user_id, Outgoing(to=person.external_id, text=text,
                                      channel=person.channel))


def _change_plan(ctx: Applying, event: GatheringPlanChanged) -> None:
    found = _own(ctx, event.event_id)
    if found is None:
        return
    store = ctx.repo.gatherings()
    if plan_changes(found, event.plan, ctx.now):
        tell_attendees(ctx, found, event.plan)
    store.set_plan(found.id, event.plan)
    added = tuple(point for point in event.plan if point not in found.reminder_plan)
    # Rows of points taken out stay, and say nothing when they fall due (see the screen).
    for person in store.attendees(found.id, (JOINED,)):
        schedule_reminders(ctx.repo, person.user_id, found, ctx.now, added)
    _say(ctx, ctx._("The reminders are changed."))


def _cancel(ctx: Applying, event: GatheringCancelled) -> None:
    found = _own(ctx, event.event_id)
    store = ctx.repo.gatherings()
    if found is None or not store.cancel(found.id, ctx.now):
        return
    told = store.attendees(found.id, (JOINED, WAITING))
    for person in told:
        translator = ctx.translator_of(person.language)
        text = translator.gettext(
            "Cancelled: {title} ({when}) does not take place. I am sorry.").format(
                title=found.title, when=when(found.starts_at, found.ends_at, translator))
        ctx.tell(person.user_id, Outgoing(to=person.external_id, text=text,
                                          channel=person.channel))
    _say(ctx, ctx._("The event is cancelled. Everyone on its list gets a message: {count}.")
         .format(count=len(told)))


GATHERING_HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    GatheringCreated: _create,
    GatheringLinkAsked: _relink,
    GatheringJoined: _join,
    GatheringLeft: _leave,
    GatheringPlanChanged: _change_plan,
    GatheringCancelled: _cancel,
}

