"""My meetings, for a coach: the latest first; a meeting's card, other times while it waits,
and marking a past one as came or did not come. Buttons that were not shown mark nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import appointments
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_appointments import linked, plan


async def my_meetings(session: Session, user: str = "sara") -> list:
    await session.say(user, "/menu")
    return await session.press(user, "My meetings")


async def test_without_meetings_the_coach_is_told_to_plan_one(session: Session) -> None:
    await linked(session, language="English")
    out = await my_meetings(session)
    assert out[-1]["text"] == "You have no meetings yet. Plan one from the menu."
    assert labels(out[-1]) == ["☰ Menu"]
    assert (await state_of(session, "sara"))["at"] == "coach_appointments"
    out = await session.say("amal", "/menu")
    assert "My meetings" not in labels(out[-1])


async def test_a_meeting_opens_and_once_past_is_marked(session: Session) -> None:
    await linked(session, language="English")
    await plan(session, "07/01 14:30")
    out = await my_meetings(session)
    assert labels(out[-1]) == ["Amal, Wednesday 7 January 2026, 14:30", "☰ Menu"]
    out = await session.press("sara", 1)
    assert out[-1]["text"].startswith("Your meeting with Amal:\n🗓 Wednesday 7 January 2026")
    assert labels(out[-1]) == ["➕ Other times", "🕑 Move it", "🗑 Cancel it", "⬅ All meetings",
                              "☰ Menu"]
    # Not yet held: it cannot be marked, even with a forged button.
    out = await press_forged(session, "sara", "mark_no_show")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.say("sara", "they came")
    assert out[0]["text"].startswith("Please choose one of the options")
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "planned"
    await session.advance("P3D")
    out = await my_meetings(session)
    out = await session.press("sara", 1)
    assert labels(out[-1]) == ["✅ They came", "❌ They did not come", "⬅ All meetings",
                               "☰ Menu"]
    out = await session.press("sara", "They came")
    assert out[0]["text"].startswith("Noted.")
    assert labels(out[-1]) == ["✅ Amal, Wednesday 7 January 2026, 14:30", "☰ Menu"]
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "came"


async def test_another_coachs_meeting_does_not_open(session: Session) -> None:
    await linked(session, language="English")
    await plan(session, "07/01 14:30")
    [row] = await query(session.app, select(appointments.c.id))
    await session.onboard("omid")
    await session.onboard("tom")
    await session.feed({"user": "tom", "link": "omid", "label": "Omid"})
    await my_meetings(session, "tom")
    out = await press_forged(session, "tom", f"appt{row['id']}")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert "Amal" not in out[-1]["text"] and "VDAB" not in out[-1]["text"]
    assert (await state_of(session, "tom")).get("shown", {}).get("coach_appointment") is None
