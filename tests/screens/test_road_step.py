"""One step of the roadmap with its items."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import (
    ROADMAP,
    open_roadmap,
    state_of,
    step_button,
    store_state,
    title,
)


async def test_a_step_lists_its_items_and_goes_back_to_all_steps(session: Session) -> None:
    out = await open_roadmap(session)
    out = await session.press("amal", step_button(out, 1))
    step = ROADMAP.steps[0]
    assert out[-1]["text"].startswith(f"Step 1: {step.title} (0 of ")
    shown = labels(out[-1])
    assert f"⬜ {title(step.items[0].id)}"[:40].rstrip("…") in shown[0]
    assert shown[-2:] == ["⬅ All steps", "☰ Menu"]
    state = await state_of(session, "amal")
    assert (state["at"], state["shown"]["road_step"]) == ("road_step", step.id)
    out = await session.say("amal", "999")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "⬅ All steps")
    assert (await state_of(session, "amal"))["at"] == "roadmap"


async def test_a_step_that_left_the_content_brings_the_overview(session: Session) -> None:
    out = await open_roadmap(session)
    await session.press("amal", step_button(out, 1))
    state = await state_of(session, "amal")
    state["shown"]["road_step"] = "a_step_no_longer_there"
    await store_state(session, "amal", state)
    out = await session.say("amal", "/start")
    assert out[-1]["text"] == f"Welcome back!\n\n{ROADMAP.title}\n\n{ROADMAP.text}"
    out = await session.press("amal", step_button(out, 2))
    assert out[-1]["text"].startswith(f"Step 2: {ROADMAP.steps[1].title}")
