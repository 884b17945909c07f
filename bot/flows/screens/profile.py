"""My profile: the intake's parts, each marked done or started; a done part opens its summary."""

from __future__ import annotations

from bot.flows import measures, profile
from bot.flows.screens import growth_points, summary
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option


class Profile(Screen):
    place = "profile"

    def available(self, turn: Turn, core: Core) -> bool:
        return bool(core.content.group("profile"))

    def view(self, turn: Turn, core: Core) -> View:
        text, options = profile.overview(turn, core.content.group("profile"))
        changed = measures.then_and_now(turn, core.content)
        if growth_points.has_points(turn):
            options += (Option(growth_points.OPEN_GROWTH, turn._("🌱 My growth points")),)
        return View(f"{changed}\n\n{text}" if changed else text, options)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == growth_points.OPEN_GROWTH:
            core.show(turn, growth_points.SCREEN.place)
            return
        spec = core.content.flows[chosen]
        if profile.status(spec, turn.state) == "done":
            core.show(turn, summary.SCREEN.place, summary.of(spec))
        else:
            core.start_flow(turn, chosen)


SCREEN = Profile()
