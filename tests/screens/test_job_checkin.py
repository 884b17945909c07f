"""How is your job going? From a reminder, or from the menu at any time."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import start_a_job, state_of


async def test_a_check_in_takes_a_smiley_and_re_asks_otherwise(session: Session) -> None:
    await start_a_job(session)
    await session.press("amal", "Today")
    await session.say("amal", "/menu")
    out = await session.press("amal", "My job: how is it going?")
    assert out[-1]["text"].startswith("I am still here for you. How is your job going?")
    assert labels(out[-1])[-2:] == ["🙋 Talk to a coach", "☰ Menu"]
    state = await state_of(session, "amal")
    assert (state["at"], state["job_checkin"]) == ("job_checkin", "job_any")
    out = await session.say("amal", "fine")
    assert out[-1]["text"].startswith("Please tap a smiley, or type a number from 1 to 5.")
    out = await session.say("amal", "😄")
    assert out[-1]["text"].startswith("Thank you. Good to hear.")
    answers = (await state_of(session, "amal"))["roadmap"]["job"]["answers"]
    assert answers == {"job_any": ["2026-01-05", 5]}


async def test_the_reminder_asks_its_own_question(session: Session) -> None:
    await start_a_job(session)
    await session.press("amal", "Today")
    [first] = await session.advance("PT8H")
    assert first["text"].startswith("How was your first workday?")
    assert (await state_of(session, "amal"))["job_checkin"] == "job_day1"
