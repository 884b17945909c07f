"""The language picker: names in their own script, the phone's language first."""

from __future__ import annotations

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, Reply, StepContext
from bot.i18n.languages import base_code
from bot.types import Option


class LanguageStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        hinted = base_code(ctx.language_hint)
        ordered = sorted(ctx.languages, key=lambda lang: lang.code != hinted)
        return Choices(tuple(Option(lang.code, lang.native_name) for lang in ordered))

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        chosen = super().match(step, reply, ctx)
        if chosen is None and reply.choice is None:
            # A language typed by its code: "nl", "ar".
            typed = base_code(reply.text.strip())
            chosen = next((lang.code for lang in ctx.languages if lang.code == typed), None)
        return chosen
