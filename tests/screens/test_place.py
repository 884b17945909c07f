"""Where a person is: a screen kept for later (an event link opened by someone new) is shown
once the first conversation is done, and only once; a stored place that no longer exists is
covered by test_dispatch."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.test_events import make_event, make_organiser


async def test_a_screen_kept_during_onboarding_is_shown_after_it_once(session: Session) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session)
    out = await session.say("amal", f"/start {payload}")
    assert labels(out[-1])[0] == "English"  # the first conversation comes first
    state = await state_of(session, "amal")
    assert state["then"]["place"] == "event_view"
    await session.press("amal", "English")
    await session.press("amal", 1)
    out = await session.press("amal", 1)
    assert out[-1]["text"].startswith("Thank you. You can change your mind at any time.\n\n"
                                      "Jobdate Oostende\n")
    assert labels(out[-1])[0] == "✅ Join"
    state = await state_of(session, "amal")
    assert state["at"] == "event_view" and state.get("then") is None
    out = await session.say("amal", "/menu")
    assert "Jobdate Oostende" not in out[-1]["text"]
    out = await session.say("amal", "hello")
    assert all(not line.get("text", "").startswith("Jobdate Oostende") for line in out)
