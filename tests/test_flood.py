"""Flood control: more than 20 messages in 10 seconds from one person get one polite line and
a short pause; messages in the pause get nothing and change nothing; then all is as before."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, query

PAUSED = "You are sending me many messages at once. I take a short break: write again in a minute."


@pytest.fixture
async def session(database: str) -> AsyncIterator[Session]:
    """A session with flood control on, as `brug simulate` and `brug run` have it."""
    sim = await Session.open(database, flood=True)
    yield sim
    await sim.close()


async def state(session: Session, user: str) -> dict[str, object]:
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    return dict(row["state"])


async def test_a_flood_gets_one_polite_line_and_a_pause_never_a_block(session: Session) -> None:
    await session.onboard("amal")  # 4 messages
    for _ in range(16):
        out = await session.say("amal", "/menu")
        assert out and out[0]["text"] != PAUSED
    assert await session.say("omid", "/start")  # someone else is not held up
    before = await state(session, "amal")
    [line] = await session.say("amal", "/menu")  # the 21st within 10 seconds
    assert line["text"] == PAUSED and "options" not in line
    for text in ("/privacy", "hello", "/start"):
        assert await session.say("amal", text) == []
    assert await state(session, "amal") == before  # nothing changed in the pause
    await session.advance("PT20S")
    assert await session.say("amal", "/menu") == []  # still in the pause
    await session.advance("PT11S")
    out = await session.say("amal", "/privacy")
    assert out[0]["text"].startswith("This is what I keep about you:")


async def test_messages_spread_over_time_are_never_paused(session: Session) -> None:
    await session.onboard("amal")
    for _ in range(40):
        await session.advance("PT1S")
        out = await session.say("amal", "/menu")
        assert out[0]["text"] != PAUSED
