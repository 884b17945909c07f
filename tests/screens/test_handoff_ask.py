"""Before a request goes to a coach: what the coach will see, and what may be sent. Nothing
reaches a coach until the newcomer chooses."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import handoffs
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_handoff import ask_for_a_coach, pool, text_to, to


async def asked(session: Session) -> dict:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    [summary] = await ask_for_a_coach(session, "amal")
    return summary


async def test_the_summary_comes_first_and_nothing_is_sent(session: Session) -> None:
    summary = await asked(session)
    assert summary["text"].startswith("A coach can talk with you here in the chat. Coaches are "
                                      "people, often volunteers. I will send them:\n- Why: ")
    assert "- Your language: English" in summary["text"]
    assert summary["text"].endswith("What may I send?")
    assert labels(summary) == ["✅ Send", "☑ Steps to a job", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "handoff_ask"
    assert await query(session.app, select(handoffs)) == []


async def test_only_why_and_the_language_goes_to_the_pool(session: Session) -> None:
    await asked(session)
    out = await session.press("amal", "☑ Steps to a job")
    assert labels(out[0]) == ["✅ Send", "☐ Steps to a job", "☰ Menu"]
    out = await session.press("amal", "✅ Send")
    assert "Your steps to a job" not in text_to(out, "sara")
    assert to(out, "sara")
    [row] = await query(session.app, select(handoffs.c.closed_at))
    assert row["closed_at"] is None


async def test_typed_and_forged_answers_open_no_request(session: Session) -> None:
    await asked(session)
    for typed in ("please send", "<script>send()</script>", "s" * 5000):
        out = await session.say("amal", typed)
        assert out[0]["text"].startswith("Please choose one of the options"), typed[:10]
        assert to(out, "sara") == []
    out = await press_forged(session, "amal", "send_everything")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert to(out, "sara") == []
    assert await query(session.app, select(handoffs)) == []
