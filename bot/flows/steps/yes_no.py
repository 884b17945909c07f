"""A question answered with yes or no."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, Reply, StepContext
from bot.types import Option


class YesNoStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        return Choices((Option("yes", ctx._("Yes")), Option("no", ctx._("No"))))

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        chosen = super().match(step, reply, ctx)
        if chosen is None and reply.choice is None:
            # English "yes" and "no" are understood whatever the language of the chat.
            word = reply.text.strip().strip("!.").casefold()
            chosen = word if word in ("yes", "no") else None
        return chosen
