"""A new time for a newcomer who cannot come: the coach's other times, or none of them; a time
that was not offered is never taken."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import appointments
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import buttons_now, press_forged, press_stale
from tests.test_appointments import linked, plan, to

OTHERS = ["Thursday 8 January 2026, 10:00", "Friday 9 January 2026, 16:00"]


async def at_the_choice(session: Session) -> dict:
    await linked(session, language="English")
    await plan(session, "07/01 14:30", others=("08/01 10:00", "09/01 16:00"))
    out = await session.press("amal", "I can't come")
    return to(out, "amal")[-1]


async def test_the_other_times_are_offered_and_one_is_taken(session: Session) -> None:
    choice = await at_the_choice(session)
    assert choice["text"] == ("I told your coach that you cannot come.\n\n"
                              "Your coach proposed other times. Which one suits you?")
    assert labels(choice) == [*OTHERS, "None of these", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "appointment_move"
    out = await session.press("amal", OTHERS[0])
    assert to(out, "amal")[0]["text"].startswith(
        "Your new time with your coach:\n🗓 Thursday 8 January 2026, 10:00")
    assert to(out, "sara")[0]["text"].startswith("📅 Amal chose a new time:")
    [row] = await query(session.app, select(appointments))
    assert row["status"] == "planned"
    assert row["starts_at"].isoformat() == "2026-01-08T09:00:00+00:00"


async def test_none_of_these_leaves_it_to_the_coach(session: Session) -> None:
    await at_the_choice(session)
    out = await session.press("amal", "None of these")
    assert out[0]["text"].startswith("Your coach will propose a new time.")
    assert to(out, "sara") == []
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "cant_come"


async def test_typed_forged_and_stale_choices_move_nothing(session: Session) -> None:
    await at_the_choice(session)
    choice = buttons_now(session, "amal")
    for typed in ("next week", "<i>Friday</i>", "9" * 5000):
        out = await session.say("amal", typed)
        assert out[0]["text"].startswith("Please choose one of the options"), typed[:10]
    for forged in ("time2", "time99", "time-1", "timex"):
        out = await press_forged(session, "amal", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "cant_come"
    await session.press("amal", OTHERS[1])
    out = await press_stale(session, "amal", choice, OTHERS[0])
    assert out[0]["text"].startswith("That button belongs to an earlier message.")
    assert to(out, "sara") == []
    [row] = await query(session.app, select(appointments))
    assert row["starts_at"].isoformat() == "2026-01-09T15:00:00+00:00"
