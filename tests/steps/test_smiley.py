"""Four faces with no neutral middle, each with its word; the stored value is 0 (😞) to 3 (😄)."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.smiley import SmileyStep
from tests.steps.helpers import context

KIND = SmileyStep()
STEP = StepSpec("overall", "smiley", "How was it?")


def test_four_faces_each_with_its_word_in_the_persons_language() -> None:
    rendered = KIND.render(STEP, context())
    assert [(o.id, o.label) for o in rendered.options] == [
        ("0", "😞 Very bad"), ("1", "🙁 Bad"), ("2", "🙂 Good"), ("3", "😄 Very good")]
    assert [o.label for o in KIND.render(STEP, context("nl")).options] == [
        "😞 Heel slecht", "🙁 Slecht", "🙂 Goed", "😄 Heel goed"]


@pytest.mark.parametrize(
    ("reply", "value"),
    [(Reply(choice="0"), 0), (Reply(choice="3"), 3), (Reply(text="1"), 0), (Reply(text="4"), 3),
     (Reply(text="٤"), 3), (Reply(text="۲"), 1), (Reply(text="😄"), 3),
     (Reply(text="🙂\ufe0f"), 2), (Reply(text="very good"), 3)],
)
def test_a_press_a_typed_face_or_a_number_from_one_to_four_answers(reply: Reply,
                                                                   value: int) -> None:
    assert KIND.parse(STEP, reply, context()) == Accepted(value)


@pytest.mark.parametrize("reply", [Reply(text="0"), Reply(text="5"), Reply(text="😐"),
                                   Reply(text="bad"), Reply(choice="4"), Reply(text="")])
def test_anything_else_is_asked_again(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context()) == Rejected(
        "Please tap a face, or type a number from 1 to 4.")
