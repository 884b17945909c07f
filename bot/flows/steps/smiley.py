"""Four faces with no neutral middle (😞 🙁 🙂 😄), each with its word: one press answers.
The value is the face's number from 0 (😞) to 3 (😄); a typed face or a typed number from 1 to
4, in any script, counts too."""

from __future__ import annotations

from typing import Any

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, Reply, StepContext
from bot.i18n import L_
from bot.types import Option

FACES = (("😞", L_("Very bad")), ("🙁", L_("Bad")), ("🙂", L_("Good")), ("😄", L_("Very good")))
LOWEST = 0


def typed_face(text: str) -> int | None:
    """The number (0 to 3) of a face sent as text (phones add an emoji style marker)."""
    face = text.replace("\ufe0f", "").strip()
    return next((n for n, (shown, _) in enumerate(FACES) if shown == face), None)


class SmileyStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        return Choices(tuple(Option(str(n), f"{face} {ctx._(word)}")
                             for n, (face, word) in enumerate(FACES)))

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        chosen = super().match(step, reply, ctx)
        face = typed_face(reply.text)
        if chosen is None and reply.choice is None and face is not None:
            chosen = str(face)
        return chosen

    def value(self, option_id: str) -> Any:
        return int(option_id)

    def reason(self, ctx: StepContext) -> str:
        return ctx._("Please tap a face, or type a number from 1 to 4.")
