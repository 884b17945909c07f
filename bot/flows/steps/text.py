"""A free-text answer."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Outcome, Rejected, Rendered, Reply, StepContext


class TextStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx._(step.prompt))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        text = reply.text.strip()
        if reply.choice is not None or not text:
            return Rejected(ctx._("Please type your answer."))
        if len(text) > step.max_length:
            return Rejected(
                ctx._("That is too long. Please write at most {limit} characters.").format(
                    limit=step.max_length
                )
            )
        return Accepted(text)
