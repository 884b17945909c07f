"""One item of a roadmap step: what to do and where to learn more, with buttons to mark it."""

from __future__ import annotations

from bot.flows import handoff_talk, onboarding, roadmap
from bot.flows.roadmap_content import Item
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

STEP_BACK = "step_back"


class RoadItem(Screen):
    place = road.ITEM
    retired_to = road.OVERVIEW

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    @staticmethod
    def item(turn: Turn, core: Core) -> Item | None:
        return road.content(core).item(str(turn.state.shown.get(road.ITEM_SHOWN, "")))

    def view(self, turn: Turn, core: Core) -> View | None:
        item = self.item(turn, core)
        if item is None:
            return None
        text, options = roadmap.item_screen(turn, item, onboarding.has_consent(turn.user))
        back = Option(STEP_BACK, turn._("⬅ {step}").format(
            step=turn._(road.content(core).step(item.step).title)), "nav")
        return View(text, (*options, back))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        item = self.item(turn, core)
        assert item is not None  # the view was shown
        if chosen == STEP_BACK:
            core.show(turn, road.STEP, {road.STEP_SHOWN: item.step})
            return
        _ = turn._
        roadmap.mark(turn, item, chosen)
        if chosen == roadmap.MARK_HELP:
            turn.effects.say(_("I noted that you need help with: {item}.").format(
                item=_(item.title)) + "\n" + roadmap.who_sees(turn))
            handoff_talk.offer(turn, item.title)
        else:
            status = turn.pgettext(*roadmap.STATUS_LABELS[chosen])
            turn.effects.say(_("Marked: {icon} {status}.").format(
                icon=roadmap.ICONS[chosen], status=status))
        if chosen == roadmap.MARK_DONE and item.job_start:
            core.show(turn, road.JOB_START)
        else:
            core.show(turn, road.STEP, {road.STEP_SHOWN: item.step})


SCREEN = RoadItem()
