"""A choice: one answer out of the options in the YAML; the stored value is the option id."""

from __future__ import annotations

import pytest

from bot.flows.content import OptionSpec, StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.choice import ChoiceStep
from tests.steps.helpers import context

KIND = ChoiceStep()
STEP = StepSpec(
    "work", "choice", "What kind of work do you look for?",
    options=(
        OptionSpec("full", "Full-time job"),
        OptionSpec("part", "Part-time job"),
        OptionSpec("training", "Training"),
    ),
)
CHOOSE_ONE = "Please choose one of the options: tap a button, or type its number."



def test_the_question_shows_the_prompt_and_every_option_in_order() -> None:
    rendered = KIND.render(STEP, context())
    assert rendered.text == "What kind of work do you look for?"
    assert [(o.id, o.label) for o in rendered.options] == [
        ("full", "Full-time job"), ("part", "Part-time job"), ("training", "Training"),
    ]


def test_pressing_an_option_stores_its_id() -> None:
    assert KIND.parse(STEP, Reply(choice="part"), context()) == Accepted("part")


def test_a_stale_button_from_another_question_is_refused() -> None:
    assert KIND.parse(STEP, Reply(choice="yes"), context()) == Rejected(CHOOSE_ONE)


@pytest.mark.parametrize("typed", ["3", "٣", "۳", " 3. ", "3)"])
def test_typing_the_option_number_in_any_digits_picks_it(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted("training")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Part-time job", "part"), ("PART-TIME JOB", "part"), ("part", "part"), ("Train", "training")],
)
def test_typing_the_label_or_a_unique_part_of_it_picks_it(typed: str, expected: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted(expected)


@pytest.mark.parametrize(
    "typed", ["time", "job", "0", "4", "", "   ", "😀😀", "x" * 5000, "<b>x</b>"]
)
def test_an_ambiguous_out_of_range_or_unrelated_reply_is_refused(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Rejected(CHOOSE_ONE)


def test_the_refusal_is_in_the_persons_language() -> None:
    dutch = KIND.parse(STEP, Reply(text="?"), context("nl"))
    arabic = KIND.parse(STEP, Reply(text="?"), context("ar"))
    assert dutch == Rejected("Kies een van de opties: tik op een knop, of typ het nummer.")
    assert arabic == Rejected("اختر أحد الخيارات من فضلك: اضغط على زر، أو اكتب رقمه.")


HUGE = "9" * 4301  # longer than Python turns into a number at all


@pytest.mark.parametrize("typed", ["²", "①", "12²", "⑫", "1²", "-1", "+2", HUGE, "1" * 10,
                                   "\u202e2", "٣٣٣٣٣٣٣٣٣٣٣"])
def test_digit_like_signs_and_huge_numbers_are_asked_again(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Rejected(CHOOSE_ONE)


@pytest.mark.parametrize("typed", ["2", "٢", "۲", "२", "২", "２", "𝟐", "2.", "2)"])
def test_a_number_in_any_scripts_digits_picks_that_option(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted("part")
