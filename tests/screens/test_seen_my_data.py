"""Who saw my data: under My data once a coach opened the person's profile, with a way back."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of


async def test_who_saw_my_data_lists_each_look_and_goes_back(session: Session) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    await session.press("sara", "Amal", name="Sara")
    await session.press("sara", "Amal", name="Sara")
    await session.say("amal", "/privacy")
    [seen] = await session.press("amal", "👁 Who saw my data")
    assert seen["text"].count("Sara saw your profile and steps") == 2
    assert (await state_of(session, "amal"))["at"] == "seen_my_data"
    out = await session.press("amal", "⬅ My data")
    assert out[-1]["text"].startswith("This is what I keep about you:")
    assert "👁 Who saw my data" in labels(out[-1])
