"""The language picker: names in their own script, the phone's language first; codes work too."""

from __future__ import annotations

import pytest

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Rejected, Reply
from bot.flows.steps.language import LanguageStep
from tests.steps.helpers import context

KIND = LanguageStep()
STEP = StepSpec("language", "language", "Choose your language.")



# The picker's order with no hint: the twelve languages, complete.
ALL = ["en", "nl", "fr", "ar", "fa_AF", "ps", "ti", "so", "uk", "ru", "tr", "es"]


def first(code: str) -> list[str]:
    return [code, *(other for other in ALL if other != code)]


@pytest.mark.parametrize(
    ("hint", "order"),
    [(None, ALL), ("nl-BE", first("nl")), ("ar_EG", first("ar")), ("fr", first("fr")),
     ("prs", first("fa_AF")), ("de", ALL)],
)
def test_the_phones_language_comes_first_when_brug_speaks_it(
    hint: str | None, order: list[str]
) -> None:
    assert [o.id for o in KIND.render(STEP, context(hint=hint)).options] == order


def test_languages_are_named_in_their_own_script_and_the_prompt_is_translated() -> None:
    rendered = KIND.render(STEP, context(language="ar"))
    assert rendered.text == "اختر لغتك."
    assert [o.label for o in rendered.options] == [
        "English", "Nederlands", "Français", "العربية", "دری", "پښتو", "ትግርኛ", "Soomaali",
        "Українська", "Русский", "Türkçe", "Español"]
    assert KIND.render(STEP, context(language="nl")).text == "Kies je taal."


def test_a_typed_number_counts_in_the_order_shown() -> None:
    assert KIND.parse(STEP, Reply(text="1"), context(hint="nl-BE")) == Accepted("nl")
    assert KIND.parse(STEP, Reply(text="٤"), context(hint="nl-BE")) == Accepted("ar")
    assert KIND.parse(STEP, Reply(text="፯"), context(hint="nl-BE")) == Accepted("ti")


@pytest.mark.parametrize(
    ("reply", "code"),
    [(Reply(choice="ar"), "ar"), (Reply(text="Nederlands"), "nl"), (Reply(text="neder"), "nl"),
     (Reply(text="عربي"), "ar"), (Reply(text="NL"), "nl"), (Reply(text="ar-SA"), "ar"),
     (Reply(text="en"), "en")],
)
def test_a_press_a_native_name_or_a_language_code_picks_the_language(
    reply: Reply, code: str
) -> None:
    assert KIND.parse(STEP, reply, context()) == Accepted(code)


@pytest.mark.parametrize(
    "reply", [Reply(choice="de"), Reply(text="de"), Reply(text="e"), Reply(text="13"),
              Reply(text=""), Reply(text="🇧🇪")]
)
def test_a_language_brug_does_not_speak_or_an_unclear_reply_is_refused(reply: Reply) -> None:
    assert KIND.parse(STEP, reply, context()) == Rejected(
        "Please choose one of the options: tap a button, or type its number."
    )
