"""What a newcomer sends to a coach with a request, item by item: their steps to a job, where
they asked for help, and each intake section they answered. The newcomer ticks what goes;
sections about their situation, papers and health start unticked. The stored summary is data,
read in each coach's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.flows import onboarding, profile, roadmap, runs
from bot.flows.content import Content, FlowSpec, StepSpec
from bot.flows.turn import Turn
from bot.i18n import N_
from bot.i18n.lists import listed

PROGRESS, HELP = "progress", "help"
# Intake sections a coach gets only when the newcomer ticks them: urgent needs and how they
# feel, papers and the right to work, health and family.
SENSITIVE = frozenset({"intake_you", "intake_residence", "intake_practical"})
# The answer types whose stored values are label ids, read back in the coach's language.
LABELLED = ("choice", "consent", "multi_choice", "yes_no")


@dataclass(frozen=True)
class Item:
    """One thing the newcomer may send: its key, the button's label (an English source
    string), the lines shown to the newcomer, and whether it starts ticked."""

    key: str
    label: str
    lines: tuple[str, ...]
    ticked: bool


def _sections(turn: Turn, content: Content) -> list[tuple[FlowSpec, dict[str, Any]]]:
    found = []
    for spec in content.group("profile"):
        answers = runs.answers(turn.state, spec.name)
        if profile.asked(spec, answers):
            found.append((spec, answers))
    return found


def items(turn: Turn, content: Content) -> list[Item]:
    """What there is to send, in the newcomer's language; nothing without their agreement
    that Brug keeps answers."""
    if not onboarding.has_consent(turn.user):
        return []
    _ = turn._
    found: list[Item] = []
    road = content.roadmap
    if road is not None:
        done, total = _progress(turn, content)
        found.append(Item(PROGRESS, N_("Steps to a job"), (
            _("- Your steps to a job: {done} of {total} done").format(done=done, total=total),),
            True))
        asked = _help(turn, content)
        if asked:
            found.append(Item(HELP, N_("I need help"), (
                _("- You asked for help with: {items}").format(
                    items=listed((_(title) for title in asked), _)),), True))
    for spec, answers in _sections(turn, content):
        found.append(Item(spec.name, spec.title,
                          tuple(profile.answer_lines(turn, spec, answers)),
                          spec.name not in SENSITIVE))
    return found


def _progress(turn: Turn, content: Content) -> tuple[int, int]:
    road = content.roadmap
    done = total = 0
    if road is not None:
        for step in road.steps:
            marked, count = roadmap.counts(turn.state, road, step.id)
            done, total = done + marked, total + count
    return done, total


def _help(turn: Turn, content: Content) -> list[str]:
    road = content.roadmap
    if road is None:
        return []
    asked = roadmap.progress(turn.state).help
    return [item.title for item_id in sorted(asked, key=asked.__getitem__)
            if (item := road.item(item_id)) is not None]


def _answer(step: StepSpec, value: Any) -> dict[str, Any]:
    """One answer as data: the question's summary and the answer, as label ids to translate
    for the reader, or as typed."""
    if value is None:
        return {"q": step.summary or step.prompt, "a": ["(skipped)"]}
    if step.type == "yes_no":
        return {"q": step.summary or step.prompt, "a": ["Yes" if value == "yes" else "No"]}
    if step.type in LABELLED:
        labels = {option.id: option.label for option in step.options}
        values = value if isinstance(value, list) else [value]
        return {"q": step.summary or step.prompt,
                "a": [labels.get(str(v), str(v)) for v in values]}
    return {"q": step.summary or step.prompt, "text": str(value)}


def chosen(turn: Turn, content: Content, keys: frozenset[str]) -> dict[str, Any]:
    """The summary of exactly the ticked items (the language always goes)."""
    shared: dict[str, Any] = {"language": turn.translator.code}
    offered = {item.key for item in items(turn, content)}
    keys = keys & offered
    if PROGRESS in keys:
        shared[PROGRESS] = list(_progress(turn, content))
    if HELP in keys:
        shared[HELP] = _help(turn, content)
    parts = [{"part": spec.title,
              "answers": [_answer(step, answers[step.id]) for step in profile.asked(spec, answers)]}
             for spec, answers in _sections(turn, content) if spec.name in keys]
    if parts:
        shared["answers"] = parts
    return shared
