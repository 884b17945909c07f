"""Where a person's runs of flows are kept in their state: one run per flow, or, for a flow
started by a trigger, one run per instance (an event, a job start), so answers for a second
instance never overwrite the first."""

from __future__ import annotations

from typing import Any

# state["flows"][flow]: the run of a flow without instances (the intake's sections, settings).
RUNS = "flows"
# state["instances"][flow][instance]: the runs of a triggered flow, one per instance.
INSTANCES = "instances"


def stored(state: dict[str, Any], flow: str, instance: str | None) -> dict[str, Any] | None:
    """The stored run of this flow (and instance, for a triggered flow), if any."""
    if instance is None:
        found: dict[str, Any] | None = (state.get(RUNS) or {}).get(flow)
    else:
        found = ((state.get(INSTANCES) or {}).get(flow) or {}).get(instance)
    return found


def store(state: dict[str, Any], flow: str, instance: str | None, data: dict[str, Any]) -> None:
    if instance is None:
        state.setdefault(RUNS, {})[flow] = data
    else:
        state.setdefault(INSTANCES, {}).setdefault(flow, {})[instance] = data


def instances(state: dict[str, Any], flow: str) -> dict[str, dict[str, Any]]:
    """Every instance's run of a triggered flow, by instance key."""
    found: dict[str, dict[str, Any]] = (state.get(INSTANCES) or {}).get(flow) or {}
    return found


def latest(state: dict[str, Any], flow: str, *, prefix: str = "") -> dict[str, Any] | None:
    """The run of this flow answered last (among instances whose key starts with `prefix`)."""
    answered = [run for key, run in instances(state, flow).items()
                if key.startswith(prefix) and run.get("answers")]
    return max(answered, key=lambda run: str(run.get("day") or ""), default=None)
