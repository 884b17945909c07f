"""Bad input gets a clear answer and changes nothing it should not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.channels.telegram_render import parse_callback
from bot.storage.tables import reminders, users
from bot.types import Incoming
from tests.harness import Session, labels, query, texts
from tests.test_console import chat
from tests.test_roadmap import start_a_job

HUGE = "9" * 4301  # longer than Python turns into a number at all


async def state_of(session: Session, user: str) -> Any:
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    return row["state"]


async def at_the_consent_question(session: Session) -> None:
    await session.say("amal", "/start")
    await session.press("amal", "English")
    await session.press("amal", "Continue")


async def test_empty_emoji_and_huge_text_at_a_question_reask_and_change_nothing(
    session: Session,
) -> None:
    await at_the_consent_question(session)
    before = await state_of(session, "amal")
    for text in ["", "   ", "😀😀😀", "x" * 5000, "<b>yes</b>", "*agree*_[x](y)"]:
        out = await session.say("amal", text)
        assert "Please choose one of the options" in out[0]["text"], text
        assert labels(out[-1])[:2] == ["Yes, I agree", "No, thank you"]
    assert await state_of(session, "amal") == before


async def test_html_and_markdown_are_kept_literally(sample: Session) -> None:
    await sample.onboard("amal")
    out = await sample.say("amal", "<i>Sample</i>")
    assert "I did not understand that" in out[0]["text"]
    await sample.press("amal", "Sample questions")
    await sample.press("amal", "No")
    await sample.say("amal", "1, 3")
    await sample.say("amal", "3")
    await sample.press("amal", "Skip ⏭")
    await sample.press("amal", 3)
    out = await sample.say("amal", "y" * 201)
    assert "at most 200 characters" in out[0]["text"]
    out = await sample.say("amal", "<script>alert(1)</script> **bold** &amp;")
    assert "Thank you, that was the last question." in texts(out)
    state = await state_of(sample, "amal")
    assert state["flows"]["sample"]["answers"]["job"] == "<script>alert(1)</script> **bold** &amp;"


async def test_unknown_command_names_the_way_out_and_repeats_the_question(
    session: Session,
) -> None:
    await at_the_consent_question(session)
    out = await session.say("amal", "/frobnicate now")
    assert "I do not know that command" in out[0]["text"]
    assert "Do you agree" in out[-1]["text"]


async def test_a_photo_or_voice_message_gets_a_kind_answer(session: Session) -> None:
    await at_the_consent_question(session)
    out = await session.feed({"user": "amal", "media": "voice"})
    assert "I can only read text and buttons" in out[0]["text"]
    assert "Do you agree" in out[-1]["text"]


async def test_digits_in_other_scripts_pick_options(session: Session) -> None:
    await session.say("amal", "/start")
    await session.press("amal", "English")
    await session.press("amal", "Continue")
    out = await session.say("amal", "١")  # Arabic-Indic one: "Yes, I agree"
    assert out[0]["text"].startswith("Thank you")
    out = await session.say("amal", "۴")  # Persian four: the fourth menu item
    assert out[-1]["text"].startswith("Choose your language")


async def test_a_menu_press_from_long_ago_is_stale(session: Session) -> None:
    await session.onboard("amal")
    menu_turn = session.simulator.options.by_user["amal"]
    await session.press("amal", "Change language")
    session.simulator.options.by_user["amal"] = menu_turn
    [out] = await session.press("amal", "Talk to a person")
    assert out["text"].startswith("That button belongs to an earlier message.")
    assert out["text"].endswith("Choose your language.")
    assert labels(out)[:4] == ["English", "Nederlands", "Français", "العربية"]


async def test_privacy_delete_needs_a_confirmation_and_then_forgets_everything(
    session: Session,
) -> None:
    await session.onboard("amal", language="Nederlands")
    out = await session.say("amal", "/privacy")
    assert "Nederlands" in out[0]["text"]
    await session.press("amal", 1)
    out = await session.press("amal", 2)  # no, keep it
    assert await state_of(session, "amal")
    await session.say("amal", "/privacy")
    await session.press("amal", 1)
    await session.press("amal", 1)  # yes, delete everything
    assert await query(session.app, select(users)) == []


async def test_typed_navigation_words_work_in_the_persons_language(sample: Session) -> None:
    await sample.onboard("rania", language="العربية")
    await sample.press("rania", 1)  # the sample flow, first in the menu
    await sample.press("rania", 1)  # "yes": a diploma from abroad
    out = await sample.say("rania", "رجوع")  # "back", typed without the arrow
    assert out[-1]["text"] == "Do you have a diploma from abroad?"
    assert labels(out[-1])[-1] == "☰ القائمة"
    out = await sample.say("rania", "القائمة")  # "menu"
    assert "Sample questions" in labels(out[-1])


async def test_words_of_danger_get_helplines_at_once_in_any_language(session: Session) -> None:
    out = await session.say("amal", "/start")
    out = await session.say("amal", "I want to die")
    assert out[0]["text"].startswith("You are not alone.")
    assert "1813" in out[0]["text"] and "112" in out[0]["text"]
    assert "options" not in out[0]  # the helplines stand on their own
    # And the bot goes on.
    assert labels(out[-1])[:4] == ["English", "Nederlands", "Français", "العربية"]
    await session.press("amal", "Nederlands")
    out = await session.say("amal", "ik denk aan ZELFMOORD")
    assert out[0]["text"].startswith("Je bent niet alleen.")
    out = await session.say("amal", "أفكر في الانتحار")
    assert out[0]["text"].startswith("أنت لست وحدك.")  # in the language they wrote in
    out = await session.say("amal", "I want to dye my hair")
    assert "1813" not in texts(out)


@pytest.mark.parametrize("typed", ["²", "①", "12²", HUGE, "1, ²", "⑴"])
async def test_digit_like_signs_and_huge_numbers_at_a_choice_are_asked_again(
    session: Session, typed: str,
) -> None:
    await at_the_consent_question(session)
    out = await session.say("amal", typed)
    assert out[0]["text"].startswith("Please choose one of the options"), out
    assert labels(out[-1])[:2] == ["Yes, I agree", "No, thank you"]
    out = await session.say("amal", "१")  # Devanagari one: still a number
    assert out[0]["text"].startswith("Thank you")


@pytest.mark.parametrize("first_day", ["31-12-9999", "9999-12-31", "01-01-0001", "12²-01-2026"])
async def test_a_first_workday_near_the_year_limits_is_asked_again(
    session: Session, first_day: str,
) -> None:
    out = await start_a_job(session, first_day)
    assert out[0]["text"].startswith(
        "Please type a date as day-month-year, for example 24-11-2026.")
    assert "Congratulations on your job!" in out[-1]["text"]
    assert await query(session.app, select(reminders).where(reminders.c.kind.like("job_%"))) == []
    out = await session.say("amal", "١٢-٠١-٢٠٢٦")  # 12 January 2026 in Arabic-Indic digits
    assert out[-1]["text"].startswith("Good luck! I will ask you how it goes.")


@pytest.mark.parametrize("data", ["²:yes", "①:1", "12²:x", f"{HUGE}:yes", "-1:yes", ":", "",
                                  "٣:yes", "9" * 19 + ":yes", "\u0000:\u202e"])
def test_forged_callback_data_is_no_turn_number(data: str) -> None:
    turn, _ = parse_callback(data)
    assert turn is None


def test_callback_data_of_real_buttons_reads_back() -> None:
    assert parse_callback("12:yes") == (12, "yes")
    assert parse_callback("123456789012345678:a:b") == (123456789012345678, "a:b")


async def test_a_forged_press_is_told_it_is_stale_and_shown_the_question(
    session: Session,
) -> None:
    await at_the_consent_question(session)
    for data in ["²:yes", f"{HUGE}:yes", "1:not-an-option", "0:", "3:\u202e"]:
        turn, option = parse_callback(data)
        handled = await session.app.handle(Incoming(
            channel="simulate", user="amal", time=session.clock.now(), kind="press",
            choice=option or "", turn=turn))
        assert handled.replies, data
        assert "Do you agree" in handled.replies[-1].text, data
    out = await session.press("amal", "Yes, I agree")
    assert out[0]["text"].startswith("Thank you")


def test_digit_like_signs_in_the_terminal_are_text_and_real_digits_numbers(
    tmp_path: Path,
) -> None:
    out = chat(["²", "12²", HUGE, "١"], tmp_path)  # the last: Arabic-Indic one, English
    assert out.count("Please choose one of the options") == 3
    assert "Brug: Hello! I am Brug, a chat bot." in out
    assert out.rstrip().endswith("Bye.")
