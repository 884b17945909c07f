"""The audit trail of a request: each coach told of it, and the coach who takes it, saw the
newcomer's summary, and the newcomer reads that under "Who saw my data"."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import data_views
from tests.harness import Session, query
from tests.test_handoff import ask_for_a_coach, pool


async def test_the_notice_and_the_claim_are_in_the_newcomers_trail(session: Session) -> None:
    await pool(session, ("sara", "English"), ("omid", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal", name="Amal")
    await session.press("amal", "✅ Send", name="Amal")
    rows = await query(session.app, select(data_views.c.viewer_name, data_views.c.what)
                       .order_by(data_views.c.id))
    # Two coaches were shown the summary; neither has given a name yet.
    assert rows == [{"viewer_name": "", "what": "summary"}] * 2
    await session.press("omid", "✋ I take it", name="Omid Karimi")
    await session.say("amal", "/privacy")
    [seen] = await session.press("amal", "👁 Who saw my data")
    assert seen["text"].count("a coach saw your request for a coach") == 2
    assert "Omid saw your request for a coach" in seen["text"]
    assert "left Brug" not in seen["text"]


async def test_a_coach_named_once_is_named_at_the_next_notice(session: Session) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await session.onboard("bilal", language="English")
    await ask_for_a_coach(session, "amal", name="Amal")
    await session.press("amal", "✅ Send", name="Amal")
    await session.press("sara", "✋ I take it", name="Sara")
    await ask_for_a_coach(session, "bilal", name="Bilal")
    await session.press("bilal", "✅ Send", name="Bilal")
    await session.say("bilal", "/privacy")
    [seen] = await session.press("bilal", "👁 Who saw my data")
    assert "Sara saw your request for a coach" in seen["text"]
