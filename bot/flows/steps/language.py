"""The language picker: names in their own script, the phone's language first."""

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
from bot.i18n.languages import base_code
from bot.types import Option


def _choices(ctx: StepContext) -> Choices:
    hinted = base_code(ctx.language_hint)
    ordered = sorted(ctx.languages, key=lambda lang: lang.code != hinted)
    return Choices(tuple(Option(lang.code, lang.native_name) for lang in ordered))


class LanguageStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx._(step.prompt), _choices(ctx).options)

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        choices = _choices(ctx)
        chosen = choices.match(reply)
        if chosen is None and reply.choice is None:
            # "dutch", "arabic", "nl": a language named in English or by its code.
            typed = reply.text.strip().casefold()
            for language in ctx.languages:
                if typed == language.code:
                    chosen = language.code
        return Accepted(chosen) if chosen else Rejected(choose_one_reason(ctx))
