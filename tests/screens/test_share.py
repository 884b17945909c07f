"""May your coach see your profile? The question a newcomer gets once a coach is linked."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of


async def coach_id(session: Session) -> int:
    [row] = await query(session.app, select(users.c.id).where(users.c.external_id == "sara"))
    return int(row["id"])


async def test_the_share_question_must_be_answered_and_the_answer_is_kept(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    [question] = await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    assert question["text"].startswith("A coach will help you on your way to work.")
    assert labels(question) == ["Yes, my coach may see it", "No, keep it private"]
    state = await state_of(session, "amal")
    assert (state["at"], state["share_coach"]) == ("share", str(await coach_id(session)))
    out = await session.say("amal", "maybe")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "Yes, my coach may see it")
    assert out[0]["text"].startswith("Thank you. Your coach can now see your profile.")
    state = await state_of(session, "amal")
    assert state["coaches"] == {str(await coach_id(session)): True}
    assert "share_coach" not in state and state["at"] == "menu"
