"""My conversations, for a coach: the open ones (a button chooses whom to write to) and the
notes on closed ones. A button for someone else's conversation relays nothing."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_handoff import ask_for_a_coach, pool, text_to, to


async def my_conversations(session: Session, coach: str = "sara") -> list:
    await session.say(coach, "/menu")
    return await session.press(coach, "My conversations")


async def test_with_none_open_the_coach_is_told_so(session: Session) -> None:
    await pool(session, ("sara", "English"))
    out = await my_conversations(session)
    assert out[-1]["text"] == "You have no open conversations."
    assert labels(out[-1]) == ["☰ Menu"]
    assert (await state_of(session, "sara"))["at"] == "conversations"
    out = await session.say("sara", "<b>hello</b>" * 500)
    assert out[0]["text"].startswith("Please choose one of the options")


async def test_an_open_conversation_is_listed_and_chosen(session: Session) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    await session.press("sara", "✋ I take it")
    out = await my_conversations(session)
    assert out[-1]["text"] == "Your open conversations. Tap one to write to that person."
    assert labels(out[-1]) == ["✍ amal #1", "☰ Menu"]
    out = await session.press("sara", "✍ amal #1")
    assert text_to(out, "sara") == "What you write now goes to amal (#1)."
    out = await session.say("sara", "Hello Amal")
    assert "Hello Amal" in text_to(out, "amal")


async def test_someone_elses_conversation_cannot_be_chosen(session: Session) -> None:
    await pool(session, ("sara", "English"), ("omid", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    await session.press("omid", "✋ I take it")
    [write] = [o["id"] for o in (await my_conversations(session, "omid"))[-1]["options"]
               if o["label"].startswith("✍")]
    await my_conversations(session, "sara")
    out = await press_forged(session, "sara", write)
    assert "What you write now goes to amal" not in text_to(out, "sara")
    out = await session.say("sara", "I am not your coach")
    assert to(out, "amal") == []
    out = await session.say("amal", "/menu")
    assert "My conversations" not in labels(out[-1])
