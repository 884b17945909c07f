"""Where a person's runs of flows are kept in their state: one run per flow, or, for a flow
started by a trigger, one run per instance (an event, a job start), so answers for a second
instance never overwrite the first."""

from __future__ import annotations

from typing import Any

from bot.flows.state import ConversationState, FlowRunRecord


def stored(state: ConversationState, flow: str, instance: str | None) -> FlowRunRecord | None:
    """The stored run of this flow (and instance, for a triggered flow), if any."""
    if instance is None:
        return state.runs.get(flow)
    return state.instances.get(flow, {}).get(instance)


def store(state: ConversationState, flow: str, instance: str | None, run: FlowRunRecord) -> None:
    if instance is None:
        state.runs[flow] = run
    else:
        state.instances.setdefault(flow, {})[instance] = run


def answers(state: ConversationState, flow: str) -> dict[str, Any]:
    """The answers of a flow's one run (nothing if it never ran)."""
    run = state.runs.get(flow)
    return run.answers if run is not None else {}


def latest(state: ConversationState, flow: str, *, prefix: str = "") -> FlowRunRecord | None:
    """The run of this flow answered last (among instances whose key starts with `prefix`)."""
    answered = [run for key, run in state.instances.get(flow, {}).items()
                if key.startswith(prefix) and run.answers]
    return max(answered, key=lambda run: run.day or "", default=None)
