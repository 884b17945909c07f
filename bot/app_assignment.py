"""An admin assigns a coach to a newcomer, or unlinks them: from the command line (`brug
assign`, `brug unlink`) or the admin's screen in the chat. A coach has a capacity: assigning
beyond it is refused unless confirmed. Both sides are told in their own language; an unlinked
newcomer keeps all their data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.flows import onboarding
from bot.flows.coach_link import SHARE_REQUEST
from bot.i18n.catalogs import Catalogs
from bot.storage import coach_care, handoffs
from bot.storage.handoffs import Person
from bot.storage.repository import SqlRepository, UserRecord
from bot.types import Outgoing

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


def tell(repo: SqlRepository, person: Person, text: str, now: datetime) -> None:
    """A message to someone through the outbox, sent once this transaction commits."""
    message = Outgoing(to=person.external_id, text=text, channel=person.channel)
    repo.enqueue(person.user_id, person.channel, person.external_id, message.to_json(), now,
                 now)


def coach_name(repo: SqlRepository, coach: Person) -> str:
    """The name newcomers know a coach by: the one their chat gave when they last took a
    conversation, else their id on the channel."""
    return coach_care.known_name(repo.conn, coach.user_id) or coach.external_id


def assign(repo: SqlRepository, catalogs: Catalogs, newcomer: UserRecord, coach: UserRecord, *,
           capacity: int, force: bool, now: datetime, label: str = "") -> Assignment:
    """Link the coach to the newcomer, who is asked whether the coach may see their profile
    (once they agreed that Brug keeps answers)."""
    conn = repo.conn
    to_coach, to_newcomer = _person(coach), _person(newcomer)
    load = coach_care.newcomer_count(conn, to_coach.user_id)
    if coach_care.coaches_of_pair(conn, to_coach.user_id, to_newcomer.user_id):
        return Assignment(ALREADY, load, capacity)
    if load >= capacity and not force:
        return Assignment(OVER, load, capacity)
    name = label or handoffs.name_for(conn, to_newcomer.user_id, None)
    repo.link(to_coach.user_id, to_newcomer.user_id, name, now)
    _ = catalogs.get(newcomer.language).gettext
    tell(repo, to_newcomer, _("An admin gave you a coach: {coach}. Your coach can answer your "
                              "questions and plan meetings with you. You choose what your "
                              "coach may see.").format(coach=coach_name(repo, to_coach)), now)
    if onboarding.has_consent(newcomer):
        repo.schedule(to_newcomer.user_id, SHARE_REQUEST, now,
                      {"coach": str(to_coach.user_id)}, now)
    _ = catalogs.get(coach.language).gettext
    line = _("An admin linked {name} to you. You have {count} newcomers now.").format(
        name=name, count=load + 1)
    if load + 1 > capacity:
        line += "\n" + _("That is more than your capacity of {capacity}. Tell an admin if it is "
                         "too much.").format(capacity=capacity)
    tell(repo, to_coach, line, now)
    return Assignment(ASSIGNED, load + 1, capacity)


def unlink(repo: SqlRepository, catalogs: Catalogs, newcomer: UserRecord, now: datetime,
           ) -> list[Person]:
    """The newcomer is no longer linked to any coach; both sides are told. Their answers,
    meetings and conversations stay theirs. Returns the coaches unlinked."""
    conn = repo.conn
    to_newcomer = _person(newcomer)
    labels = dict(coach_care.coaches_of(conn, to_newcomer.user_id))
    gone = [p for p in (handoffs.person(conn, i)
                        for i in coach_care.unlink(conn, to_newcomer.user_id)) if p is not None]
    for coach in gone:
        repo.cancel_reminders(to_newcomer.user_id, SHARE_REQUEST, now)
        _ = catalogs.get(coach.language).gettext
        tell(repo, coach, _("An admin unlinked {name} from you. You no longer see their "
                            "profile.").format(name=labels.get(coach.user_id, "")), now)
    if gone:
        _ = catalogs.get(newcomer.language).gettext
        tell(repo, to_newcomer, _unlinked_text(_, [coach_name(repo, c) for c in gone]), now)
    return gone


def _unlinked_text(_: Callable[[str], str], names: list[str]) -> str:
    return _("{coach} is no longer your coach. Everything you told Brug stays yours. You can "
             "ask for a person in the menu at any time.").format(coach=", ".join(names))
