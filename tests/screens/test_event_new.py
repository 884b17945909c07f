"""A new event, one question at a time: each answer is checked, the draft lives in the
organiser's state, and nothing is stored before the summary is saved."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import buttons_now, press_forged, press_stale
from tests.test_events import make_organiser, stored_events


async def new_event(session: Session, user: str = "olga") -> list:
    await session.say(user, "/menu")
    await session.press(user, "My events")
    return await session.press(user, "New event")


async def test_each_answer_goes_to_the_draft_and_the_next_question(session: Session) -> None:
    await make_organiser(session)
    out = await new_event(session)
    assert out[-1]["text"] == "A new event. What is it called? Type its title."
    assert labels(out[-1]) == ["☰ Menu"]
    out = await session.say("olga", "CV workshop")
    assert out[-1]["text"] == "What kind of event is it?"
    assert "Workshop" in labels(out[-1])
    await session.press("olga", "Workshop")
    await session.say("olga", "20-01-2026")
    out = await session.say("olga", "14:00")
    assert out[-1]["text"] == "Where does it take place?"
    assert labels(out[-1]) == ["📍 At a place", "💻 Online", "☰ Menu"]
    await session.press("olga", "At a place")
    out = await session.say("olga", "Kongostraat 7, Gent")
    assert out[-1]["text"].startswith("Which languages are spoken?")
    await session.press("olga", "Nederlands")
    out = await session.press("olga", "English")
    assert "✅ Nederlands" in labels(out[-1]) and "✅ English" in labels(out[-1])
    out = await session.press("olga", "✅ Nederlands")  # tapped again: off
    assert "Nederlands" in labels(out[-1]) and "✅ English" in labels(out[-1])
    state = await state_of(session, "olga")
    assert state["at"] == "event_new"
    assert state["shown"]["event_draft"]["languages_chosen"] == ["en"]
    assert state["shown"]["event_draft"]["title"] == "CV workshop"
    assert await stored_events(session) == []


async def test_huge_or_html_titles_and_typed_answers_to_buttons(session: Session) -> None:
    await make_organiser(session)
    await new_event(session)
    out = await session.say("olga", "x" * 5000)
    assert out[0]["text"].startswith("This title is too long (5000 characters).")
    assert out[-1]["text"].endswith("A new event. What is it called? Type its title.")
    out = await session.say("olga", "<b>CV</b> & <i>you</i>")
    assert out[-1]["text"] == "What kind of event is it?"
    assert (await state_of(session, "olga"))["shown"]["event_draft"]["title"] == \
        "<b>CV</b> & <i>you</i>"
    kinds = buttons_now(session, "olga")
    # A typed answer where a button is expected: asked again, nothing kept.
    out = await session.say("olga", "a big party")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert "kind" not in (await state_of(session, "olga"))["shown"]["event_draft"]
    out = await press_forged(session, "olga", "kind_that_is_not")
    assert out[0]["text"].startswith("Please choose one of the options")
    await session.press("olga", "Workshop")
    # The kind question's button, pressed again on the date question, changes nothing.
    out = await press_stale(session, "olga", kinds, "Jobdate")
    assert out[0]["text"].startswith("That button belongs to an earlier message.")
    assert "\n\nOn what day?" in out[-1]["text"]
    assert (await state_of(session, "olga"))["shown"]["event_draft"]["kind"] == "workshop"


async def test_a_newcomer_has_no_new_event_question(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert "My events" not in labels(out[-1])
    out = await press_forged(session, "amal", "event_new_one")
    assert out[0]["text"].startswith("I did not understand that.")
    assert (await state_of(session, "amal"))["at"] == "menu"
    assert await stored_events(session) == []
