"""A smiley scale: five faces numbered 1 to 5; the stored value is the number."""

from __future__ import annotations

import pytest

from bot.flows.content import OptionSpec, StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.scale import ScaleStep
from tests.steps.helpers import context

KIND = ScaleStep()
STEP = StepSpec("mood", "scale", "How do you feel about finding work?")



def test_five_faces_from_unhappy_to_happy_each_with_its_number() -> None:
    rendered = KIND.render(STEP, context())
    assert rendered.text == "How do you feel about finding work?"
    assert [(o.id, o.label) for o in rendered.options] == [
        ("1", "😞 1"), ("2", "🙁 2"), ("3", "😐 3"), ("4", "🙂 4"), ("5", "😄 5"),
    ]


def test_pressing_a_face_stores_its_number_as_an_int() -> None:
    assert KIND.parse(STEP, Reply(choice="4"), context()) == Accepted(4)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1", 1), ("5", 5), ("٣", 3), ("۳", 3), ("😞", 1), ("😄", 5), (" 🙂 ", 4), ("🙂 4", 4)],
)
def test_typing_a_number_or_sending_a_face_answers(typed: str, value: int) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted(value)


@pytest.mark.parametrize(
    "reply", [Reply(text="0"), Reply(text="6"), Reply(text="٦"), Reply(text="good"),
              Reply(text="👍"), Reply(text=""), Reply(choice="6")]
)
def test_numbers_outside_one_to_five_and_other_replies_are_refused(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context()) == Rejected(
        "Please tap a smiley, or type a number from 1 to 5."
    )
    assert KIND.parse(STEP, reply, context("ar")) == Rejected(
        "اضغط على وجه من الوجوه، أو اكتب رقمًا من 1 إلى 5."
    )


def test_a_scales_own_options_follow_the_smileys_and_store_their_id() -> None:
    step = StepSpec("pace", "scale", "How is it?",
                    options=(OptionSpec("coach", "Talk to a coach"),))
    assert [o.label for o in KIND.render(step, context()).options] == [
        "😞 1", "🙁 2", "😐 3", "🙂 4", "😄 5", "Talk to a coach"]
    assert KIND.parse(step, Reply(text="2"), context()) == Accepted(2)
    assert KIND.parse(step, Reply(choice="coach"), context()) == Accepted("coach")
    assert KIND.parse(step, Reply(text="coach"), context()) == Accepted("coach")
