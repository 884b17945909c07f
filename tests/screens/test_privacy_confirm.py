"""The one confirmation before everything about a person is deleted."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of


async def test_no_keeps_everything_and_yes_deletes_it(session: Session) -> None:
    await session.onboard("amal")
    await session.say("amal", "/privacy")
    out = await session.press("amal", "Delete all my data")
    assert out[-1]["text"].startswith("Are you sure?")
    # A question to answer: no Menu button.
    assert labels(out[-1]) == ["Yes, delete everything", "No, keep it"]
    assert (await state_of(session, "amal"))["at"] == "privacy_confirm"
    out = await session.press("amal", "No, keep it")
    assert out[-1]["text"].startswith("Good, nothing was deleted.")
    await session.say("amal", "/privacy")
    await session.press("amal", "Delete all my data")
    out = await session.say("amal", "1")
    assert out[-1]["text"].startswith("Done. I deleted everything I kept about you.")
    assert await query(session.app, select(users.c.id)) == []
