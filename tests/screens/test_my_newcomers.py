"""My newcomers, a coach's home (place "coach"): the people linked to them, the requests and
conversations view, and a way back from each."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged


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


async def test_the_requests_view_says_when_nothing_waits_and_leads_back(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert out[-1]["text"].startswith("Nobody is linked to you yet.")
    out = await session.press("sara", "💬 Requests and conversations (0)")
    assert out[-1]["text"] == ("No request waits for a coach, and you have no open "
                               "conversations.")
    assert labels(out[-1])[0] == "⬅ My newcomers"
    # A forged request button (a request id never shown) opens nothing.
    out = await press_forged(session, "sara", "req1")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.press("sara", "⬅ My newcomers")
    assert out[-1]["text"].startswith("Nobody is linked to you yet.")
    assert (await state_of(session, "sara"))["at"] == "coach"
