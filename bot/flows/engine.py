"""The flow engine: one `transitions` machine per flow, built once from its YAML, moving a
short-lived model per update (the state comes from the database and goes back to it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from transitions import EventData, Machine, MachineError
from transitions.core import Transition

from bot.flows.content import Condition, FlowSpec, StepSpec
from bot.flows.state import END as END
from bot.flows.state import FlowRunRecord

# What a run of an anonymous flow keeps of an answer: that it was given, not what it was.
ANSWERED = "answered"


class FlowRun:
    """One person's place in one flow, for the length of one update."""

    def __init__(self, spec: FlowSpec, record: FlowRunRecord | None = None,
                 instance: str | None = None) -> None:
        if record is None:
            record = FlowRunRecord()
        self.spec = spec
        # The instance of a triggered flow this run belongs to (None: the flow's one run).
        self.instance = instance
        first = spec.steps[0].id
        step = first if record.step is None else record.step
        # Stored on a step this flow no longer has (or a damaged one): it cannot go on there.
        self.lost = step != END and not spec.has_step(step)
        self.state: str = first if self.lost else step
        self.answers: dict[str, Any] = dict(record.answers)
        self.history: list[str] = list(record.history)
        self.pending: Any = record.pending
        self.editing: bool = record.editing
        self.values: dict[str, str] = dict(record.values)
        self.day: str | None = record.day
        self.chosen: Any = None

    def known(self) -> dict[str, Any]:
        """What a `when` reads: the trigger's values and the answers given so far."""
        return {**self.values, **self.answers}

    @property
    def done(self) -> bool:
        return self.state == END

    @property
    def step(self) -> StepSpec:
        return self.spec.step(self.state)

    def position(self) -> tuple[int, int]:
        """(number of this question, number of questions), both counted from 1."""
        return self.spec.index(self.state) + 1, len(self.spec.steps)

    def record(self) -> FlowRunRecord:
        """The run as kept until the next update."""
        # An anonymous flow's answers went elsewhere (bot/flows/anonymous.py): the run keeps
        # only which questions were answered, so they are not asked again.
        answers = dict.fromkeys(self.answers, ANSWERED) if self.spec.anonymous \
            else dict(self.answers)
        return FlowRunRecord(step=self.state, answers=answers, history=list(self.history),
                             pending=self.pending, editing=self.editing,
                             values=dict(self.values), day=self.day)


def _chose(option_id: str) -> Any:
    return lambda event: event.model.chosen == option_id


def _holds(condition: Condition) -> Any:
    return lambda event: condition.holds(event.model.known())


def _came_from(step_id: str) -> Any:
    return lambda event: bool(event.model.history) and event.model.history[-1] == step_id


def _remember(event: EventData) -> None:
    run: FlowRun = event.model  # type: ignore[assignment]
    assert event.transition is not None
    run.history.append(event.transition.source)


def _forget(event: EventData) -> None:
    run: FlowRun = event.model  # type: ignore[assignment]
    run.history.pop()


class FlowMachine:
    """The state machine of one flow: `advance` to the next step that applies, `back`."""

    def __init__(self, spec: FlowSpec) -> None:
        self.spec = spec
        states = [step.id for step in spec.steps] + [END]
        self._machine = Machine(
            model=None, states=states, initial=states[0], auto_transitions=False, send_event=True
        )
        add = self._machine.add_transition
        for index, step in enumerate(spec.steps):
            # An option may jump ("decline" ends onboarding); these are tried first.
            for option in step.options:
                if option.next:
                    target = END if option.next == "end" else option.next
                    add("advance", step.id, target, conditions=[_chose(option.id)],
                        before=[_remember])
            # Otherwise the next step whose `when` holds; the first without `when` always does.
            for later in spec.steps[index + 1 :]:
                if later.when is None:
                    add("advance", step.id, later.id, before=[_remember])
                    break
                add("advance", step.id, later.id, conditions=[_holds(later.when)],
                    before=[_remember])
            else:
                add("advance", step.id, END, before=[_remember])
            for earlier in spec.steps[:index]:
                add("back", step.id, earlier.id, conditions=[_came_from(earlier.id)],
                    after=[_forget])
        self._moves = _moves(self._machine)

    def advance(self, run: FlowRun, chosen: Any = None) -> None:
        run.chosen = chosen
        run.pending = None
        self._fire("advance", run)

    def _fire(self, event: str, run: FlowRun) -> bool:
        """What the machine's `events[event].trigger(run)` does with the transitions declared
        above (conditions, `before`, the move, `after`), looked up in a table made once from
        the machine's own: `trigger` builds a partial, event data and callback lists, and
        logs, on every call, about a tenth of a millisecond per answer."""
        source = self._machine.get_state(run.state)  # an unknown step fails as in `trigger`
        moves = self._moves[event].get(source.name)
        if moves is None:
            raise MachineError(f"Can't trigger event {event} from state {source.name}!")
        data = EventData(source, self._machine.events[event], self._machine, run, (), {})
        for move in moves:
            data.transition = move.transition
            if all(condition(data) for condition in move.conditions):
                for before in move.before:
                    before(data)
                run.state = move.dest
                for after in move.after:
                    after(data)
                return True
        return False

    def begin(self, run: FlowRun) -> None:
        """A new run starts at the first step whose `when` holds (a triggered flow may ask
        another first question per trigger)."""
        first = next((step.id for step in self.spec.steps
                      if step.when is None or step.when.holds(run.known())), END)
        self._machine.set_state(first, model=run)

    def edit(self, run: FlowRun, step_id: str) -> None:
        """Go to one question to change its answer."""
        self._machine.set_state(step_id, model=run)
        run.history = []
        run.editing = True

    def skip_answered(self, run: FlowRun) -> None:
        """While editing, move past questions that already have an answer."""
        for _ in self.spec.steps:
            if run.done or run.state not in run.answers:
                break
            self.advance(run, run.answers[run.state])
        if run.done:
            run.editing = False

    def back(self, run: FlowRun) -> bool:
        """Go to the previous question; False if this is the first one."""
        if not run.history or run.done:
            return False
        return self._fire("back", run)


_Callback = Callable[[EventData], Any]


@dataclass(frozen=True)
class _Move:
    """One declared transition, as `FlowMachine._fire` runs it."""

    transition: Transition
    conditions: tuple[_Callback, ...]
    before: tuple[_Callback, ...]
    dest: str
    after: tuple[_Callback, ...]


def _moves(machine: Machine) -> dict[str, dict[str, tuple[_Move, ...]]]:
    """The machine's transitions by event and source, in the order `trigger` tries them.
    Only what `_fire` runs is declared here: no callbacks on states or on the machine,
    conditions that must hold (no `unless`), callables (no method names)."""
    assert not (machine.prepare_event or machine.finalize_event or machine.before_state_change
                or machine.after_state_change or machine.on_exception or machine.on_final)
    assert not any(state.on_enter or state.on_exit for state in machine.states.values())

    def calls(callbacks: Iterable[Any]) -> tuple[_Callback, ...]:
        listed = tuple(callbacks)
        assert all(callable(call) for call in listed)
        return listed

    def move(transition: Transition) -> _Move:
        assert not transition.prepare and transition.dest
        assert all(condition.target is True for condition in transition.conditions)
        return _Move(transition, calls(c.func for c in transition.conditions),
                     calls(transition.before), str(transition.dest), calls(transition.after))

    return {name: {source: tuple(move(t) for t in listed)
                   for source, listed in event.transitions.items()}
            for name, event in machine.events.items()}
