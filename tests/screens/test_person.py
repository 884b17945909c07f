"""Talk to a person: where to find one, and asking one's coach to get in touch."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of


async def test_without_a_coach_the_page_offers_a_coach_here(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/person")
    assert out[-1]["text"].startswith("Talk to a person")
    assert labels(out[-1]) == ["💬 Talk to a coach here", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "person"


async def test_with_a_sharing_coach_the_coach_is_asked_to_get_in_touch(session: Session) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    out = await session.say("amal", "/person")
    assert labels(out[-1]) == ["💬 Talk to a coach here", "🙋 Ask my coach to contact me",
                               "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "person"
    out = await session.say("amal", "hello?")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "🙋 Ask my coach to contact me")
    assert out[0]["to"] == "amal" and out[0]["text"].startswith("I sent your coach a message.")
    alert = next(line for line in out if line["to"] == "sara")
    assert "About: A talk with you" in alert["text"]
