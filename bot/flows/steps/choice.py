"""One answer out of a list of options."""

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
    choose_one_reason,
)


class ChoiceStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx._(step.prompt), Choices.of(step.options, ctx).options)

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        chosen = Choices.of(step.options, ctx).match(reply)
        return Accepted(chosen) if chosen else Rejected(choose_one_reason(ctx))
