"""May Brug keep your data? Asked after a long silence; it must be answered with a button:
keep it, or delete it (which asks once more)."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged

ASKED = "You have not written to me for a long time. May I keep what I know about you?"


async def people(session: Session) -> list[str]:
    return [row["external_id"] for row in await query(session.app, select(users.c.external_id))]


async def asked(session: Session) -> dict:
    await session.onboard("amal")
    [question] = await session.advance("P366D")
    return question


async def test_the_question_has_two_answers_and_no_menu(session: Session) -> None:
    question = await asked(session)
    assert question["text"].startswith(ASKED)
    assert question["text"].endswith("Without an answer, I delete it in 30 days.")
    assert labels(question) == ["Yes, keep my data", "Delete all my data"]
    assert (await state_of(session, "amal"))["at"] == "keep_data"
    out = await session.press("amal", "Yes, keep my data")
    assert out[0]["text"].startswith("Good. I keep your data.")
    assert (await state_of(session, "amal"))["at"] == "menu"
    assert await people(session) == ["amal"]


async def test_delete_asks_once_more_before_anything_goes(session: Session) -> None:
    await asked(session)
    out = await session.press("amal", "Delete all my data")
    assert out[-1]["text"].startswith("Are you sure? I will delete everything I keep about you")
    assert labels(out[-1]) == ["Yes, delete everything", "No, keep it"]
    assert (await state_of(session, "amal"))["at"] == "privacy_confirm"
    assert await people(session) == ["amal"]
    await session.press("amal", "Yes, delete everything")
    assert await people(session) == []


async def test_forged_and_typed_answers_delete_nothing(session: Session) -> None:
    await asked(session)
    for forged in ("delete_now", "erase", "privacy_delete_confirmed"):
        out = await press_forged(session, "amal", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
        assert labels(out[-1]) == ["Yes, keep my data", "Delete all my data"]
    out = await session.say("amal", "<b>delete</b> " * 800)
    assert out[0]["text"].startswith("Please choose one of the options")
    assert (await state_of(session, "amal"))["at"] == "keep_data"
    assert await people(session) == ["amal"]
