"""An event as a newcomer sees it: join it, be on the list or the waiting list, say they
cannot come; a started event takes no one, and a join button that was not shown does
nothing."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_events import make_event, make_organiser, statuses, stored_events


async def an_event(session: Session) -> str:
    await make_organiser(session)
    payload, _ = await make_event(session)
    return payload


async def test_a_link_opens_the_event_and_join_puts_them_on_the_list(session: Session) -> None:
    payload = await an_event(session)
    await session.onboard("ed")
    out = await session.say("ed", f"/start {payload}")
    assert "Jobdate Oostende\nJobdate\n\n🗓 When: Tuesday 20 January 2026, 14:00 – 16:30" \
        in out[-1]["text"]
    assert labels(out[-1]) == ["✅ Join", "☰ Menu"]
    [event] = await stored_events(session)
    state = await state_of(session, "ed")
    assert (state["at"], state["shown"]["event_id"]) == ("event_view", event["id"])
    out = await session.press("ed", "Join")
    assert out[0]["text"].startswith("You joined: Jobdate Oostende.")
    assert await statuses(session) == {"ed": "joined"}
    out = await session.say("ed", f"/start {payload}")
    assert "✅ You are on the list." in out[-1]["text"]
    assert labels(out[-1]) == ["❌ I can't come", "☰ Menu"]
    out = await session.press("ed", "I can't come")
    assert await statuses(session) == {"ed": "left"}


async def test_a_full_event_offers_the_waiting_list(session: Session) -> None:
    payload = await an_event(session)  # two places
    for person in ("ed", "nora"):
        await session.onboard(person)
        await session.say(person, f"/start {payload}")
        await session.press(person, "Join")
    await session.onboard("amal")
    out = await session.say("amal", f"/start {payload}")
    assert "This event is full. You can join the waiting list." in out[-1]["text"]
    assert labels(out[-1]) == ["⏳ Join the waiting list", "☰ Menu"]
    await session.press("amal", "Join the waiting list")
    out = await session.say("amal", f"/start {payload}")
    assert "⏳ You are on the waiting list." in out[-1]["text"]
    assert labels(out[-1]) == ["❌ Leave the waiting list", "☰ Menu"]
    assert await statuses(session) == {"ed": "joined", "nora": "joined", "amal": "waiting"}


async def test_a_started_event_takes_no_one_even_with_a_forged_button(session: Session) -> None:
    payload = await an_event(session)
    await session.onboard("ed")
    await session.advance("P15DT4H")  # 20 January, 13:00 UTC: it starts
    out = await session.say("ed", f"/start {payload}")
    assert out[-1]["text"].endswith("This event has started already.")
    assert labels(out[-1]) == ["☰ Menu"]
    out = await press_forged(session, "ed", "event_join")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.say("ed", "<b>Join</b>")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert await statuses(session) == {}


async def test_a_garbled_event_link_opens_no_event(session: Session) -> None:
    payload = await an_event(session)
    await session.onboard("ed")
    out = await session.say("ed", f"/start {payload[:-3]}xyz")
    assert out[0]["text"].startswith("This link does not work.")
    assert (await state_of(session, "ed"))["at"] == "menu"
    out = await session.say("ed", "/start e_" + "A" * 3000)
    assert out[0]["text"].startswith("This link does not work.")
    assert await statuses(session) == {}
