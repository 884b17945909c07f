"""Consent: agreeing or not to what Brug keeps; the value is the option id."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.flows.content import load_content
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.consent import ConsentStep
from tests.steps.helpers import context

KIND = ConsentStep()
# The real step from content/consent.yaml, so its prompt is in the catalogs.
STEP = load_content(Path(__file__).parents[2] / "content").flows["consent"].step("consent")



@pytest.mark.parametrize(
    ("language", "asks", "labels"),
    [("en", "Do you agree that I keep your answers?", ["Yes, I agree", "No, thank you"]),
     ("nl", "Ga je akkoord dat ik je antwoorden bewaar?", ["Ja, ik ga akkoord", "Nee, bedankt"]),
     ("ar", "هل توافق على أن أحفظ إجاباتك؟", ["نعم، أوافق", "لا، شكرًا"])],
)
def test_the_question_and_both_answers_are_in_the_persons_language(
    language: str, asks: str, labels: list[str]
) -> None:
    rendered = KIND.render(STEP, context(language))
    assert asks in rendered.text
    assert [o.id for o in rendered.options] == ["agree", "decline"]
    assert [o.label for o in rendered.options] == labels


@pytest.mark.parametrize(
    ("language", "reply", "value"),
    [("en", Reply(choice="decline"), "decline"), ("en", Reply(text="yes"), "agree"),
     ("en", Reply(text="No"), "decline"), ("en", Reply(text="1"), "agree"),
     ("nl", Reply(text="ja"), "agree"), ("nl", Reply(text="nee"), "decline"),
     ("ar", Reply(text="نعم"), "agree"), ("ar", Reply(text="٢"), "decline"),
     ("ar", Reply(text="۱"), "agree")],
)
def test_a_press_a_number_or_the_answer_word_records_the_choice(
    language: str, reply: Reply, value: str
) -> None:
    assert KIND.parse(STEP, reply, context(language)) == Accepted(value)


@pytest.mark.parametrize(
    "reply", [Reply(choice="yes"), Reply(text="I do not agree"), Reply(text="3"),
              Reply(text=""), Reply(text="👍"), Reply(text="<b>yes</b>"), Reply(text="x" * 5000)]
)
def test_anything_unclear_is_never_taken_as_agreement(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context()) == Rejected(
        "Please choose one of the options: tap a button, or type its number."
    )


@pytest.mark.parametrize("typed", ["e", "g", "i"])
def test_a_single_stray_letter_is_not_taken_as_agreement(typed: str) -> None:
    assert isinstance(KIND.parse(STEP, Reply(text=typed), context()), Rejected)
