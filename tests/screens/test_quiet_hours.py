"""Quiet hours: a coach chooses or types their hours, or turns them off; newcomers have none."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import coach_desks
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of


async def test_a_coach_chooses_types_and_turns_off_quiet_hours(session: Session) -> None:
    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    [screen] = await session.press("sara", "🌙 Quiet hours")
    assert screen["text"].startswith("🌙 Quiet hours: off.")
    assert labels(screen) == ["18:00-08:00", "20:00-08:00", "21:00-07:00", "22:00-07:00",
                              "22:00-08:00", "No quiet hours", "⬅ My newcomers", "☰ Menu"]
    assert (await state_of(session, "sara"))["at"] == "quiet_hours"
    await session.press("sara", "22:00-07:00")
    assert await query(session.app, select(coach_desks.c.quiet_from,
                                           coach_desks.c.quiet_until)) == [
        {"quiet_from": "22:00", "quiet_until": "07:00"}]
    await session.press("sara", "🌙 Quiet hours")
    out = await session.say("sara", "23h15-6.45")
    assert "🌙 Quiet hours: 23:15-06:45 (Belgian time)." in out[-1]["text"]
    await session.press("sara", "🌙 Quiet hours")
    out = await session.press("sara", "No quiet hours")
    assert "🌙 Quiet hours: off." in out[-1]["text"]
    assert (await state_of(session, "sara"))["at"] == "coach"


async def test_a_newcomer_has_no_quiet_hours(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert not any("Quiet" in label for label in labels(out[-1]))
