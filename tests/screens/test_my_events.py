"""My events: an organiser's own events with their counts and a New event button; a
newcomer's joined events; buttons that were not shown open nothing."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_events import make_event, make_organiser, stored_events


async def open_my_events(session: Session, user: str) -> list:
    await session.say(user, "/menu")
    return await session.press(user, "My events")


async def test_an_organiser_without_events_gets_a_new_event_button(session: Session) -> None:
    await make_organiser(session)
    out = await open_my_events(session, "olga")
    assert out[-1]["text"] == "You have made no events yet."
    assert labels(out[-1]) == ["➕ New event", "☰ Menu"]
    assert (await state_of(session, "olga"))["at"] == "my_events"
    out = await session.press("olga", "New event")
    assert out[-1]["text"] == "A new event. What is it called? Type its title."


async def test_the_organiser_and_a_newcomer_each_see_their_own_side(session: Session) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session)
    out = await open_my_events(session, "olga")
    assert out[-1]["text"] == ("Your events:\n\n• Jobdate Oostende, 20 Jan, 14:00\n"
                               "  Joined: 0 of 2 · Waiting: 0 · Left: 0")
    assert labels(out[-1]) == ["➕ New event", "⚙️ Jobdate Oostende", "☰ Menu"]
    await session.onboard("ed")
    await session.say("ed", f"/start {payload}")
    await session.press("ed", "Join")
    out = await open_my_events(session, "ed")
    assert out[-1]["text"] == "Events you joined:\n\n• Jobdate Oostende, 20 Jan, 14:00"
    assert labels(out[-1]) == ["📅 Jobdate Oostende", "☰ Menu"]
    out = await session.press("ed", "Jobdate Oostende")
    assert "✅ You are on the list." in out[-1]["text"]


async def test_a_forged_organiser_button_opens_nothing_for_a_newcomer(session: Session) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session)
    [event] = await stored_events(session)
    await session.onboard("ed")
    await session.say("ed", f"/start {payload}")
    await session.press("ed", "Join")
    await open_my_events(session, "ed")
    for forged in (f"org{event['id']}", "event_new_one", "att999999"):
        out = await press_forged(session, "ed", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
        assert labels(out[-1]) == ["📅 Jobdate Oostende", "☰ Menu"]
        assert (await state_of(session, "ed"))["at"] == "my_events"
    out = await session.say("ed", "<b>New event</b>")
    assert out[0]["text"].startswith("Please choose one of the options")


async def test_an_event_long_past_leaves_the_list(session: Session) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session)
    await session.onboard("ed")
    await session.say("ed", f"/start {payload}")
    await session.press("ed", "Join")
    await session.advance("P17D")  # the event was on 20 January; now it is 22 January
    out = await open_my_events(session, "ed")
    assert out[-1]["text"].startswith("You have not joined any events yet.")
    assert labels(out[-1]) == ["☰ Menu"]
