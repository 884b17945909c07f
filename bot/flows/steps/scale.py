"""A smiley scale from 1 (very unhappy) to 5 (very happy)."""

from __future__ import annotations

from typing import Any

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, Reply, StepContext
from bot.types import Option

FACES = ("😞", "🙁", "😐", "🙂", "😄")


class ScaleStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        if step.options:
            return Choices.of(step.options, ctx)
        return Choices(tuple(Option(str(i + 1), f"{face} {i + 1}") for i, face in enumerate(FACES)))

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        chosen = super().match(step, reply, ctx)
        face = reply.text.replace("\ufe0f", "").strip()  # phones add an emoji style marker
        if chosen is None and reply.choice is None and face in FACES:
            chosen = self.choices(step, ctx).options[FACES.index(face)].id
        return chosen

    def value(self, option_id: str) -> Any:
        return int(option_id) if option_id.isdigit() else option_id

    def reason(self, ctx: StepContext) -> str:
        return ctx._("Please tap a smiley, or type a number from 1 to 5.")
