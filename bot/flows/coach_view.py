"""What a coach may see of one of their newcomers at a glance: steps done and open "I need
help" items, only where the newcomer shares them. The sharing check is `may_see`, in one
place, so a change in what consent allows changes every coach screen and the digest."""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows import coaching, roadmap
from bot.flows.content import Content
from bot.flows.state import load
from bot.flows.turn import Turn
from bot.i18n.lists import listed
from bot.storage.repository import LinkedNewcomer


def may_see(linked: LinkedNewcomer) -> bool:
    """Whether the coach may see this newcomer's profile and progress (today: they shared it
    with this coach and agreed that Brug keeps answers)."""
    return linked.shared


@dataclass(frozen=True)
class Glance:
    """A newcomer in one line: `shared` False means nothing else is filled in."""

    user_id: int
    label: str
    shared: bool
    done: int = 0
    total: int = 0
    # Open "I need help" items: (item title, an English source string; when asked, ISO).
    help: tuple[tuple[str, str], ...] = ()
    # Not shared because the newcomer has not answered yet, not because they said no.
    pending: bool = False


def glance(linked: LinkedNewcomer, content: Content) -> Glance:
    if not may_see(linked):
        return Glance(linked.user_id, linked.label, shared=False,
                      pending=coaching.pending(linked))
    state = load(linked.state)
    road = content.roadmap
    if road is None:
        return Glance(linked.user_id, linked.label, shared=True)
    done = total = 0
    for step in road.steps:
        marked, count = roadmap.counts(state, road, step.id)
        done, total = done + marked, total + count
    asked = roadmap.progress(state).help
    needs = tuple((item.title, asked[item_id]) for item_id in sorted(asked, key=asked.__getitem__)
                  if (item := road.item(item_id)) is not None)
    return Glance(linked.user_id, linked.label, True, done, total, needs)


def line(turn: Turn, seen: Glance) -> str:
    """'Amal: 3 of 20 steps done. Needs help with: Write a CV', in the coach's language."""
    _ = turn._
    if seen.pending:
        return _("⏳ {name}: has not answered yet whether you may see their profile.").format(
            name=seen.label)
    if not seen.shared:
        return _("🔒 {name}: does not share their profile with you.").format(name=seen.label)
    text = turn.ngettext("{name}: {done} of {total} step done.",
                         "{name}: {done} of {total} steps done.", seen.total).format(
        name=seen.label, done=seen.done, total=seen.total)
    if seen.help:
        text += " " + _("🙋 Needs help with: {items}").format(
            items=listed((_(title) for title, _since in seen.help), _))
    return text
