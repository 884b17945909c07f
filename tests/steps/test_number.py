"""A number: digits in any script, a decimal comma or ٫, and the limits from the YAML."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.number import NumberStep
from tests.steps.helpers import context

KIND = NumberStep()
YEARS = StepSpec("years", "number", "How many years did you work?", minimum=0, maximum=60)
CHILDREN = StepSpec("children", "number", "How many children do you have?")



def test_the_question_is_the_prompt_without_buttons() -> None:
    rendered = KIND.render(YEARS, context())
    assert (rendered.text, rendered.options) == ("How many years did you work?", ())


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12", 12), (" ١٢ ", 12), ("۱۲", 12), ("0", 0), ("60", 60), ("2,5", 2.5), ("2.5", 2.5),
     ("٢٫٥", 2.5), ("3,0", 3)],
)
def test_a_number_within_the_limits_is_stored_as_int_or_float(typed: str, stored: float) -> None:
    outcome = KIND.parse(YEARS, Reply(text=typed), context())
    assert outcome == Accepted(stored)
    assert type(outcome.value) is type(stored)


@pytest.mark.parametrize("typed", ["-1", "61", "٦١", "twelve", "", "12 years", "😀"])
def test_outside_the_limits_or_not_a_number_names_the_limits(typed: str) -> None:
    assert KIND.parse(YEARS, Reply(text=typed), context()) == Rejected(
        "Please type a number from 0 to 60."
    )
    assert KIND.parse(YEARS, Reply(text=typed), context("nl")) == Rejected(
        "Typ een getal van 0 tot 60."
    )


def test_without_limits_the_refusal_gives_an_example() -> None:
    assert KIND.parse(CHILDREN, Reply(text="many"), context("ar")) == Rejected(
        "اكتب رقمًا من فضلك، مثل 3."
    )


def test_a_pressed_button_is_not_a_number() -> None:
    assert isinstance(KIND.parse(CHILDREN, Reply(choice="3"), context()), Rejected)


@pytest.mark.parametrize("typed", ["nan", "NaN", "inf", "infinity"])
def test_nan_and_infinity_are_not_numbers(typed: str) -> None:
    assert isinstance(KIND.parse(CHILDREN, Reply(text=typed), context()), Rejected)
    assert isinstance(KIND.parse(YEARS, Reply(text=typed), context()), Rejected)


def test_with_only_a_minimum_the_refusal_names_the_minimum() -> None:
    age = StepSpec("age", "number", "How old are you?", minimum=18)
    outcome = KIND.parse(age, Reply(text="5"), context())
    assert isinstance(outcome, Rejected)
    assert "18" in outcome.reason


@pytest.mark.parametrize("typed", ["²", "①", "12²", "½", "٣²", "1e400", "9" * 4301])
def test_digit_like_signs_and_numbers_beyond_reach_are_asked_again(typed: str) -> None:
    assert KIND.parse(YEARS, Reply(text=typed), context()) == Rejected(
        "Please type a number from 0 to 60."
    )
    assert isinstance(KIND.parse(CHILDREN, Reply(text=typed), context()), Rejected)


def test_a_huge_number_without_limits_is_kept() -> None:
    assert KIND.parse(CHILDREN, Reply(text="9" * 300), context()) == Accepted(int(float("9" * 300)))
    assert KIND.parse(CHILDREN, Reply(text="१२"), context()) == Accepted(12)
