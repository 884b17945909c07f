"""A question answered with yes or no."""

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
from bot.types import Option


def _choices(ctx: StepContext) -> Choices:
    return Choices((Option("yes", ctx._("Yes")), Option("no", ctx._("No"))))


class YesNoStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx._(step.prompt), _choices(ctx).options)

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        chosen = _choices(ctx).match(reply)
        return Accepted(chosen) if chosen else Rejected(choose_one_reason(ctx))
