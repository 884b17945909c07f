"""A smiley scale from 1 (very unhappy) to 5 (very happy)."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import (
    Accepted,
    Choices,
    Outcome,
    Rejected,
    Rendered,
    Reply,
    StepContext,
)
from bot.types import Option

FACES = ("😞", "🙁", "😐", "🙂", "😄")


def _choices(step: StepSpec, ctx: StepContext) -> Choices:
    if step.options:
        return Choices.of(step.options, ctx)
    return Choices(tuple(Option(str(i + 1), f"{face} {i + 1}") for i, face in enumerate(FACES)))


class ScaleStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx._(step.prompt), _choices(step, ctx).options)

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        choices = _choices(step, ctx)
        chosen = choices.match(reply)
        if chosen is None and reply.text.strip() in FACES:
            chosen = choices.options[FACES.index(reply.text.strip())].id
        if chosen is None:
            return Rejected(ctx._("Please tap a smiley, or type a number from 1 to 5."))
        return Accepted(int(chosen) if chosen.isdigit() else chosen)
