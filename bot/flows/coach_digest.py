"""The weekly digest a coach gets on Monday at 08:00 (Brussels time), in their language: the
newcomers with news (help asked, steps done since the last digest, growth points they share),
the requests waiting and conversations open, and this week's meetings. Nothing when there is
nothing to say; never twice in one week, whatever the reminder rows say."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.flows import appointments as appts
from bot.flows import coach_view, growth
from bot.flows.appointment_time import shown
from bot.flows.desk_events import DigestSent
from bot.flows.events import ReminderSet
from bot.flows.handoff_talk import tag
from bot.flows.screens.base import Core
from bot.flows.screens.my_newcomers import upcoming
from bot.flows.turn import Turn
from bot.i18n.lists import grouped, listed
from bot.services.weekly_digest import DIGEST, next_digest, week_of
from bot.storage.repository import LinkedNewcomer

WEEK = timedelta(days=7)


def send(turn: Turn, core: Core) -> None:
    """The digest reminder fell due: the next one is set, and this week's digest said."""
    coach_id = turn.user.id
    if turn.user.role != "coach" or coach_id is None:
        return  # no longer a coach: no digest, and none set for next week
    now = turn.incoming.time
    desk = turn.lookup.desk_of(coach_id)
    week = week_of(now)
    if desk.digest_week == week:
        return  # a second reminder row of the same week: the first one said it all
    turn.effects.emit(ReminderSet(DIGEST, next_digest(now)))
    text, counts = compose(turn, core, desk.digest_counts, now)
    turn.effects.emit(DigestSent(week, counts))
    if text:
        turn.effects.say(text)


def _new_growth_points(turn: Turn, linked: LinkedNewcomer, now: datetime) -> list[str]:
    """The growth points kept this week, only while the newcomer shares them with this coach."""
    if not growth.coach_may_see_growth(linked):
        return []
    return [point.text for point in turn.lookup.growth_points_of(linked.user_id)
            if point.created_at > now - WEEK]


def compose(turn: Turn, core: Core, before: dict[str, int], now: datetime
            ) -> tuple[str | None, dict[str, int]]:
    """The digest's text (None if nothing is new) and the steps done per newcomer now."""
    _ = turn._
    assert turn.user.id is not None
    counts: dict[str, int] = {}
    news = []
    for linked in turn.newcomers:
        seen = coach_view.glance(linked, core.content)
        if not seen.shared:
            continue
        counts[str(seen.user_id)] = seen.done
        gained = seen.done - before.get(str(seen.user_id), 0)
        asked = [title for title, since in seen.help
                 if datetime.fromisoformat(since) > now - WEEK]
        grown = _new_growth_points(turn, linked, now)
        if gained <= 0 and not asked and not grown:
            continue
        line = turn.ngettext("- {name}: {done} of {total} step done",
                             "- {name}: {done} of {total} steps done", seen.total).format(
            name=seen.label, done=seen.done, total=seen.total)
        if gained > 0:
            line += " " + _("(+{count} this week)").format(count=gained)
        if asked:
            line += "\n  " + _("🙋 Asked for help with: {items}").format(
                items=listed((_(title) for title in asked), _))
        if grown:
            line += "\n  " + _("🌱 New growth points: {points}").format(points=grouped(grown, _))
        news.append(line)
    parts = []
    if news:
        parts.append(_("News from your newcomers:") + "\n" + "\n".join(news))
    waiting = turn.lookup.requests_waiting_for(turn.user.id)
    if waiting:
        parts.append(_("Waiting for a coach:") + "\n" + "\n".join(
            f"- {h.newcomer.name} {tag(h.id)}" for h in waiting))
    talking = turn.lookup.conversations_of(turn.user.id)
    if talking:
        parts.append(_("Your open conversations:") + "\n" + "\n".join(
            f"- {c.newcomer.name} {tag(c.id)}" for c in talking))
    language = appts.language_of(turn)
    meetings = [a for a in upcoming(turn) if a.starts_at < now + WEEK]
    if meetings:
        parts.append(_("Your meetings this week:") + "\n" + "\n".join(
            f"- {a.label}, {shown(a.starts_at, language)}" for a in meetings))
    if not parts:
        return None, counts
    header = _("☀ Your week at Brug. Open My newcomers in the menu for more.")
    return "\n\n".join([header, *parts]), counts
