"""A message to read, with one button to go on; any reply goes on."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Outcome, Rendered, Reply, StepContext
from bot.types import Option

CONTINUE = "continue"


class InfoStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        label = ctx._(step.button) if step.button else ctx._("Continue")
        return Rendered(ctx.prompt(step), (Option(CONTINUE, label),))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        return Accepted(None)
