"""My newcomers: a coach's list of the people linked to them."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of


async def test_a_coach_lists_newcomers_and_opens_one(session: Session) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert out[-1]["text"].startswith("Your newcomers:\nAmal: 0 of ")
    assert labels(out[-1])[0] == "Amal" and labels(out[-1])[-1] == "☰ Menu"
    assert (await state_of(session, "sara"))["at"] == "coach"
    out = await session.say("sara", "Bob")
    assert out[-1]["text"].startswith("Please choose one of the options")
    [profile, again] = await session.press("sara", "Amal")
    assert profile["text"].startswith("Profile of Amal:")
    assert labels(again) == labels(out[-1])


async def test_someone_who_is_no_coach_has_no_newcomer_list(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert "My newcomers" not in labels(out[-1])
