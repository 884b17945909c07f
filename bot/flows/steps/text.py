"""A free-text answer."""

from __future__ import annotations

import unicodedata

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Outcome, Rejected, Rendered, Reply, StepContext


class TextStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx.prompt(step))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        text = reply.text.strip()
        visible = any(not unicodedata.category(ch).startswith(("C", "Z")) for ch in text)
        if reply.choice is not None or not visible:
            return Rejected(ctx._("Please type your answer."))
        if len(text) > step.max_length:
            return Rejected(
                ctx._("That is too long. Please write at most {limit} characters.").format(
                    limit=step.max_length
                )
            )
        return Accepted(text)
