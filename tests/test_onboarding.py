"""Onboarding as a newcomer sees it: language, what Brug is, consent, the menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, labels, messages, query, run_simulate, texts


async def stored_user(session: Session, name: str) -> dict[str, Any] | None:
    rows = await query(session.app, select(users).where(users.c.external_id == name))
    return rows[0] if rows else None


async def test_english_onboarding_ends_in_the_menu(session: Session) -> None:
    out = await session.say("amal", "/start", language_code="en")
    assert labels(out[0])[:4] == ["English", "Nederlands", "Français", "العربية"]
    out = await session.press("amal", "English")
    assert "I am Brug, a chat bot" in out[0]["text"] and "not a person" in out[0]["text"]
    out = await session.press("amal", "Continue")
    assert "Do you agree that I keep your answers?" in out[0]["text"]
    assert labels(out[0])[:2] == ["Yes, I agree", "No, thank you"]
    [out] = await session.press("amal", "Yes, I agree")
    assert out["text"] == "Thank you. You can change your mind at any time.\n\n" \
        "What do you want to do? Tap a button."
    out = [out]
    assert "Talk to a person" in labels(out[-1])
    assert "My data" in labels(out[-1])
    user = await stored_user(session, "amal")
    assert user is not None
    assert user["language"] == "en" and user["consent"] == "agree"
    assert user["consent_version"] == "2026-11-24"
    assert user["consent_at"] is not None


async def test_dutch_is_preselected_from_the_phone_and_spoken_after_choosing(
    session: Session,
) -> None:
    out = await session.say("joris", "/start", language_code="nl-BE")
    assert labels(out[0])[0] == "Nederlands"
    assert out[0]["text"].startswith("Kies je taal")
    out = await session.press("joris", 1)
    assert "chatbot" in out[0]["text"].lower()
    assert labels(out[0])[0] == "Verder"
    out = await session.press("joris", 1)
    out = await session.press("joris", 1)
    assert messages(out)[0]["text"].startswith("Bedankt")
    assert "Met een persoon praten" in labels(out[-1])


async def test_arabic_onboarding_is_in_arabic(session: Session) -> None:
    out = await session.say("rania", "/start", language_code="ar")
    assert labels(out[0])[0] == "العربية"
    assert any("\u0600" <= ch <= "\u06ff" for ch in out[0]["text"])
    out = await session.press("rania", "العربية")
    intro = out[0]["text"]
    assert "Brug" in intro and any("\u0600" <= ch <= "\u06ff" for ch in intro)
    out = await session.press("rania", 1)
    consent = out[0]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in label) for label in labels(consent))
    out = await session.press("rania", 1)
    menu = out[-1]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in label) for label in labels(menu))
    user = await stored_user(session, "rania")
    assert user is not None and user["language"] == "ar" and user["consent"] == "agree"


async def test_declining_consent_keeps_only_the_language_and_the_information(
    session: Session,
) -> None:
    await session.onboard("tesfay", agree=False)
    user = await stored_user(session, "tesfay")
    assert user is not None
    assert user["language"] == "en" and user["consent"] == "decline"
    out = await session.feed({"user": "tesfay", "text": "/menu"})
    menu = labels(out[-1])
    assert "What can Brug do?" in menu and "Talk to a person" in menu
    assert "Let Brug keep my answers" in menu
    out = await session.press("tesfay", "Talk to a person")
    assert "VDAB" in out[0]["text"]
    # Changing their mind later works from the menu.
    await session.press("tesfay", "☰ Menu")
    out = await session.press("tesfay", "Let Brug keep my answers")
    out = await session.press("tesfay", "Yes, I agree")
    user = await stored_user(session, "tesfay")
    assert user is not None and user["consent"] == "agree"
    assert "Let Brug keep my answers" not in labels(out[-1])


async def test_nothing_but_the_language_is_stored_before_consent(session: Session) -> None:
    await session.say("lina", "/start")
    await session.press("lina", "Nederlands")
    await session.say("lina", "my name is Lina and I live in Gent")
    user = await stored_user(session, "lina")
    assert user is not None
    assert user["language"] == "nl" and user["consent"] is None
    assert "Lina" not in str(user["state"]) and "Gent" not in str(user["state"])


async def test_start_brings_back_to_the_first_questions_who_left_them_for_the_menu(
    session: Session,
) -> None:
    await session.say("omid", "/start")
    await session.press("omid", "English")
    out = await session.say("omid", "menu")
    assert "What do you want to do?" in texts(out)
    out = await session.say("omid", "/start")
    assert out[0]["text"].startswith("Welcome back!\n\nYou were at: Start, question 2 of 3.")
    assert "I am Brug, a chat bot" in out[0]["text"]
    await session.press("omid", "Continue")
    await session.press("omid", "Yes, I agree")
    user = await stored_user(session, "omid")
    assert user is not None and user["consent"] == "agree"
    # Once the first questions are done, /start shows where they are, as before.
    out = await session.say("omid", "/start")
    assert "You were at" not in texts(out) and "What do you want to do?" in texts(out)


async def test_a_new_process_on_the_same_database_goes_on_where_the_user_was(
    database: str,
) -> None:
    db = database
    first = run_simulate([
        {"user": "amal", "text": "/start"},
        {"user": "amal", "press": "English"},
    ], db)
    assert "chat bot" in texts(first)
    second = run_simulate([
        {"user": "amal", "text": "/start"},
        {"user": "amal", "press": "Continue"},
    ], db)
    welcome = second[0]["text"]
    assert welcome.startswith("Welcome back!\n\nYou were at: Start, question 2 of 3.")
    assert "I am Brug, a chat bot" in welcome
    assert "Do you agree that I keep your answers?" in texts(second)


async def test_the_same_update_twice_is_handled_once(session: Session) -> None:
    await session.say("amal", "/start", update_id=100)
    first = await session.press("amal", "English", update_id=101)
    again = await session.feed({"user": "amal", "text": "English", "update_id": 101})
    assert [m["text"] for m in again] == [m["text"] for m in first]
    user = await stored_user(session, "amal")
    assert user is not None
    assert user["state"]["flows"]["onboarding"]["step"] == "intro"
    # The next real update moves on from there, not from one step further.
    out = await session.press("amal", "Continue", update_id=102)
    assert "Do you agree" in out[0]["text"]


async def test_simulate_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    out = run_simulate([{"advance": "soon"}, {"user": "amal", "press": 3},
                        {"user": "amal", "text": "/start"}])
    errors = [line for line in out if "error" in line]
    assert [e["step"] for e in errors] == [1, 2]
    assert any(line.get("to") == "amal" and line["step"] == 3 for line in out)
    assert out[-1] == {"step": 3, "done": True}


async def test_simulate_refuses_lines_with_impossible_values_and_goes_on() -> None:
    bad: list[dict[str, Any]] = [
        {"user": "sara", "role": "boss"},
        {"advance": "P99999999D"},
        {"user": "amal", "text": "/start", "update_id": 10**23},
        {"user": "amal", "text": "/start", "update_id": True},
        {"user": "amal", "text": "/start", "language_code": 7},
    ]
    out = run_simulate([*bad, {"user": "amal", "text": "/start", "update_id": 5}])
    errors = {line["step"]: line["error"] for line in out if "error" in line}
    assert sorted(errors) == [1, 2, 3, 4, 5]
    assert "unknown role 'boss'" in errors[1] and "9999" in errors[2]
    assert "update_id" in errors[3] and "update_id" in errors[4]
    assert "language_code" in errors[5]
    # Nothing of those lines reached the bot: amal's first message comes from line 6.
    assert [line["step"] for line in out if line.get("to") == "amal"] == [6]
    assert out[-1] == {"step": 6, "done": True}
