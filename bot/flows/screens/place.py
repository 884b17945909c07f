"""Where a person is: the place name kept in their state. Only this package reads or compares
it, so no other module can steer by a place name."""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

from bot.flows.turn import Turn

AT = "at"
# A flow step: the flow engine answers there, not a screen.
FLOW = "flow"
FLOW_NAME = "flow"
# A screen kept for later: a deep link opened it for someone who was still being onboarded,
# or who must agree to something first. Shown when that is done.
KEPT_FOR_LATER = "then"


def current(turn: Turn) -> str | None:
    place = turn.state.get(AT)
    return place if isinstance(place, str) else None


def enter(turn: Turn, place: str, where: Mapping[str, Any]) -> bool:
    """Move to a place; True if that is a new place (its buttons get a new turn)."""
    state = turn.state
    if state.get(AT) == place and all(state.get(key) == value for key, value in where.items()):
        return False
    state.update({AT: place, **where})
    return True


def enter_flow(turn: Turn, name: str) -> None:
    turn.state.update({AT: FLOW, FLOW_NAME: name})


def flow_of(turn: Turn, flows: Container[str]) -> str | None:
    """The flow whose step the person is on, if they are on one that still exists."""
    name = turn.state.get(FLOW_NAME)
    if turn.state.get(AT) == FLOW and isinstance(name, str) and name in flows:
        return name
    return None


def keep(turn: Turn, place: str, where: Mapping[str, Any]) -> None:
    turn.state[KEPT_FOR_LATER] = {"place": place, "where": dict(where)}


def take_kept(turn: Turn) -> tuple[str, Mapping[str, Any]] | None:
    """The screen kept for later, once (it is forgotten here)."""
    kept = turn.state.pop(KEPT_FOR_LATER, None)
    if not isinstance(kept, dict) or not isinstance(kept.get("place"), str):
        return None
    where = kept.get("where")
    return kept["place"], where if isinstance(where, dict) else {}
