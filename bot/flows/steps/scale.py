"""A smiley scale from 1 (very unhappy) to 5 (very happy)."""

from __future__ import annotations

from typing import Any

from bot.flows.content import StepSpec
from bot.flows.steps.base import Choices, OneOptionStep, Reply, StepContext
from bot.types import Option

FACES = ("😞", "🙁", "😐", "🙂", "😄")


def face_options() -> tuple[Option, ...]:
    """'😞 1' … '😄 5', with the numbers as option ids."""
    return tuple(Option(str(n), f"{face} {n}") for n, face in enumerate(FACES, 1))


def typed_face(text: str) -> int | None:
    """The number of a smiley sent as text (phones add an emoji style marker), else None."""
    face = text.replace("\ufe0f", "").strip()
    return FACES.index(face) + 1 if face in FACES else None


class ScaleStep(OneOptionStep):
    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        """The smileys, then the step's own options (such as "Talk to a coach")."""
        return Choices((*face_options(), *Choices.of(step.options, ctx).options))

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        chosen = super().match(step, reply, ctx)
        face = typed_face(reply.text)
        if chosen is None and reply.choice is None and face is not None:
            chosen = self.choices(step, ctx).options[face - 1].id
        return chosen

    def value(self, option_id: str) -> Any:
        return int(option_id) if option_id.isdigit() else option_id

    def reason(self, ctx: StepContext) -> str:
        return ctx._("Please tap a smiley, or type a number from 1 to 5.")
