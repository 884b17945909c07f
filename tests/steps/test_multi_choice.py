"""Several answers: each press toggles an option, Done closes; "1, 3" picks and closes at once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.flows.content import OptionSpec, StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.multi_choice import MultiChoiceStep
from tests.steps.helpers import context

KIND = MultiChoiceStep()
STEP = StepSpec(
    "help_with", "multi_choice", "What do you want help with?",
    options=(OptionSpec("cv", "My CV"), OptionSpec("dutch", "Dutch lessons"),
             OptionSpec("childcare", "Childcare")),
)
TAP_THEN_DONE = "Tap the options that fit, then tap Done. Or type their numbers, like 1, 3."



def test_picked_options_get_a_check_mark_and_done_comes_last() -> None:
    rendered = KIND.render(STEP, context("nl", pending=["dutch"]))
    assert rendered.text == "What do you want help with?"
    assert [(o.id, o.label) for o in rendered.options] == [
        ("cv", "My CV"), ("dutch", "✓ Dutch lessons"), ("childcare", "Kinderopvang"),
        ("done", "Klaar"),
    ]


def test_a_press_toggles_an_option_on_and_off_and_keeps_the_question_open() -> None:
    assert KIND.parse(STEP, Reply(choice="dutch"), context(pending=["cv"])) == Accepted(
        ["cv", "dutch"], final=False
    )
    unpicked = KIND.parse(STEP, Reply(choice="cv"), context(pending=["cv"]))
    assert unpicked == Accepted([], final=False)


@pytest.mark.parametrize("typed", ["3", "٣", "۳", "child", "CHILDCARE"])
def test_typing_one_number_or_label_toggles_that_option(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted(["childcare"], final=False)


@pytest.mark.parametrize(
    ("reply", "language"), [(Reply(choice="done"), "en"), (Reply(text="done"), "en"),
                            (Reply(text="Klaar"), "nl"), (Reply(text="تم"), "ar")]
)
def test_done_closes_the_question_with_what_was_picked(reply: Reply, language: str) -> None:
    outcome = KIND.parse(STEP, reply, context(language, pending=["cv", "childcare"]))
    assert outcome == Accepted(["cv", "childcare"])


def test_done_with_nothing_picked_is_refused_unless_the_question_is_optional() -> None:
    assert KIND.parse(STEP, Reply(choice="done"), context()) == Rejected(
        "Please choose at least one, then tap Done.")
    optional = replace(STEP, optional=True)
    assert KIND.parse(optional, Reply(choice="done"), context()) == Accepted([])


def test_an_answer_that_stands_alone_clears_the_others_and_is_cleared_by_them() -> None:
    alone = replace(STEP, options=(*STEP.options, OptionSpec("none", "None of these", None,
                                                               alone=True)))
    ticked = KIND.parse(alone, Reply(choice="none"), context(pending=["cv", "dutch"]))
    assert ticked == Accepted(["none"], final=False)
    assert KIND.parse(alone, Reply(choice="cv"), context(pending=["none"])) == Accepted(
        ["cv"], final=False)


@pytest.mark.parametrize("typed", ["1, 3", "3 1", "١، ٣", "1,3,3"])
def test_typing_several_numbers_picks_them_in_list_order_and_closes(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted(["cv", "childcare"])


@pytest.mark.parametrize("typed", ["1, 9", "0, 2"])
def test_a_number_that_is_not_an_option_refuses_the_whole_list(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context(pending=["cv"])) == Rejected(
        "Please use the numbers of the options."
    )


@pytest.mark.parametrize(
    "reply", [Reply(choice="stale"), Reply(text="9"), Reply(text=""), Reply(text="😀"),
              Reply(text="lesson plan")]
)
def test_anything_else_explains_how_to_pick(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context(pending=["cv"])) == Rejected(TAP_THEN_DONE)


@pytest.mark.parametrize("typed", ["1, ²", "1, ①", "1, 12²", "1, " + "9" * 4301,
                                   "1, 99999999999"])
def test_digit_like_signs_and_huge_numbers_in_a_list_are_asked_again(typed: str) -> None:
    assert isinstance(KIND.parse(STEP, Reply(text=typed), context()), Rejected)


def test_a_list_in_other_scripts_digits_picks_those_options() -> None:
    assert KIND.parse(STEP, Reply(text="١، ٣"), context()) == Accepted(["cv", "childcare"])
    assert KIND.parse(STEP, Reply(text="१, २"), context()) == Accepted(["cv", "dutch"])
