"""The networking plan, one step at a time."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import open_roadmap, state_of, store_state, version_1


async def test_the_plan_moves_on_and_keeps_the_step_shown(session: Session) -> None:
    await open_roadmap(session)
    out = await session.press("amal", "🤝 Networking plan · 0/7")
    assert out[-1]["text"].startswith("Networking plan, step 1 of 7:")
    assert labels(out[-1]) == ["✅ I did this", "Next step ➡", "⬅ All steps", "☰ Menu"]
    out = await session.say("amal", "later")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "Next step ➡")
    assert out[-1]["text"].startswith("Networking plan, step 2 of 7:")
    state = await state_of(session, "amal")
    assert (state["at"], state["shown"]["network_index"]) == ("network", 1)
    out = await session.press("amal", "✅ I did this")
    assert "step 3 of 7" in out[-1]["text"]
    assert (await state_of(session, "amal"))["roadmap"]["network"] == ["goals"]


async def test_a_step_stored_under_the_old_key_is_shown_again(session: Session) -> None:
    await open_roadmap(session)
    await session.press("amal", "🤝 Networking plan · 0/7")
    state = version_1(await state_of(session, "amal"))
    del state["network_index"]
    state["network"] = 3  # as stored before: the place's own name held the step
    await store_state(session, "amal", state)
    out = await session.say("amal", "/start")
    assert "Networking plan, step 4 of 7:" in out[-1]["text"]
    out = await session.press("amal", "Next step ➡")
    assert out[-1]["text"].startswith("Networking plan, step 5 of 7:")
    state = await state_of(session, "amal")
    assert state["shown"]["network_index"] == 4 and "network" not in state
