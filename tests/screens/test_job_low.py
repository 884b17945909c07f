"""After a low smiley: the offer of a coach."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import start_a_job, state_of


async def test_a_low_score_offers_a_coach_and_no_thanks_leads_to_the_menu(
    session: Session,
) -> None:
    await start_a_job(session)
    await session.press("amal", "Today")
    await session.say("amal", "/menu")
    await session.press("amal", "My job: how is it going?")
    out = await session.press("amal", "😞 1")
    assert out[-1]["text"].startswith("I am sorry it is hard.")
    assert labels(out[-1]) == ["🙋 Yes, talk to a coach", "No, thank you", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "job_low"
    out = await session.say("amal", "hmm")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "No, thank you")
    assert out[-1]["text"].startswith("That is fine. You can ask for a coach at any time")
    assert (await state_of(session, "amal"))["at"] == "menu"
