"""Words of danger as an urgent handoff, applied in the update's transaction: a ticket marked
URGENT goes at once to the person's coach, or with none to the pool of coaches with a Claim
button (the first claim wins) and to the admins. A second alarm while a ticket is
open makes no second ticket: the open one is marked urgent and its people are told again.
Nothing is said to the person here: they got the helplines and their question again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.app_handoffs import _claim_option, _language_name, _to
from bot.flows.events import UrgentAlert
from bot.flows.handoff_talk import OVERDUE_REMINDER, tag
from bot.i18n import N_
from bot.storage import coach_care, handoffs, urgent
from bot.storage.handoffs import Handoff, Person

if TYPE_CHECKING:
    from bot.app_effects import Applying

Gettext = Callable[[str], str]

TO_POOL = N_("It went to all coaches.")
NO_COACH = N_("There is no coach to take it: please reach them now, or find a coach.")
AGAIN = N_("They wrote words of danger again.")


def ticket_text(_: Gettext, found: Handoff, who: str, reader: str | None,
                first: str = "") -> str:
    """An urgent ticket as a coach or admin reads it: who, why, their language; never the
    person's own words."""
    lines = [_("🚨 URGENT: {name} ({who})").format(name=found.newcomer.name, who=who),
             *([_(first)] if first else []),
             _(found.reason),
             _("Brug gave them the helplines. Brug does not counsel: a person must reach "
               "them now."),
             _("Language: {language}").format(
                 language=_language_name(found.summary.get("language"), reader)),
             tag(found.id)]
    return "\n".join(lines)


def _tell(ctx: Applying, found: Handoff, people: list[Person], who: str, first: str = "",
          claim: bool = True) -> None:
    for person in people:
        _ = ctx.in_language(person.language)
        options = (_claim_option(_, found),) if claim and found.waiting else ()
        ctx.tell(person.user_id, _to(person, ticket_text(_, found, who, person.language, first),
                                     options), urgent=True)


def urgent_handoff(ctx: Applying, event: UrgentAlert) -> None:
    conn = ctx.repo.conn
    who = f"{ctx.user.channel} {ctx.user.external_id}"
    found = handoffs.open_of_newcomer(conn, ctx.user_id)
    if found is not None:
        coach_care.mark_urgent(conn, found.id)
        found = handoffs.get(conn, found.id)
        assert found is not None
        told = [found.coach] if found.coach else [
            p for p in (handoffs.person(conn, i) for i in found.notified) if p is not None]
        if not told:
            told = _admins(ctx)
        _tell(ctx, found, told, who, AGAIN)
        return
    name = handoffs.name_for(conn, ctx.user_id, ctx.incoming.name)
    language = ctx.user.language or ctx.around.catalogs.choose(ctx.incoming.language_hint)
    created = handoffs.create(conn, ctx.user_id, name, event.reason, True,
                              {"language": language}, ctx.now)
    found = handoffs.get(conn, created)
    assert found is not None
    # Their linked coaches, whether or not they share the profile: danger comes first, and
    # the ticket carries nothing of the profile.
    coaches = [Person(c.user_id, c.channel, c.external_id, c.language, c.external_id)
               for c in urgent.coaches_of(conn, ctx.user_id)]
    pool = coaches or [p for p in handoffs.people_with_role(conn, "coach")
                       if p.user_id != ctx.user_id]
    _tell(ctx, found, pool, who)
    handoffs.set_notified(conn, found.id, [p.user_id for p in pool])
    if not coaches:
        # Their own coach is enough; without one, the admins too hear of it at once.
        _tell(ctx, found, _admins(ctx), who, TO_POOL if pool else NO_COACH, claim=False)
    # Unclaimed for the usual wait (office hours or not): the pool is reminded, admins told.
    ctx.repo.schedule(ctx.user_id, OVERDUE_REMINDER, ctx.now + ctx.around.handoff_wait,
                      {"handoff": found.id}, ctx.now)


def _admins(ctx: Applying) -> list[Person]:
    return [p for p in handoffs.people_with_role(ctx.repo.conn, "admin")
            if p.user_id != ctx.user_id]
