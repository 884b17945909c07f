"""After a talk with a coach: one smiley question; a tap or a typed number is kept once."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import handoffs
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import buttons_now, press_forged, press_stale
from tests.test_handoff import ask_for_a_coach, pool, to

FACES = ["😞 1", "🙁 2", "😐 3", "🙂 4", "😄 5"]


async def ended(session: Session) -> list:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    await session.press("sara", "✋ I take it")
    return await session.press("amal", "End the conversation")


async def rating(session: Session) -> object:
    [row] = await query(session.app, select(handoffs.c.rating))
    return row["rating"]


async def test_the_smiley_question_and_a_tap(session: Session) -> None:
    out = await ended(session)
    question = to(out, "amal")[-1]
    assert question["text"].endswith("Did the talk with the coach help you?")
    assert labels(question) == [*FACES, "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "handoff_rating"
    out = await session.press("amal", "😄 5")
    assert out[0]["text"].startswith("Thank you.")
    assert await rating(session) == 5
    assert (await state_of(session, "amal"))["at"] == "menu"


async def test_a_typed_number_counts_and_words_are_asked_again(session: Session) -> None:
    await ended(session)
    for typed in ("great", "7", "<b>5</b>" * 500):
        out = await session.say("amal", typed)
        assert out[0]["text"].startswith("Please tap a smiley."), \
            typed[:10]
        assert await rating(session) is None
    out = await session.say("amal", "2")
    assert out[0]["text"].startswith("Thank you.")
    assert await rating(session) == 2


async def test_forged_and_stale_faces_change_nothing(session: Session) -> None:
    await ended(session)
    faces = buttons_now(session, "amal")
    for forged in ("9", "0", "-1", "5.5"):
        out = await press_forged(session, "amal", forged)
        assert out[0]["text"].startswith("Please tap a smiley"), forged
    assert await rating(session) is None
    await session.press("amal", "🙂 4")
    out = await press_stale(session, "amal", faces, "😞 1")
    assert out[0]["text"].startswith("That button belongs to an earlier message.")
    assert await rating(session) == 4
