"""What the roadmap's screens share: their place names and state keys (they lead to each
other), the roadmap content, and the consent check before marking progress."""

from __future__ import annotations

from bot.flows import onboarding
from bot.flows.roadmap_content import Roadmap
from bot.flows.screens.base import Core
from bot.flows.turn import Turn

OVERVIEW, STEP, ITEM, SECTORS, NETWORK = "roadmap", "road_step", "road_item", "sectors", "network"
JOB_START = "job_start"
# State keys: the step and item shown, the networking step, the check-in asked.
STEP_SHOWN, ITEM_SHOWN = "road_step", "road_item"
NETWORK_SHOWN = "network_index"


def content(core: Core) -> Roadmap:
    assert core.content.roadmap is not None  # the screens are offered only with a roadmap
    return core.content.roadmap


def has_roadmap(core: Core) -> bool:
    return core.content.roadmap is not None


def network_shown(turn: Turn, road: Roadmap) -> int:
    """The networking step on screen, within the plan."""
    raw = turn.state.shown.get(NETWORK_SHOWN, 0)
    index = int(raw) if str(raw).isdigit() else 0
    return max(0, min(index, len(road.network) - 1))


def needs_consent(turn: Turn, core: Core) -> bool:
    """True (and the overview again) if marking progress needs an agreement not given."""
    if onboarding.has_consent(turn.user):
        return False
    turn.effects.say(turn._("This part keeps your answers, so it needs your agreement first."))
    core.show(turn, OVERVIEW, new_question=False)
    return True
