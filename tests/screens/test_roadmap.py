"""Steps to a job: the overview of the nine steps, the sector and the networking plan."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import ROADMAP, open_roadmap, state_of


async def test_the_overview_shows_the_steps_and_opens_one(session: Session) -> None:
    out = await open_roadmap(session)
    assert out[-1]["text"].startswith(ROADMAP.title)
    shown = labels(out[-1])
    assert [label.split(" · ")[0] for label in shown[:9]] == [
        f"{n}. {step.title}"[:39] for n, step in enumerate(ROADMAP.steps, 1)]
    assert shown[-1] == "☰ Menu"
    assert (await state_of(session, "amal"))["at"] == "roadmap"
    out = await session.say("amal", "qwerty")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", shown[0])
    assert out[-1]["text"].startswith(f"Step 1: {ROADMAP.steps[0].title}")


async def test_choosing_a_sector_needs_consent(session: Session) -> None:
    out = await open_roadmap(session, agree=False)
    out = await session.press("amal", "🧭 Choose my sector")
    assert out[-1]["text"].startswith("This part keeps your answers, so it needs your "
                                      "agreement first.")
    assert (await state_of(session, "amal"))["at"] == "roadmap"
