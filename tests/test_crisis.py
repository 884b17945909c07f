"""Words of danger, as a newcomer and their coach meet them: the helplines in the person's
language, the same question right after, nothing stored as the answer, and a person told at
once. Matching is by whole words, in English, Dutch, Arabic and Persian."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.tables import outbox, users
from tests.harness import Session, labels, query, texts

# The town question of the first profile section, in each language the tests onboard in.
TOWN = {"English": "In which town or city do you live or stay now?",
        "Nederlands": "In welke gemeente of stad woon of verblijf je nu?",
        "العربية": "في أي مدينة أو بلدة تسكن أو تقيم الآن؟"}
INTRO = {"en": "You are not alone.", "nl": "Je bent niet alleen.", "ar": "أنت لست وحدك.",
         "fa": "تو تنها نیستی."}


async def at_the_town_question(session: Session, user: str, language: str = "English"
                               ) -> dict[str, Any]:
    await session.onboard(user, language=language)
    menu = await session.say(user, "/menu")
    ids = [option["id"] for option in menu[-1]["options"]]
    await session.press(user, ids.index("profile") + 1)
    await session.press(user, 1)  # You and your life now
    await session.press(user, 1)  # age
    out = await session.press(user, 1)  # time in Belgium
    return out[-1]


async def state_of(session: Session, user: str) -> dict[str, Any]:
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    return dict(row["state"])


async def urgent_to(session: Session, person: str) -> list[str]:
    """What was sent to someone that is marked urgent."""
    rows = await query(session.app, select(outbox.c.chat, outbox.c.message))
    return [row["message"]["text"] for row in rows
            if row["chat"] == person and row["message"]["text"].startswith("🚨 URGENT")]


CASES = [
    ("English", "en", "I want to end my life"),
    ("English", "en", "I don't want to live anymore"),
    ("English", "en", "i dont want to live"),
    ("Nederlands", "nl", "ik wil er een einde aan maken"),
    ("Nederlands", "nl", "Ik denk aan zelfmoord."),
    ("العربية", "ar", "لا أريد أن أعيش"),
    ("العربية", "ar", "أفكر في الانتحار"),
]


@pytest.mark.parametrize(("language", "code", "typed"), CASES)
async def test_words_of_danger_as_an_answer_get_helplines_then_the_same_question(
    session: Session, language: str, code: str, typed: str,
) -> None:
    await session.say("root", "/start")
    await session.feed({"user": "root", "role": "admin"})
    question = await at_the_town_question(session, "amal", language)
    assert question["text"].startswith(TOWN[language])
    out = await session.say("amal", typed)
    mine = [line for line in out if line["to"] == "amal"]
    assert len(mine) == 2 and mine[0]["text"].startswith(INTRO[code])
    assert mine[1]["text"] == question["text"]  # the same question, nothing between
    assert "1813" in mine[0]["text"] and "112" in mine[0]["text"]
    assert "options" not in mine[0]
    assert labels(mine[1]) == labels(question)
    state = await state_of(session, "amal")
    assert "town" not in state["flows"]["intake_you"]["answers"]
    assert typed not in str(state)
    # The admin is told at once, marked urgent, and the person's words are not passed on.
    [alert] = await urgent_to(session, "root")
    assert typed not in alert and "simulate amal" in alert
    # The real answer is taken as usual afterwards.
    await session.say("amal", "Gent")
    state = await state_of(session, "amal")
    assert state["flows"]["intake_you"]["answers"]["town"] == "Gent"


async def test_persian_words_get_the_helplines_in_persian(session: Session) -> None:
    await session.say("root", "/start")
    await session.feed({"user": "root", "role": "coach"})
    question = await at_the_town_question(session, "omid")
    out = await session.say("omid", "دیگر نمی‌خواهم زندگی کنم", language_code="fa")
    mine = [line for line in out if line["to"] == "omid"]
    assert mine[0]["text"].startswith(INTRO["fa"])
    assert "Zelfmoordlijn" in mine[0]["text"] and "تماس بگیر" in mine[0]["text"]
    assert "زبان‌ها: Nederlands" in mine[0]["text"]  # which languages each line speaks
    assert "2026-11-24" in mine[0]["text"]  # and when it was checked
    assert mine[1]["text"] == question["text"] and len(mine) == 2
    out = await session.say("omid", "میخوام بمیرم")  # joined, without the non-joiner
    assert out[0]["text"].startswith(INTRO["fa"])
    assert "town" not in (await state_of(session, "omid"))["flows"]["intake_you"]["answers"]
    assert len(await urgent_to(session, "root")) == 2


@pytest.mark.parametrize(("language", "typed"), [
    ("English", "I want to dye my hair"),
    ("English", "I don't want to live in Brussels"),
    ("Nederlands", "doodgewoon Gent"),
    ("العربية", "أموت من الجوع"),
])
async def test_everyday_words_raise_no_alarm_and_are_taken_as_the_answer(
    session: Session, language: str, typed: str,
) -> None:
    await session.say("root", "/start")
    await session.feed({"user": "root", "role": "admin"})
    await at_the_town_question(session, "amal", language)
    out = await session.say("amal", typed)
    assert "1813" not in texts(out)
    assert (await state_of(session, "amal"))["flows"]["intake_you"]["answers"]["town"] == typed
    assert await urgent_to(session, "root") == []


async def test_persian_everyday_words_raise_no_alarm(session: Session) -> None:
    await at_the_town_question(session, "omid")
    out = await session.say("omid", "از خنده مردم، خودکار دارم", language_code="fa")
    assert "1813" not in texts(out)


async def test_the_persons_own_coach_is_told_and_not_everyone(session: Session) -> None:
    await session.say("sara", "/start")
    await session.say("root", "/start")
    await session.feed({"user": "root", "role": "admin"})
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal B."})
    out = await session.say("amal", "I want to die")
    assert out[0]["text"].startswith("You are not alone.")
    [alert] = await urgent_to(session, "sara")
    assert alert.startswith("🚨 URGENT: Amal B.")
    assert await urgent_to(session, "root") == []


async def test_the_first_message_of_all_gets_the_helplines_and_the_start(session: Session
                                                                          ) -> None:
    await session.say("sara", "/start")
    await session.feed({"user": "sara", "role": "coach"})
    out = await session.say("amal", "ik wil dood")
    mine = [line for line in out if line["to"] == "amal"]
    assert mine[0]["text"].startswith(INTRO["nl"])  # the language the words were in
    assert labels(mine[1])[:4] == ["English", "Nederlands", "Français", "العربية"]
    assert len(await urgent_to(session, "sara")) == 1


@pytest.mark.parametrize(("language", "hint", "typed", "note"), [
    ("English", None, "They did not hire me because I am a foreigner", "Unia gives free"),
    ("Nederlands", None, "Ze noemden me een vuile buitenlander", "Unia geeft er gratis"),
    ("العربية", None, "رفضوني بسبب حجابي", "تقدم Unia نصائح مجانية"),
    ("English", "fa", "چون خارجی هستم کار ندادند", "Unia در این باره"),
])
async def test_words_of_unfair_treatment_offer_advice_and_a_person_and_keep_the_answer(
    session: Session, language: str, hint: str | None, typed: str, note: str,
) -> None:
    await session.say("root", "/start")
    await session.feed({"user": "root", "role": "admin"})
    await at_the_town_question(session, "amal", language)
    extra = {"language_code": hint} if hint else {}
    out = await session.say("amal", typed, **extra)
    assert note in out[0]["text"] and "/person" in out[0]["text"]
    assert "1813" not in texts(out)
    assert (await state_of(session, "amal"))["flows"]["intake_you"]["answers"]["town"] == typed
    assert await urgent_to(session, "root") == []  # not urgent
