"""My growth points (from My profile): what the person kept after their reflections, per
event with its date; they can remove one."""

from __future__ import annotations

from bot.flows import growth
from bot.flows.events import GrowthPointRemoved
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.growth_points import GrowthPoint
from bot.types import Option

REMOVE_POINT = "growth_rm"
# The option of My profile that opens this screen.
OPEN_GROWTH = "growth_points"
# A button shows the start of a long point.
LABEL_LENGTH = 40


def _points(turn: Turn) -> list[GrowthPoint]:
    if turn.user.id is None:
        return []
    return list(turn.lookup.growth_points_of(turn.user.id))


def has_points(turn: Turn) -> bool:
    return bool(_points(turn))


class GrowthPoints(Screen):
    place = "growth_points"

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        points = _points(turn)
        if not points:
            return View(_("You have no growth points yet. After an event, I ask you to look "
                          "back; growth points come from your own answers."))
        text = "\n\n".join([_("🌱 My growth points:"), growth.by_event(turn, points),
                            _("To remove one, tap it.")])
        options = tuple(Option(f"{REMOVE_POINT}{point.id}", "🗑 " + _short(point.text))
                        for point in points)
        return View(text, options)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        point = next(p for p in _points(turn) if f"{REMOVE_POINT}{p.id}" == chosen)
        turn.effects.emit(GrowthPointRemoved(point.id))
        turn.effects.say(turn._("Removed: {point}").format(point=point.text))
        core.show_menu(turn)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


SCREEN = GrowthPoints()
