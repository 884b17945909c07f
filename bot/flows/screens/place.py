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
# The instance of a triggered flow whose step the person is on (an event, a job start).
FLOW_INSTANCE = "instance"


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


def enter_flow(turn: Turn, name: str, instance: str | None = None) -> None:
    turn.state.update({AT: FLOW, FLOW_NAME: name})
    if instance is None:
        turn.state.pop(FLOW_INSTANCE, None)
    else:
        turn.state[FLOW_INSTANCE] = instance


def instance_of(turn: Turn) -> str | None:
    """The instance of the triggered flow the person is in (None: a flow without instances)."""
    instance = turn.state.get(FLOW_INSTANCE)
    return instance if isinstance(instance, str) else None


def flow_of(turn: Turn, flows: Container[str]) -> str | None:
    """The flow whose step the person is on, if they are on one that still exists."""
    name = turn.state.get(FLOW_NAME)
    if turn.state.get(AT) == FLOW and isinstance(name, str) and name in flows:
        return name
    return None
