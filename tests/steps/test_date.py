"""A date: day-month-year with - / . or ISO, in any script's digits; stored as an ISO date."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.date import DateStep
from tests.steps.helpers import context

KIND = DateStep()
STEP = StepSpec("expiry", "date", "When does your residence card end?", optional=True)
HOW = "Please type a date as day-month-year, for example 24-11-2026."



def test_the_question_is_the_prompt_without_buttons() -> None:
    rendered = KIND.render(STEP, context())
    assert (rendered.text, rendered.options) == ("When does your residence card end?", ())


@pytest.mark.parametrize(
    "typed",
    ["24-11-2026", "24/11/2026", "24.11.2026", "2026-11-24", " 24-11-2026 ", "٢٤-١١-٢٠٢٦",
     "۲۴/۱۱/۲۰۲۶"],
)
def test_the_common_ways_of_writing_a_date_are_stored_as_iso(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Accepted("2026-11-24")


def test_a_single_digit_day_and_month_are_fine() -> None:
    assert KIND.parse(STEP, Reply(text="1-2-2027"), context()) == Accepted("2027-02-01")


def test_the_29th_of_february_only_counts_in_a_leap_year() -> None:
    assert KIND.parse(STEP, Reply(text="29-02-2028"), context()) == Accepted("2028-02-29")
    assert KIND.parse(STEP, Reply(text="29-02-2027"), context()) == Rejected(HOW)


@pytest.mark.parametrize(
    "typed",
    ["31-02-2026", "24-13-2026", "00-11-2026", "24-11-26", "11/24/2026", "next week",
     "24 november 2026", "", "📅"],
)
def test_impossible_dates_and_text_are_refused_with_an_example(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Rejected(HOW)


def test_the_refusal_is_in_the_persons_language() -> None:
    assert KIND.parse(STEP, Reply(text="morgen"), context("nl")) == Rejected(
        "Typ een datum als dag-maand-jaar, bijvoorbeeld 24-11-2026."
    )


def test_a_pressed_button_is_not_a_date() -> None:
    assert KIND.parse(STEP, Reply(choice="24-11-2026"), context()) == Rejected(HOW)


@pytest.mark.parametrize(
    "typed",
    ["31-12-9999", "9999-12-31", "01-01-0001", "0001-01-01", "00-00-0000", "31-12-1899",
     "01-01-2200", "²4-11-2026", "24-11-２０２６²", "24-11-" + "9" * 4301],
)
def test_dates_near_the_year_limits_and_digit_like_signs_are_asked_again(typed: str) -> None:
    assert KIND.parse(STEP, Reply(text=typed), context()) == Rejected(HOW)


def test_the_first_and_last_dates_a_person_could_mean_are_kept() -> None:
    assert KIND.parse(STEP, Reply(text="01-01-1900"), context()) == Accepted("1900-01-01")
    assert KIND.parse(STEP, Reply(text="31-12-2199"), context()) == Accepted("2199-12-31")
    assert KIND.parse(STEP, Reply(text="२४-११-२०२६"), context()) == Accepted("2026-11-24")
