"""The new event's summary: save it, change one answer, or throw it away; only saving stores
anything, and a start that has passed in the meantime is not saved."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_events import EVENT_ANSWERS, answer, make_organiser, stored_events


async def at_the_summary(session: Session) -> list:
    await make_organiser(session)
    await session.say("olga", "/menu")
    await session.press("olga", "My events")
    await session.press("olga", "New event")
    for how, what in EVENT_ANSWERS:
        out = await answer(session, "olga", how, what)
    return out


async def test_the_summary_shows_every_answer_and_one_can_be_changed(session: Session) -> None:
    out = await at_the_summary(session)
    summary = out[-1]
    assert summary["text"].startswith("Here is your event. Is everything right?\n\n"
                                      "Jobdate Oostende")
    assert summary["text"].endswith("Places: 2")
    assert labels(summary)[0] == "✅ Save and get the link"
    assert labels(summary)[-2:] == ["🗑 Throw it away", "☰ Menu"]
    assert (await state_of(session, "olga"))["at"] == "event_check"
    out = await session.press("olga", "Number of places")
    assert out[-1]["text"] == "How many people can come? Type a number."
    out = await session.say("olga", "25")
    assert out[-1]["text"].endswith("Places: 25")  # straight back to the summary
    assert await stored_events(session) == []
    out = await session.press("olga", "Save and get the link")
    assert any("https://t.me/brug_bot?start=e_" in line.get("text", "") for line in out)
    [row] = await stored_events(session)
    assert (row["title"], row["capacity"]) == ("Jobdate Oostende", 25)
    assert "event_draft" not in (await state_of(session, "olga")).get("shown", {})


async def test_forged_buttons_and_typed_words_change_nothing(session: Session) -> None:
    await at_the_summary(session)
    before = (await state_of(session, "olga"))["shown"]["event_draft"]
    for forged in ("change_organiser_id", "change_", "event_save_now"):
        out = await press_forged(session, "olga", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
        assert out[-1]["text"].endswith("Places: 2")
    out = await session.say("olga", "<b>save</b>" * 1000)
    assert out[0]["text"].startswith("Please choose one of the options")
    assert (await state_of(session, "olga"))["shown"]["event_draft"] == before
    assert await stored_events(session) == []


async def test_a_start_passed_in_the_meantime_is_not_saved(session: Session) -> None:
    await at_the_summary(session)
    await session.advance("P16D")  # the event was on 20 January; now it is 21 January
    out = await session.press("olga", "Save and get the link")
    assert out[0]["text"].startswith("The start has passed in the meantime.")
    assert await stored_events(session) == []
    out = await session.press("olga", "Throw it away")
    assert out[0]["text"].startswith("The event is thrown away. Nothing was saved.")
    assert (await state_of(session, "olga"))["at"] == "menu"
    assert await stored_events(session) == []
