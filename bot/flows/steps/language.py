"""The language picker: names in their own script, the phone's language first."""

from __future__ import annotations

from functools import lru_cache

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, Reply, StepContext
from bot.i18n.languages import Language, base_code
from bot.types import Option


class LanguageStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        return Choices(_buttons(tuple(ctx.languages), ctx.language_hint))

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        chosen = super().match(step, reply, ctx)
        if chosen is None and reply.choice is None:
            # A language typed by its code: "nl", "ar".
            typed = base_code(reply.text.strip())
            chosen = next((lang.code for lang in ctx.languages if lang.code == typed), None)
        return chosen


@lru_cache(maxsize=64)
def _buttons(languages: tuple[Language, ...], hint: str | None) -> tuple[Option, ...]:
    """The picker's buttons for a phone's language: made once per language offered and hint,
    not at each question and each answer (a dozen buttons, sorted)."""
    hinted = base_code(hint)
    ordered = sorted(languages, key=lambda lang: lang.code != hinted)
    return tuple(Option(lang.code, lang.native_name) for lang in ordered)
