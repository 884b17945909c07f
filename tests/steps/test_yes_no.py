"""A yes/no question: two buttons in the person's language; the value is "yes" or "no"."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.yes_no import YesNoStep
from tests.steps.helpers import context

KIND = YesNoStep()
STEP = StepSpec("diploma", "yes_no", "Do you have a diploma from abroad?")



@pytest.mark.parametrize(
    ("language", "yes", "no"), [("en", "Yes", "No"), ("nl", "Ja", "Nee"), ("ar", "نعم", "لا")]
)
def test_the_buttons_say_yes_and_no_in_the_persons_language(
    language: str, yes: str, no: str
) -> None:
    rendered = KIND.render(STEP, context(language))
    assert rendered.text == "Do you have a diploma from abroad?"
    assert [(o.id, o.label) for o in rendered.options] == [("yes", yes), ("no", no)]


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("en", "YES", "yes"), ("en", "Yes!", "yes"), ("en", "no", "no"), ("en", "2", "no"),
        ("nl", "yes", "yes"), ("ar", "no", "no"),
        ("nl", "ja", "yes"), ("nl", "Nee", "no"), ("ar", "نعم", "yes"), ("ar", "لا", "no"),
        ("ar", "١", "yes"), ("ar", "۲", "no"),
    ],
)
def test_typing_the_word_or_its_number_answers(language: str, typed: str, value: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context(language)) == Accepted(value)


def test_pressing_a_button_stores_yes_or_no() -> None:
    assert KIND.parse(STEP, Reply(choice="no"), context()) == Accepted("no")


@pytest.mark.parametrize("reply", [Reply(choice="agree"), Reply(text="3"), Reply(text="maybe"),
                                   Reply(text=""), Reply(text="👍")])
def test_anything_else_is_refused_with_a_hint_to_tap_or_type_a_number(reply: Reply) -> None:
    outcome = KIND.parse(STEP, reply, context("nl"))
    assert outcome == Rejected("Kies een van de opties: tik op een knop, of typ het nummer.")


def test_a_single_letter_is_not_an_answer() -> None:
    assert isinstance(KIND.parse(STEP, Reply(text="y"), context()), Rejected)
