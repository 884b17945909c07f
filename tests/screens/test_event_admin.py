"""One of the organiser's own events: what it is, its counts and reminders; the link again,
the reminders, or cancelling. Another organiser's event does not open."""

from __future__ import annotations

from typing import Any

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_events import make_event, make_organiser, stored_events

ADMIN_BUTTONS = ["📊 Results", "🔗 Link and QR code", "🔔 Change the reminders",
                 "🚫 Cancel the event", "☰ Menu"]


async def open_event(session: Session, user: str = "olga") -> list[dict[str, Any]]:
    await session.say(user, "/menu")
    await session.press(user, "My events")
    return await session.press(user, "Jobdate Oostende")


async def test_the_event_shows_its_counts_and_reminders(session: Session) -> None:
    await make_organiser(session)
    await make_event(session)
    out = await open_event(session)
    text = out[-1]["text"]
    assert text.startswith("Jobdate Oostende\nJobdate\n\n🗓 When: Tuesday 20 January 2026")
    assert "Joined: 0 of 2 · Waiting: 0 · Left: 0" in text
    assert text.endswith("Reminders: A week before, The day before at 18:00, Two hours before")
    assert labels(out[-1]) == ADMIN_BUTTONS
    state = await state_of(session, "olga")
    [event] = await stored_events(session)
    assert (state["at"], state["shown"]["event_id"]) == ("event_admin", event["id"])


async def test_the_link_comes_again_with_its_qr_code(session: Session) -> None:
    await make_organiser(session)
    await make_event(session)
    await open_event(session)
    out = await session.press("olga", "Link and QR code")
    assert out[0]["text"].startswith("The link to your event:\nhttps://t.me/brug_bot?start=e_")
    [image] = [line for line in out if line.get("kind") == "image"]
    assert image["caption"] in out[0]["text"]
    assert labels(out[-1]) == ADMIN_BUTTONS


async def test_another_organisers_event_does_not_open(session: Session) -> None:
    await make_organiser(session, "olga")
    await make_organiser(session, "piet")
    await make_event(session, "olga")
    [event] = await stored_events(session)
    await session.say("piet", "/menu")
    await session.press("piet", "My events")
    out = await press_forged(session, "piet", f"org{event['id']}")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert (await state_of(session, "piet"))["at"] == "my_events"
    assert "Jobdate Oostende" not in out[-1]["text"]


async def test_a_cancelled_event_shows_no_actions(session: Session) -> None:
    await make_organiser(session)
    await make_event(session)
    await open_event(session)
    await session.press("olga", "Cancel the event")
    await session.press("olga", "Yes, cancel it")
    out = await open_event(session)
    assert out[-1]["text"].endswith("This event was cancelled.")
    assert labels(out[-1]) == ["☰ Menu"]
    out = await press_forged(session, "olga", "event_cancel")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.say("olga", "cancel it again")
    assert out[0]["text"].startswith("Please choose one of the options")
