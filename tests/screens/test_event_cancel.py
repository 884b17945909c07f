"""Cancel an event? No goes back to it; yes tells everyone on its list. The question must be
answered with a button, and its buttons work once."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import buttons_now, press_forged, press_stale
from tests.screens.test_event_admin import ADMIN_BUTTONS, open_event
from tests.test_events import make_event, make_organiser, stored_events


async def at_the_question(session: Session) -> list:
    await make_organiser(session)
    payload, _ = await make_event(session)
    await session.onboard("ed")
    await session.say("ed", f"/start {payload}")
    await session.press("ed", "Join")
    await open_event(session)
    return await session.press("olga", "Cancel the event")


async def test_no_keeps_the_event_and_goes_back_to_it(session: Session) -> None:
    out = await at_the_question(session)
    assert out[-1]["text"] == ("Cancel Jobdate Oostende? Everyone on its list gets a message "
                               "now. This cannot be undone.")
    assert labels(out[-1]) == ["Yes, cancel it", "No, keep it"]  # no menu: answer it
    assert (await state_of(session, "olga"))["at"] == "event_cancel_ask"
    out = await session.press("olga", "No, keep it")
    assert [line["to"] for line in out] == ["olga"]
    assert labels(out[-1]) == ADMIN_BUTTONS
    [row] = await stored_events(session)
    assert row["cancelled_at"] is None


async def test_typed_forged_and_stale_answers_cancel_nothing_twice(session: Session) -> None:
    await at_the_question(session)
    question = buttons_now(session, "olga")
    for typed in ("sure", "<b>yes</b>", "y" * 5000):
        out = await session.say("olga", typed)
        assert out[0]["text"].startswith("Please choose one of the options"), typed[:10]
    out = await press_forged(session, "olga", "cancel_everything")
    assert out[0]["text"].startswith("Please choose one of the options")
    [row] = await stored_events(session)
    assert row["cancelled_at"] is None
    out = await session.press("olga", "Yes, cancel it")
    assert sorted({line["to"] for line in out}) == ["ed", "olga"]
    [row] = await stored_events(session)
    assert row["cancelled_at"] is not None
    # The question's button again: it belongs to an earlier message; nobody is told twice.
    out = await press_stale(session, "olga", question, "Yes, cancel it")
    assert out[0]["text"].startswith("That button belongs to an earlier message.")
    assert [line["to"] for line in out] == ["olga"]
