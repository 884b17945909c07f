"""Where a person's runs of flows are kept in their state: one run per flow, or, for a flow
started by a trigger, one run per instance (an event, a job start), so answers for a second
instance never overwrite the first."""

from __future__ import annotations

from bot.flows.state import ConversationState, RunData


def stored(state: ConversationState, flow: str, instance: str | None) -> RunData | None:
    """The stored run of this flow (and instance, for a triggered flow), if any."""
    if instance is None:
        return state.runs.get(flow)
    return state.instances.get(flow, {}).get(instance)


def store(state: ConversationState, flow: str, instance: str | None, data: RunData) -> None:
    if instance is None:
        state.runs[flow] = data
    else:
        state.instances.setdefault(flow, {})[instance] = data


def answers(state: ConversationState, flow: str) -> dict[str, object]:
    """The answers of a flow's one run (nothing if it never ran)."""
    found: dict[str, object] = (state.runs.get(flow) or {}).get("answers") or {}
    return found


def latest(state: ConversationState, flow: str, *, prefix: str = "") -> RunData | None:
    """The run of this flow answered last (among instances whose key starts with `prefix`)."""
    answered = [run for key, run in state.instances.get(flow, {}).items()
                if key.startswith(prefix) and run.get("answers")]
    return max(answered, key=lambda run: str(run.get("day") or ""), default=None)
