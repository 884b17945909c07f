"""An info step: a message to read with one button; any reply goes on."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Reply
from bot.flows.steps.info import InfoStep
from bot.types import Option
from tests.steps.helpers import context

KIND = InfoStep()
STEP = StepSpec("tip", "info", "Bring your residence card to the appointment.")



def test_the_message_has_one_continue_button() -> None:
    rendered = KIND.render(STEP, context())
    assert rendered.text == "Bring your residence card to the appointment."
    assert rendered.options == (Option("continue", "Continue"),)


@pytest.mark.parametrize(("language", "label"), [("nl", "Verder"), ("ar", "متابعة")])
def test_the_button_is_translated(language: str, label: str) -> None:
    assert KIND.render(STEP, context(language)).options == (Option("continue", label),)


def test_a_button_named_in_the_yaml_replaces_continue() -> None:
    step = StepSpec("tip", "info", "Read this.", button="Done")
    assert KIND.render(step, context("nl")).options == (Option("continue", "Klaar"),)


@pytest.mark.parametrize(
    "reply",
    [Reply(choice="continue"), Reply(choice="stale"), Reply(text=""), Reply(text="ok 👍"),
     Reply(text="x" * 5000), Reply(text="<b>x</b>")],
)
def test_any_reply_goes_on_and_stores_nothing(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context()) == Accepted(None)
