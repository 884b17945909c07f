"""A free-text answer: stored as typed (trimmed), refused when empty or too long."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.text import TextStep
from tests.steps.helpers import context

KIND = TextStep()
STEP = StepSpec("job", "text", "What work do you want to do?", max_length=200)



def test_the_question_is_the_prompt_without_buttons() -> None:
    rendered = KIND.render(STEP, context())
    assert (rendered.text, rendered.options) == ("What work do you want to do?", ())


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  bus driver \n", "bus driver"),
        ("<b>x</b>", "<b>x</b>"),
        ("<script>alert(1)</script> **bold** &amp;", "<script>alert(1)</script> **bold** &amp;"),
        ("😀😀", "😀😀"),
        ("طباخ", "طباخ"),
        ("cook\nnurse", "cook\nnurse"),
    ],
)
def test_an_answer_is_stored_literally_only_trimmed(typed: str, stored: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted(stored)


@pytest.mark.parametrize("reply", [Reply(text=""), Reply(text="  \n "), Reply(choice="yes")])
def test_an_empty_reply_or_a_pressed_button_asks_for_typed_text(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context()) == Rejected("Please type your answer.")
    assert KIND.parse(STEP, reply, context("nl")) == Rejected("Typ je antwoord.")


def test_the_limit_itself_is_allowed_and_one_more_character_is_not() -> None:
    assert KIND.parse(STEP, Reply(text="x" * 200), context()) == Accepted("x" * 200)
    assert KIND.parse(STEP, Reply(text="x" * 201), context()) == Rejected(
        "That is too long. Please write at most 200 characters."
    )


def test_five_thousand_characters_are_refused_naming_the_default_limit() -> None:
    step = StepSpec("story", "text", "Tell me about yourself.")
    outcome = KIND.parse(step, Reply(text="x" * 5000), context("ar"))
    # The number is isolated (U+2068 … U+2069) inside the right-to-left sentence.
    assert outcome == Rejected(
        "هذا طويل جدًا. الحد الأقصى هو \u20681000\u2069 حرف. اكتب نصًا أقصر من فضلك.")
