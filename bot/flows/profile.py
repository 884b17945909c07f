"""My profile: the intake's sections, what was answered in each, and an edit button per answer.

Pure functions over the person's state; the conversation decides where they lead."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.flows.content import FlowSpec, StepSpec
from bot.flows.state import ConversationState
from bot.flows.steps.scale import FACES
from bot.flows.turn import Turn
from bot.i18n import formats
from bot.i18n.lists import listed
from bot.types import Option

EDIT = "edit_"
NEXT_PART = "next_part"


def status(spec: FlowSpec, state: ConversationState) -> str:
    """'done', 'started' or 'new' for one section."""
    run = state.runs.get(spec.name)
    if run is None or run.is_empty():
        return "new"
    return "done" if run.finished else "started"


def overview(turn: Turn, sections: list[FlowSpec]) -> tuple[str, tuple[Option, ...]]:
    """The sections, each with a mark for done (✓) or started (…)."""
    _ = turn._
    marks = {"done": "✓ ", "started": "… ", "new": ""}
    options = tuple(
        Option(spec.name, marks[status(spec, turn.state)] + _(spec.title))
        for spec in sections
    )
    return _("Your profile has these parts. Choose one to fill in or to look at."), options


def asked(spec: FlowSpec, answers: dict[str, Any]) -> list[StepSpec]:
    """The questions that apply to these answers and were asked, in order."""
    return [step for step in spec.steps
            if step.id in answers and (step.when is None or step.when.holds(answers))]


def answer_lines(turn: Turn, spec: FlowSpec, answers: dict[str, Any]) -> list[str]:
    """'- Job target: cook' for every answer that applies, in the reader's language."""
    _ = turn._
    return [f"- {_(step.summary or step.prompt)}: {display(turn, step, answers[step.id])}"
            for step in asked(spec, answers)]


def summary(turn: Turn, spec: FlowSpec, answers: dict[str, Any],
            next_part: FlowSpec | None) -> tuple[str, tuple[Option, ...]]:
    """What this section holds, in the person's language, with an edit button per answer."""
    _ = turn._
    steps = asked(spec, answers)
    lines = [_("{part}: this is what you told me.").format(part=_(spec.title))]
    lines += answer_lines(turn, spec, answers)
    lines.append(_("Is something wrong? Tap it to change it."))
    options = [Option(EDIT + step.id, "✏ " + _(step.summary or step.prompt))
               for step in steps]
    if next_part is not None:
        options.append(Option(NEXT_PART, _("Next part: {part}").format(
            part=_(next_part.title))))
    return "\n".join(lines), tuple(options)


def display(turn: Turn, step: StepSpec, value: Any) -> str:
    """An answer as the person reads it back."""
    _ = turn._
    if value is None:
        return _("(skipped)")
    labels = {option.id: _(option.label) for option in step.options}
    if step.type == "yes_no":
        return _("Yes") if value == "yes" else _("No")
    if step.type in ("choice", "consent"):
        return labels.get(str(value), str(value))
    if step.type == "multi_choice":
        return listed((labels.get(str(v), str(v)) for v in value), _) or _("(none)")
    if step.type == "date":
        return formats.long_date(date.fromisoformat(str(value)), turn.translator.code)
    if step.type == "scale" and not step.options and str(value).isdigit():
        return f"{FACES[int(value) - 1]} {value}"
    return str(value)
