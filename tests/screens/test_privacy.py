"""My data: what is kept, and the buttons to stop sharing or delete."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of


async def test_my_data_lists_what_is_kept_and_re_asks(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/privacy")
    text = out[-1]["text"]
    assert text.startswith("This is what I keep about you:\n- Your language: English")
    assert "Only you see this." in text
    assert labels(out[-1]) == [
        "Delete all my data", "📄 Export my data", "✅ Brug keeps my answers",
        "⬜ My coach may see my profile", "⬜ My coach may see my growth points",
        "✅ I get reminders", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "privacy"
    out = await session.say("amal", "what?")
    assert out[-1]["text"].startswith("Please choose one of the options: tap a button."
                                      "\n\nThis is what I keep about you:")
    out = await session.press("amal", "☰ Menu")
    assert (await state_of(session, "amal"))["at"] == "menu"
