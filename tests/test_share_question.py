"""May your coach see your profile? The triggered flow (content/share.yaml) a newcomer gets
once a coach is linked: one run per coach, and the answer kept in the coach links only."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import coach_links, reminders, users
from bot.types import Incoming
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.test_deep_links import LINKED, coach_link


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
    sara = str(await coach_id(session))
    assert (state["at"], state["flow"], state["instance"]) == ("flow", "share", sara)
    out = await session.say("amal", "maybe")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "Yes, my coach may see it")
    assert out[0]["text"].startswith("Thank you. Your coach can now see your profile.")
    state = await state_of(session, "amal")
    assert state["at"] == "menu" and "coaches" not in state
    assert state["instances"]["share"][sara]["answers"] == {"share": "share"}
    [link] = await query(session.app, select(coach_links.c.shared_at))
    assert link["shared_at"] is not None


async def test_a_coach_link_asks_the_share_question_in_the_same_update(
    session: Session,
) -> None:
    """On Telegram no reminder sweep runs between the link and the question: it comes with
    the reply to /start."""
    await session.onboard("sara")
    await session.onboard("amal")
    payload = await coach_link(session)
    handled = await session.app.handle(Incoming(
        channel="simulate", user="amal", time=session.clock.now(), kind="command",
        command="start", payload=payload))
    assert handled.replies[0].text.startswith(LINKED)
    assert handled.replies[-1].text.startswith("A coach will help you on your way to work.")
    assert await query(session.app, select(reminders).where(
        reminders.c.kind == "share_request")) == []
    state = await state_of(session, "amal")
    assert (state["at"], state["flow"]) == ("flow", "share")
