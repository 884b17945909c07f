"""Where a person is: the place name kept in their state. Only this package reads or compares
it, so no other module can steer by a place name."""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

from bot.flows.turn import Turn

# A flow step: the flow engine answers there, not a screen.
FLOW = "flow"
# A screen kept for later: a deep link opened it for someone who was still being onboarded,
# or who must agree to something first. Shown when that is done.


def current(turn: Turn) -> str | None:
    return turn.state.at


def enter(turn: Turn, place: str, where: Mapping[str, Any]) -> bool:
    """Move to a place, with what its screen shows; True if that is a new place (its buttons
    get a new turn)."""
    state = turn.state
    if state.at == place and all(state.shown.get(key) == value for key, value in where.items()):
        return False
    state.at = place
    state.shown.update(where)
    return True


def enter_flow(turn: Turn, name: str, instance: str | None = None) -> None:
    """Move to the step of a flow (and the instance, for a triggered flow) the person is in."""
    turn.state.at, turn.state.flow, turn.state.instance = FLOW, name, instance


def instance_of(turn: Turn) -> str | None:
    """The instance of the triggered flow the person is in (None: a flow without instances)."""
    return turn.state.instance


def flow_of(turn: Turn, flows: Container[str]) -> str | None:
    """The flow whose step the person is on, if they are on one that still exists."""
    name = turn.state.flow
    if turn.state.at == FLOW and name is not None and name in flows:
        return name
    return None


def keep(turn: Turn, place: str, where: Mapping[str, Any]) -> None:
    turn.state.kept = {"place": place, "where": dict(where)}


def take_kept(turn: Turn) -> tuple[str, Mapping[str, Any]] | None:
    """The screen kept for later, once (it is forgotten here)."""
    kept, turn.state.kept = turn.state.kept, None
    if kept is None or not isinstance(kept.get("place"), str):
        return None
    where = kept.get("where")
    return kept["place"], where if isinstance(where, dict) else {}


def back_to_flow(turn: Turn) -> None:
    """Back to the step of the flow the person was in before a screen came in between."""
    turn.state.at = FLOW
