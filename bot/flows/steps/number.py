"""A number, typed in any script's digits."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Outcome, Rejected, Rendered, Reply, StepContext
from bot.i18n.numbers import parse_number


class NumberStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx.prompt(step))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        value = parse_number(reply.text) if reply.choice is None else None
        low, high = step.minimum, step.maximum
        too_low = value is not None and low is not None and value < low
        too_high = value is not None and high is not None and value > high
        if value is None or too_low or too_high:
            if low is not None and high is not None:
                reason = ctx._("Please type a number from {low} to {high}.")
            elif low is not None:
                reason = ctx._("Please type a number of at least {low}.")
            elif high is not None:
                reason = ctx._("Please type a number of at most {high}.")
            else:
                reason = ctx._("Please type a number, for example 3.")
            return Rejected(reason.format(low=_plain(low), high=_plain(high)))
        return Accepted(int(value) if value.is_integer() else value)


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
