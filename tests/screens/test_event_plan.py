"""When the people on an event's list get a reminder: each point toggled, then saved; only
Save stores the plan."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.screens.test_event_admin import open_event
from tests.test_events import make_event, make_organiser, stored_events


async def at_the_plan(session: Session) -> list:
    await make_organiser(session)
    await make_event(session)
    await open_event(session)
    return await session.press("olga", "Change the reminders")


async def test_points_toggle_and_save_stores_them(session: Session) -> None:
    out = await at_the_plan(session)
    assert out[-1]["text"].startswith("When do the people on the list get a reminder?")
    assert labels(out[-1]) == ["✅ A week before", "▫️ Two days before",
                               "✅ The day before at 18:00", "▫️ On the day at 8:00",
                               "✅ Two hours before", "💾 Save", "☰ Menu"]
    await session.press("olga", "A week before")
    out = await session.press("olga", "Two days before")
    assert labels(out[-1])[:2] == ["▫️ A week before", "✅ Two days before"]
    [row] = await stored_events(session)
    assert row["reminder_plan"] == ["week", "eve", "two_hours"]  # nothing saved yet
    out = await session.press("olga", "Save")
    assert out[0]["text"] == "The reminders are changed."
    [row] = await stored_events(session)
    assert row["reminder_plan"] == ["two_days", "eve", "two_hours"]
    assert (await state_of(session, "olga"))["at"] == "menu"


async def test_no_reminders_at_all_reads_none(session: Session) -> None:
    await at_the_plan(session)
    for point in ("A week before", "The day before at 18:00", "Two hours before"):
        await session.press("olga", point)
    await session.press("olga", "Save")
    [row] = await stored_events(session)
    assert row["reminder_plan"] == []
    out = await open_event(session)
    assert out[-1]["text"].endswith("Reminders: none")


async def test_forged_points_and_typed_words_change_nothing(session: Session) -> None:
    await at_the_plan(session)
    for forged in ("every_minute", "plan_save_all", ""):
        out = await press_forged(session, "olga", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
    out = await session.say("olga", "every hour please " * 300)
    assert out[0]["text"].startswith("Please choose one of the options")
    state = await state_of(session, "olga")
    assert state["shown"]["event_plan"] == ["week", "eve", "two_hours"]
    await session.press("olga", "Save")
    [row] = await stored_events(session)
    assert row["reminder_plan"] == ["week", "eve", "two_hours"]
