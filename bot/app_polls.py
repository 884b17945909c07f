"""Applying what happens with an event's smiley poll (bot/flows/events.py: Poll*), in the
update's transaction: send it once to everyone who joined, a part of the list at a time, and
count each answer under a keyed token instead of the person. bot/app_effects.py takes the
table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.flows.anonymous import OPEN_UNTIL
from bot.flows.content import FlowSpec
from bot.flows.events import Event, PollAnswered, PollSendAsked, PollSendGoesOn
from bot.flows.poll_sending import POLL_DUE, POLL_MORE
from bot.flows.triggers import schedule_for
from bot.i18n import formats
from bot.services.poll_token import PollTokens
from bot.storage import poll_sends
from bot.storage.gatherings import Gathering
from bot.storage.poll_answers import PollAnswer, PollAnswers
from bot.storage.repository import SqlRepository
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying

# The reminder kind that starts the poll for an attendee (content/event_poll.yaml).
POLL_REMINDER = "event_poll"
# An event without an end time is taken to last this long.
DEFAULT_LENGTH = timedelta(hours=2)
# Attendees whose poll is written in one transaction; the rest follow in later ones.
PART = 200


@dataclass(frozen=True)
class PollSetup:
    """What the poll's handlers need: the tokens, how long a poll takes answers, and the
    flow that asks it (None when the content has none: then no poll goes out)."""

    tokens: PollTokens
    open_for: timedelta
    flow: FlowSpec | None


def ends(event: Gathering) -> datetime:
    return event.ends_at or event.starts_at + DEFAULT_LENGTH


def slot(event: Gathering) -> str:
    """The event's time slot for the breakdowns: its start, Brussels time ("14:00"), so an
    organiser who runs one event in two slots sees each apart."""
    return formats.time_of_day(event.starts_at, None)


def schedule_poll(repo: SqlRepository, organiser_id: int, event: Gathering,
                  now: datetime) -> None:
    """At the event's end the poll goes out by itself (unless the organiser sent it)."""
    repo.schedule(organiser_id, POLL_DUE, ends(event), {"event": event.id}, now)


def _setup(ctx: Applying) -> PollSetup:
    setup = ctx.around.polls
    assert setup is not None, "the application gives the poll's setup"
    return setup


def _say(ctx: Applying, text: str) -> None:
    ctx.put(Outgoing(to=ctx.incoming.user, text=text, channel=ctx.incoming.channel))


def _send(ctx: Applying, event: PollSendAsked) -> None:
    _ = ctx._
    found = ctx.repo.gatherings().get(event.event_id, lock=True)
    mine = found is not None and (found.organiser_id == ctx.user_id or (
        not event.automatic and ctx.user.role == "admin"))
    if found is None or not mine or (not event.automatic
                                     and ctx.user.role not in ("organiser", "admin")):
        _say(ctx, _("Only the organiser of an event can send its poll."))
        return
    setup = _setup(ctx)
    if setup.flow is None:
        return  # content without a poll: nothing to send
    if found.cancelled:
        if not event.automatic:
            _say(ctx, _("This event was cancelled."))
        return
    if found.starts_at > ctx.now and not event.automatic:
        _say(ctx, _("The event has not started yet. The poll goes out by itself at its "
                    "end, or when you send it."))
        return
    if not poll_sends.mark_sent(ctx.repo.conn, found.id, ctx.now):
        if not event.automatic and found.poll_sent_at is not None:
            _say(ctx, _("The poll went out already, on {when}. It is not sent twice.").format(
                when=formats.day_month_time(found.poll_sent_at, _locale(ctx))))
        return
    count = ctx.repo.gatherings().counts(found.id).joined
    open_until = (ctx.now + setup.open_for).isoformat()
    _send_part(ctx, found, 0, open_until)
    _say(ctx, ctx.ngettext(
        "The poll about {title} goes out now to the {count} person who joined. Their answers "
        "are anonymous.",
        "The poll about {title} goes out now to the {count} people who joined. Their answers "
        "are anonymous.", count).format(title=found.title, count=count))


def _locale(ctx: Applying) -> str:
    return ctx.around.catalogs.get(ctx.user.language).code


def _go_on(ctx: Applying, event: PollSendGoesOn) -> None:
    found = ctx.repo.gatherings().get(event.event_id)
    if found is not None and found.organiser_id == ctx.user_id and not found.cancelled:
        _send_part(ctx, found, event.after, event.open_until)


def _send_part(ctx: Applying, event: Gathering, after: int, open_until: str) -> None:
    """The poll for the next part of the list; a reminder brings the part after it."""
    flow = _setup(ctx).flow
    assert flow is not None
    people = poll_sends.joined_after(ctx.repo.conn, event.id, after, PART)
    values = {"event": str(event.id), "title": event.title, OPEN_UNTIL: open_until}
    schedule_for(ctx.repo, people, flow, POLL_REMINDER, values, ctx.now, ctx.now)
    if len(people) == PART:
        ctx.repo.schedule(ctx.user_id, POLL_MORE, ctx.now, {
            "event": event.id, "after": people[-1], OPEN_UNTIL: open_until}, ctx.now)


def _count(ctx: Applying, event: PollAnswered) -> None:
    """One answer, under the person's token for this event: a second answer replaces it."""
    found = ctx.repo.gatherings().get(event.event_id)
    if found is None:
        return
    token = _setup(ctx).tokens.token(ctx.user_id, found.id)
    PollAnswers(ctx.repo.conn).record(found.id, token, PollAnswer(
        event.question, event.answer, ctx.user.language or "", slot(found)))


POLL_HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    PollSendAsked: _send,
    PollSendGoesOn: _go_on,
    PollAnswered: _count,
}
