"""Choose my sector."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import ROADMAP, open_roadmap, state_of


async def test_a_chosen_sector_is_stored_and_shown_on_the_overview(session: Session) -> None:
    await open_roadmap(session)
    out = await session.press("amal", "🧭 Choose my sector")
    assert out[-1]["text"].startswith("In which sector do you want to work?")
    sector = ROADMAP.sectors[0]
    assert labels(out[-1])[0] == sector.label[:40]
    assert labels(out[-1])[-2:] == ["⬅ All steps", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "sectors"
    out = await session.say("amal", "astronaut")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.say("amal", "1")
    assert out[-1]["text"].startswith(f"Your sector: {sector.label}.")
    state = await state_of(session, "amal")
    assert state["roadmap"]["sector"] == sector.id and state["at"] == "roadmap"
