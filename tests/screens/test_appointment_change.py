"""A coach cancels or moves a meeting still ahead: keeping it changes nothing, a time that
cannot be read or lies in the past is asked again, and a forged press changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import appointments
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_appointments import plan
from tests.test_coach_care import linked, to


async def meeting_opened(session: Session, change: str) -> dict:
    await linked(session)
    await plan(session, "08/01 10:00")
    await session.say("sara", "/menu")
    await session.press("sara", "My meetings")
    await session.press("sara", 1)
    return (await session.press("sara", change))[-1]


async def stored(session: Session) -> list[dict]:
    return await query(session.app, select(appointments.c.status, appointments.c.starts_at))


async def test_cancel_asks_once_more_and_keeping_it_changes_nothing(session: Session) -> None:
    screen = await meeting_opened(session, "🗑 Cancel it")
    assert screen["text"].startswith("Cancel your meeting with Amal?\n")
    assert "Amal is told in their own language." in screen["text"]
    assert labels(screen)[:2] == ["🗑 Yes, cancel it", "⬅ Keep it as it is"]
    assert (await state_of(session, "sara"))["at"] == "appointment_change"
    before = await stored(session)
    out = await session.press("sara", "⬅ Keep it as it is")
    assert to(out, "amal") == []
    assert (await state_of(session, "sara"))["at"] == "coach_appointments"
    assert await stored(session) == before and before[0]["status"] == "planned"


async def test_moving_asks_again_for_a_time_it_cannot_read_or_in_the_past(
    session: Session,
) -> None:
    screen = await meeting_opened(session, "🕑 Move it")
    assert screen["text"].startswith("Move your meeting with Amal:\n")
    assert screen["text"].endswith("When is the new time? Type the day and the hour, like "
                                   "14/01 14:30.")
    before = await stored(session)
    for wrong in ("tomorrow-ish", "01/01/2026 09:00", "<b>32/13 25:61</b>", "٠٩/٠١ ٩٩:٩٩"):
        out = await session.say("sara", wrong)
        assert out[0]["text"].startswith(
            "I did not understand that. A time in the future, please."), wrong
        assert to(out, "amal") == []
    assert await stored(session) == before
    assert (await state_of(session, "sara"))["at"] == "appointment_change"


async def test_a_forged_press_cancels_nothing(session: Session) -> None:
    await meeting_opened(session, "🕑 Move it")
    before = await stored(session)
    out = await press_forged(session, "sara", "yes_cancel")
    assert out[0]["text"].startswith("Please choose one of the options") or \
        out[0]["text"].startswith("I did not understand that.")
    assert to(out, "amal") == []
    assert await stored(session) == before
