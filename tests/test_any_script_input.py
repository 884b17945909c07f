"""Input in any script: option numbers in Arabic-Indic, Persian or Ge'ez digits, and yes or no
typed as a word in the person's language; no "type a number" where buttons carry none, and
`brug chat` never shows two numbers in a row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.i18n.catalogs import Catalogs
from bot.i18n.numbers import geez_number, normalize_digits, parse_number, whole_number
from bot.i18n.yes_no import meaning_of
from bot.storage.tables import users
from tests.harness import Session, labels, query
from tests.test_console import chat


async def consent_of(session: Session, name: str) -> Any:
    rows = await query(session.app, select(users.c.consent).where(users.c.external_id == name))
    return rows[0]["consent"]


@pytest.mark.parametrize(("typed", "value"), [
    ("፩", 1), ("፫", 3), ("፱", 9), ("፲", 10), ("፲፪", 12), ("፺፱", 99), ("፻", 100),
    ("፪፻፭", 205), ("፲፪፻፴፬", 1234), ("፼", 10_000),
])
def test_geez_numerals_are_numbers(typed: str, value: int) -> None:
    assert geez_number(typed) == value
    assert whole_number(typed) == value
    assert whole_number(f" {typed} ") == value


def test_geez_numerals_inside_text_and_what_is_no_number() -> None:
    assert normalize_digits("፩ ፫") == "1 3"
    assert normalize_digits("ገጽ ፲፪።") == "ገጽ 12።"
    assert parse_number("፲፪") == 12.0
    # A run far longer than any option number stays text.
    assert whole_number("፩" * 20) is None
    assert whole_number("፲x") is None


async def test_option_numbers_in_persian_and_geez_digits_open_the_menu_item(
    session: Session,
) -> None:
    await session.onboard("rania", "العربية")
    menu = labels((await session.say("rania", "/menu"))[-1])
    assert menu[1] == "ملفي الشخصي"
    out = await session.say("rania", "۲")  # Persian 2: the second item, my profile
    assert out[-1]["text"] == "ملفك الشخصي فيه هذه الأجزاء. اختر جزءًا لتملأه أو لتراه."
    await session.say("rania", "/menu")
    out = await session.say("rania", "፩")  # Ge'ez 1: the first item, the steps to a job
    assert out[-1]["text"].startswith("خطوات نحو العمل")
    assert labels(out[-1])[0].startswith("1. ")


@pytest.mark.parametrize(("language", "typed", "consent"), [
    ("العربية", "ايوه", "agree"), ("العربية", "نعم", "agree"), ("العربية", "كلا", "decline"),
    ("Nederlands", "jawel", "agree"), ("Nederlands", "neen", "decline"),
    ("English", "yeah", "agree"),
])
async def test_yes_or_no_typed_as_a_word_answers_the_consent_question(
    session: Session, language: str, typed: str, consent: str,
) -> None:
    await session.say("nadia", "/start")
    await session.press("nadia", language)
    await session.press("nadia", 1)
    await session.say("nadia", typed)
    assert await consent_of(session, "nadia") == consent


async def test_a_stray_word_is_no_yes(session: Session) -> None:
    await session.say("nadia", "/start")
    await session.press("nadia", "العربية")
    await session.press("nadia", 1)
    out = await session.say("nadia", "ربما")  # "maybe"
    # Telegram-like buttons carry no numbers: the bot does not ask for one.
    assert out[0]["text"].startswith("اختر أحد الخيارات من فضلك: اضغط على زر.\n\n")
    assert await consent_of(session, "nadia") is None


async def test_without_numbered_buttons_the_bot_never_says_type_a_number(
    session: Session,
) -> None:
    out = await session.say("joris", "/start", language_code="nl")
    out = await session.press("joris", "Nederlands")
    assert out[0]["text"].endswith("\nTik op een knop om te antwoorden.")
    await session.press("joris", 1)
    out = await session.press("joris", 1)
    assert out[-1]["text"].endswith("Wat wil je doen? Tik op een knop.")
    assert "nummer" not in out[-1]["text"]


def test_the_terminal_numbers_options_and_says_so(tmp_path: Path) -> None:
    out = chat(["1", "1", "maybe", "1", "1"], tmp_path)
    # The terminal numbers its options, so there the bot does say to type one.
    assert "Tap a button or type a number to answer." in out
    assert "Please choose one of the options: tap a button, or type its number." in out
    assert "What do you want to do? Tap a button or type a number." in out
    # The roadmap's steps carry their own number, the same as the option's: shown once.
    assert "\n  1. Orientation · 0/6\n  2. Checklist for work · 0/6\n" in out
    assert "1. 1." not in out and "10. 🧭 Choose my sector" in out


@pytest.mark.parametrize(("code", "yes", "no"), [
    ("fr", "Oui", "Non"), ("ru", "Да", "Нет"), ("tr", "Evet", "Hayır"), ("so", "Haa", "Maya"),
    ("ti", "እወ", "ኣይፋል"),
])
def test_a_new_catalog_brings_its_yes_and_no_with_its_buttons(
    tmp_path: Path, code: str, yes: str, no: str,
) -> None:
    # A catalog that translates only the Yes and No buttons: typed, they are understood.
    folder = tmp_path / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "bot.po").write_text(
        f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Yes"\nmsgstr "{yes}"\n\nmsgid "No"\nmsgstr "{no}"\n', encoding="utf-8")
    translator = Catalogs(tmp_path).get(code)
    assert translator.code == code
    assert meaning_of(yes.lower() + "!", translator) == "yes"
    assert meaning_of(no, translator) == "no"
    assert meaning_of("yes", translator) == "yes"  # English is understood everywhere
    assert meaning_of("peut-être", translator) is None
