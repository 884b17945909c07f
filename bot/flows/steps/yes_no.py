"""A question answered with yes or no; a typed yes or no in the person's language, or in
English, counts too (bot/i18n/yes_no.py)."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, StepContext
from bot.types import Option


class YesNoStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        return Choices((Option("yes", ctx._("Yes")), Option("no", ctx._("No"))), ctx.translator)
