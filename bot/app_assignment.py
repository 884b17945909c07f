"""An admin assigns a coach to a newcomer, or unlinks them: from the command line (`brug
assign`, `brug unlink`) or the admin's screen in the chat. A coach has a capacity: assigning
beyond it is refused unless confirmed. Both sides are told in their own language; an unlinked
newcomer keeps all their data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import app_unlink_tidy
from bot.app_recipient import ToOthers
from bot.flows import onboarding
from bot.flows.assign_confirm import anyway_id
from bot.flows.coach_link import SHARE_REQUEST
from bot.flows.events import CoachAssigned, CoachUnlinked, Event
from bot.storage import coach_care, coach_desk, handoffs
from bot.storage.handoffs import Person
from bot.storage.repository import SqlRepository, UserRecord
from bot.types import Option, Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying

ASSIGNED, ALREADY, OVER = "assigned", "already", "over"


@dataclass(frozen=True)
class Assignment:
    """What an assignment did: `outcome` is ASSIGNED, ALREADY (linked before) or OVER (the
    coach is at capacity and it was not confirmed: nothing changed); `load`: the coach's
    newcomers now."""

    outcome: str
    load: int
    capacity: int


def _person(user: UserRecord) -> Person:
    assert user.id is not None
    return Person(user.id, user.channel, user.external_id, user.language, user.external_id)


def tell(repo: SqlRepository, others: ToOthers, person: Person, text: str,
         now: datetime) -> None:
    """A message to someone through the outbox, sent once this transaction commits."""
    message = Outgoing(to=person.external_id, text=text, channel=person.channel)
    others.enqueue(repo, person.user_id, message, now, now)


def coach_name(repo: SqlRepository, coach: Person) -> str:
    """The name newcomers know a coach by: the one their chat gave when they last took a
    conversation, else their id on the channel."""
    return coach_care.known_name(repo.conn, coach.user_id) or coach.external_id


def assign(repo: SqlRepository, others: ToOthers, newcomer: UserRecord, coach: UserRecord, *,
           capacity: int, force: bool, now: datetime, label: str = "") -> Assignment:
    """Link the coach to the newcomer, who is asked whether the coach may see their profile
    (once they agreed that Brug keeps answers). `capacity` is the default for a coach an admin
    gave no capacity of their own."""
    conn = repo.conn
    to_coach, to_newcomer = _person(coach), _person(newcomer)
    capacity = coach_desk.capacity_of(conn, to_coach.user_id, capacity)
    load = coach_care.newcomer_count(conn, to_coach.user_id)
    if coach_care.coaches_of_pair(conn, to_coach.user_id, to_newcomer.user_id):
        return Assignment(ALREADY, load, capacity)
    if load >= capacity and not force:
        return Assignment(OVER, load, capacity)
    name = label or handoffs.name_for(conn, to_newcomer.user_id, None)
    repo.link(to_coach.user_id, to_newcomer.user_id, name, now)
    _ = others.gettext(newcomer.language)
    tell(repo, others, to_newcomer, _(
        "An admin gave you a coach: {coach}. Your coach can answer your questions and plan "
        "meetings with you. You choose what your coach may see.").format(
        coach=coach_name(repo, to_coach)), now)
    if onboarding.has_consent(newcomer):
        repo.schedule(to_newcomer.user_id, SHARE_REQUEST, now,
                      {"coach": str(to_coach.user_id)}, now)
    to_them = others.translator(coach.language)
    _ = to_them.gettext
    line = to_them.ngettext("An admin linked {name} to you. You have {count} newcomer now.",
                            "An admin linked {name} to you. You have {count} newcomers now.",
                            load + 1).format(name=name, count=load + 1)
    if load + 1 > capacity:
        line += "\n" + _("That is more than your capacity of {capacity}. Tell an admin if it is "
                         "too much.").format(capacity=capacity)
    tell(repo, others, to_coach, line, now)
    return Assignment(ASSIGNED, load + 1, capacity)


def capacity(repo: SqlRepository, coach_id: int, own: int | None, default: int,
             now: datetime) -> tuple[int, int]:
    """Set a coach's own capacity (None: `default` again); the capacity in force and their
    newcomers now."""
    coach_desk.set_capacity(repo.conn, coach_id, own, now)
    return (coach_desk.capacity_of(repo.conn, coach_id, default),
            coach_care.newcomer_count(repo.conn, coach_id))


def unlink(repo: SqlRepository, others: ToOthers, newcomer: UserRecord, now: datetime,
           files: Path) -> list[Person]:
    """The newcomer is no longer linked to any coach; both sides are told. Their answers
    stay theirs; meetings still ahead with the coach are cancelled and an open conversation
    with them is closed (bot/app_unlink_tidy.py). Returns the coaches unlinked."""
    conn = repo.conn
    to_newcomer = _person(newcomer)
    labels = dict(coach_care.coaches_of(conn, to_newcomer.user_id))
    gone = [p for p in (handoffs.person(conn, i)
                        for i in coach_care.unlink(conn, to_newcomer.user_id)) if p is not None]
    if gone:
        _ = others.gettext(newcomer.language)
        tell(repo, others, to_newcomer, _unlinked_text(_, [coach_name(repo, c) for c in gone]), now)
    for coach in gone:
        repo.cancel_reminders(to_newcomer.user_id, SHARE_REQUEST, now)
        tidied = app_unlink_tidy.tidy(repo, others, files, coach, to_newcomer, now)
        _ = others.gettext(coach.language)
        line = _("An admin unlinked {name} from you. You no longer see their profile.").format(
            name=labels.get(coach.user_id, ""))
        if tidied:
            line += "\n" + _("Your meetings ahead with them are cancelled and your "
                             "conversation is closed. They are told.")
        tell(repo, others, coach, line, now)
    return gone


def _unlinked_text(_: Callable[[str], str], names: list[str]) -> str:
    return _("{coach} is no longer your coach. Everything you told Brug stays yours. You can "
             "ask for a person in the menu at any time.").format(coach=", ".join(names))


def _own(ctx: Applying, text: str, options: tuple[Option, ...] = ()) -> Outgoing:
    return Outgoing(to=ctx.incoming.user, text=text, options=options,
                    channel=ctx.incoming.channel)


def _users(ctx: Applying, *ids: int) -> list[UserRecord] | None:
    found = []
    for user_id in ids:
        person = handoffs.person(ctx.repo.conn, user_id)
        user = ctx.repo.get_user(person.channel, person.external_id) if person else None
        if user is None:
            return None
        found.append(user)
    return found


def assigned_in_chat(ctx: Applying, event: CoachAssigned) -> None:
    """The admin's screen: assign, or warn beyond the capacity with a button to confirm."""
    _ = ctx._
    found = _users(ctx, event.newcomer, event.coach)
    if ctx.user.role != "admin":
        ctx.put(_own(ctx, _("Only admins can do that.")))
        return
    if found is None or found[1].role != "coach":
        ctx.put(_own(ctx, _("That person is not a coach (any more).")))
        return
    newcomer, coach = found
    name = handoffs.name_for(ctx.repo.conn, event.newcomer, None)
    coach_shown = coach_name(ctx.repo, _person(coach))
    done = assign(ctx.repo, ctx.to_others, newcomer, coach, now=ctx.now,
                  capacity=ctx.around.coach_capacity, force=event.force)
    if done.outcome == OVER:
        ctx.put(_own(ctx, ctx.ngettext(
            "{coach} has {count} newcomer already; their capacity is {capacity}. Assign {name} "
            "anyway?",
            "{coach} has {count} newcomers already; their capacity is {capacity}. Assign {name} "
            "anyway?", done.load).format(
            coach=coach_shown, count=done.load, capacity=done.capacity, name=name),
            (Option(anyway_id(event.newcomer, event.coach), _("✅ Yes, assign anyway")),)))
    elif done.outcome == ALREADY:
        ctx.put(_own(ctx, _("{coach} is the coach of {name} already.").format(
            coach=coach_shown, name=name)))
    else:
        ctx.put(_own(ctx, _("Done: {coach} is now the coach of {name}. Both are told.").format(
            coach=coach_shown, name=name)))


def unlinked_in_chat(ctx: Applying, event: CoachUnlinked) -> None:
    _ = ctx._
    found = _users(ctx, event.newcomer)
    if ctx.user.role != "admin" or found is None:
        ctx.put(_own(ctx, _("Only admins can do that.")))
        return
    name = handoffs.name_for(ctx.repo.conn, event.newcomer, None)
    gone = unlink(ctx.repo, ctx.to_others, found[0], ctx.now, ctx.around.files)
    ctx.put(_own(ctx, _("Done: {name} has no coach now. Both sides are told.").format(name=name)
                 if gone else _("{name} has no coach.").format(name=name)))


HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    CoachAssigned: assigned_in_chat,
    CoachUnlinked: unlinked_in_chat,
}
