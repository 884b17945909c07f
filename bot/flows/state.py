"""A person's conversation state: one typed structure with a schema version, read from and
written to the stored JSON only here. Stored states of every earlier shape load into it
(`load`), so a person who was away since an older Brug goes on where they were.

What is between two people (which coach sees whose profile) is not here: it lives in the
coach links table and is read through the lookup (bot/flows/lookup.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Version 1: the untyped dict of before (no "version" key). Version 2: this structure.
SCHEMA_VERSION = 2

# The step a finished run is on.
END = "done"
# What the screen on show needs to show itself again (the roadmap step, the item, a coach's
# draft of a meeting, ...): JSON values by key.
Shown = dict[str, Any]


@dataclass
class FlowRunRecord:
    """One run of a flow as kept between updates; the flow engine (bot/flows/engine.py
    FlowRun) moves it during one."""

    # The step it is on: a step id, END, or None before the first (a run stored empty). A
    # step the flow no longer has, or "" for a stored step that was no text at all, cannot
    # go on (the conversation shows the menu).
    step: str | None = None
    # Question id -> the answer (text, a number, option ids, an ISO date).
    answers: dict[str, Any] = field(default_factory=dict)
    # The steps passed, for going back.
    history: list[str] = field(default_factory=list)
    # An answer still being made: a multi-choice's picks so far, a date to confirm.
    pending: str | list[str] | None = None
    # Changing one answer from the summary: go on only through questions not yet answered.
    editing: bool = False
    # What the trigger that started this run carried (an event's name, a date).
    values: dict[str, str] = field(default_factory=dict)
    # The day of the latest answer (ISO date), for runs kept per instance: the latest wins.
    day: str | None = None

    @property
    def finished(self) -> bool:
        return self.step == END

    @property
    def unfinished(self) -> bool:
        """Begun and not finished: a flow that keeps answers goes on here."""
        return not self.is_empty() and not self.finished

    def is_empty(self) -> bool:
        return self == FlowRunRecord()


@dataclass
class RoadmapProgress:
    """The person's steps to a job: item marks, sector, help asked, networking, first workday."""

    items: dict[str, str] = field(default_factory=dict)
    sector: str | None = None
    # Item id -> when help was asked (ISO time).
    help: dict[str, str] = field(default_factory=dict)
    # The networking steps done, by id.
    network: list[str] = field(default_factory=list)
    # The first workday (ISO date) of the job started last.
    job_start: str | None = None

    def is_empty(self) -> bool:
        return not (self.items or self.sector or self.help or self.network or self.job_start)


@dataclass
class CoachTalk:
    """Talking to a coach through the bot (bot/flows/handoff.py). A newcomer's side: whether
    their request is open, and the reason a talk was last offered for. A coach's side: the
    conversation they write to, the one waiting for their closing note, and a message that
    waits until they choose whom it is for."""

    open: bool = False
    offered: str | None = None
    to: int | None = None
    closing: int | None = None
    unsent: dict[str, Any] | None = None

    def is_empty(self) -> bool:
        return self == CoachTalk()


@dataclass
class ConversationState:
    """Where the person is, and what they answered and did."""

    version: int = SCHEMA_VERSION
    # The place: a screen's name, or "flow" with the flow (and the instance of a triggered
    # flow) whose step they are on.
    at: str | None = None
    flow: str | None = None
    instance: str | None = None
    # The number of the question shown last (buttons carry it), and the page of its options.
    turn: int = 0
    options_page: int = 0
    shown: Shown = field(default_factory=dict)
    # Runs of flows: one per flow, and one per instance for triggered flows.
    runs: dict[str, FlowRunRecord] = field(default_factory=dict)
    instances: dict[str, dict[str, FlowRunRecord]] = field(default_factory=dict)
    # The values the trigger of each triggered flow carried last (for the menu).
    triggered: dict[str, dict[str, str]] = field(default_factory=dict)
    # Measured answers with their dates: question id -> [[ISO date, answer], ...].
    measures: dict[str, list[list[Any]]] = field(default_factory=dict)
    roadmap: RoadmapProgress = field(default_factory=RoadmapProgress)
    talk: CoachTalk = field(default_factory=CoachTalk)
    # A screen kept for later ({"place", "where"}): a link opened it for someone who was still
    # being onboarded or had to agree to something first; shown when that is done.
    kept: dict[str, Any] | None = None
    # The consent texts (their fingerprint, bot/flows/consent_purposes.py) this person was
    # last checked against: a new version of one asks them again, once.
    consent_texts: str | None = None
    # Every message also in simple Dutch, a line under it, for practising Dutch (a setting).
    dutch_beside: bool = False

    @property
    def started(self) -> bool:
        """False for someone who never wrote (nothing is stored yet)."""
        return self.at is not None


def load(stored: Mapping[str, Any] | None) -> ConversationState:
    """The state as stored (any version, or nothing yet) as a typed structure."""
    if not stored:
        return ConversationState()
    raw = dict(stored)
    if int(raw.get("version") or 1) < 2:
        raw = _from_version_1(raw)
    road = raw.get("roadmap") or {}
    return ConversationState(
        at=_text(raw.get("at")),
        flow=_text(raw.get("flow")),
        instance=_text(raw.get("instance")),
        turn=_number(raw.get("turn")),
        options_page=_number(raw.get("options_page")),
        shown={str(k): v for k, v in (raw.get("shown") or {}).items()
               if v is not None and not isinstance(v, bool)},
        runs=_runs(raw.get("flows")),
        instances={str(flow): _runs(runs) for flow, runs in _mapping(raw.get("instances")).items()
                   if isinstance(runs, dict)},
        triggered={str(flow): {str(k): str(v) for k, v in values.items()}
                   for flow, values in (raw.get("triggered") or {}).items()
                   if isinstance(values, dict)},
        measures={str(k): [list(entry) for entry in v if isinstance(entry, list | tuple)]
                  for k, v in (raw.get("measures") or {}).items() if isinstance(v, list)},
        roadmap=RoadmapProgress(
            items={str(k): str(v) for k, v in (road.get("items") or {}).items()},
            sector=_text(road.get("sector")),
            help={str(k): str(v) for k, v in (road.get("help") or {}).items()},
            network=[str(step) for step in road.get("network") or []],
            job_start=_text(road.get("job_start")),
        ),
        talk=_talk(raw.get("talk") or {}),
        kept=dict(raw["then"]) if isinstance(raw.get("then"), dict) else None,
        consent_texts=_text(raw.get("consent_texts")),
        dutch_beside=raw.get("dutch_beside") is True,
    )


def dump(state: ConversationState) -> dict[str, Any]:
    """The state as stored: JSON, with its schema version."""
    stored: dict[str, Any] = {"version": SCHEMA_VERSION, "turn": state.turn}
    for key, value in (("at", state.at), ("flow", state.flow), ("instance", state.instance)):
        if value is not None:
            stored[key] = value
    if state.options_page:
        stored["options_page"] = state.options_page
    parts: dict[str, Any] = {"shown": state.shown, "flows": _runs_json(state.runs),
                             "instances": {flow: _runs_json(runs)
                                           for flow, runs in state.instances.items()},
                             "triggered": state.triggered,
                             "measures": state.measures}
    stored.update({key: value for key, value in parts.items() if value})
    if state.kept is not None:
        stored["then"] = state.kept
    if state.consent_texts is not None:
        stored["consent_texts"] = state.consent_texts
    if state.dutch_beside:
        stored["dutch_beside"] = True
    if not state.talk.is_empty():
        stored["talk"] = {key: value for key, value in vars(state.talk).items() if value}
    road = state.roadmap
    if not road.is_empty():
        stored["roadmap"] = {"items": road.items, "help": road.help, "network": road.network}
        if road.job_start is not None:
            stored["roadmap"]["job_start"] = road.job_start
        if road.sector is not None:  # "" is kept: no sector, chosen on purpose
            stored["roadmap"]["sector"] = road.sector
    return stored


# Version 1 kept what a screen showed beside the other keys, some under older names.
_V1_SHOWN = {"road_step": "road_step", "road_item": "road_item",
             "network_index": "network_index", "network": "network_index",
             "summary_of": "summary_of", "summary": "summary_of"}
# The job check-ins of version 1 were a screen; they are runs of the flow job_checkin now.
_V1_CHECKIN_FLOW, _V1_ANY_TIME = "job_checkin", "job_any"
# So was the share question (content/share.yaml: its flow and its one step have this name).
_V1_SHARE_FLOW = "share"


def _from_version_1(raw: dict[str, Any]) -> dict[str, Any]:
    """A stored state of before the schema version, in the shape of version 2."""
    shown: dict[str, Any] = {}
    for old, new in _V1_SHOWN.items():
        value = raw.get(old)
        if isinstance(value, str | int) and not isinstance(value, bool) and new not in shown:
            shown[new] = value
    road = dict(raw.get("roadmap") or {})
    job = road.pop("job", None) or {}
    instances = dict(raw.get("instances") or {})
    triggered = dict(raw.get("triggered") or {})
    start = job.get("start")
    if isinstance(start, str):
        road["job_start"] = start
        triggered.setdefault(_V1_CHECKIN_FLOW, {"start": start})
        checkins = instances.setdefault(_V1_CHECKIN_FLOW, {})
        for kind, answer in (job.get("answers") or {}).items():
            if not (isinstance(answer, list) and len(answer) == 2):
                continue
            reminder = "menu" if kind == _V1_ANY_TIME else str(kind)
            checkins[f"{start}/{reminder}"] = {
                "step": "done", "answers": {"how": answer[1]}, "day": answer[0],
                "values": {"start": start, "reminder": reminder}}
    moved: dict[str, Any] = {}
    coach = raw.get("share_coach")
    if isinstance(coach, str | int) and str(coach).isdigit():
        # The share question was a screen waiting for an answer; it is a flow run per coach.
        coach = str(coach)
        moved = {"at": "flow", "flow": _V1_SHARE_FLOW, "instance": coach}
        instances.setdefault(_V1_SHARE_FLOW, {})[coach] = {
            "step": _V1_SHARE_FLOW, "answers": {},
            "values": {"coach": coach, "reminder": "share_request"}}
    # "coaches" (who shares with whom) is left out: the coach links table holds it.
    return {**raw, **moved, "shown": shown, "roadmap": road, "instances": instances,
            "triggered": triggered, "version": SCHEMA_VERSION}


def _runs(raw: Any) -> dict[str, FlowRunRecord]:
    """Stored runs by flow or instance key; what is not a run at all is left out."""
    return {str(key): _run(run) for key, run in _mapping(raw).items() if isinstance(run, dict)}


def _run(raw: Mapping[str, Any]) -> FlowRunRecord:
    """A stored run, of any version (they only ever gained keys). A value of the wrong type
    reads as none, so a damaged run cannot break the person's turn."""
    step = raw.get("step")
    pending = raw.get("pending")
    if isinstance(pending, list):
        pending = [pick for pick in pending if isinstance(pick, str)]
    return FlowRunRecord(
        step=step if step is None or isinstance(step, str) else "",
        answers={str(k): v for k, v in _mapping(raw.get("answers")).items()},
        history=[step for step in _list(raw.get("history")) if isinstance(step, str)],
        pending=pending if isinstance(pending, str | list) else None,
        editing=raw.get("editing") is True,
        # Reminder data may have carried a number: read as text, as `triggered` is.
        values={str(k): str(v) for k, v in _mapping(raw.get("values")).items()
                if v is not None and not isinstance(v, dict | list)},
        day=_text(raw.get("day")),
    )


def _runs_json(runs: Mapping[str, FlowRunRecord]) -> dict[str, dict[str, Any]]:
    return {key: _run_json(run) for key, run in runs.items()}


def _run_json(run: FlowRunRecord) -> dict[str, Any]:
    """A run as stored: what has no value is left out, as it always was."""
    stored: dict[str, Any] = {"answers": run.answers}
    if run.step is not None:
        stored["step"] = run.step
    if run.history:
        stored["history"] = run.history
    if run.pending is not None:
        stored["pending"] = run.pending
    if run.editing:
        stored["editing"] = True
    if run.values:
        stored["values"] = run.values
    if run.day is not None:
        stored["day"] = run.day
    return stored


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _talk(raw: Mapping[str, Any]) -> CoachTalk:
    unsent = raw.get("unsent")
    return CoachTalk(open=raw.get("open") is True, offered=_text(raw.get("offered")),
                     to=_number(raw.get("to")) or None, closing=_number(raw.get("closing")) or None,
                     unsent=dict(unsent) if isinstance(unsent, dict) else None)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else \
        int(value) if isinstance(value, str) and value.isdigit() else 0
