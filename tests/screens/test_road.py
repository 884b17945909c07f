"""What the roadmap's screens share (bot/flows/screens/road.py): marking progress needs the
person's agreement, and a stored networking step out of range shows a step that exists."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import ROADMAP, open_roadmap, state_of, store_state
from tests.screens.pressing import press_forged

PLAN = "🤝 Networking plan · 0/7"


async def test_without_agreement_nothing_is_marked_even_by_forged_buttons(
    session: Session,
) -> None:
    await open_roadmap(session, agree=False)
    out = await session.press("amal", "🧭 Choose my sector")
    assert out[0]["text"].startswith("This part keeps your answers, so it needs your "
                                     "agreement first.\n\n" + ROADMAP.title)
    assert (await state_of(session, "amal"))["at"] == "roadmap"
    # A sector's button, forged on the overview: not one of its options.
    sector = ROADMAP.sectors[0].id
    out = await press_forged(session, "amal", f"x_{sector}")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", PLAN)
    assert "✅ I did this" not in labels(out[-1])
    out = await press_forged(session, "amal", "net_did")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.say("amal", "<b>I did this</b>")
    assert out[0]["text"].startswith("Please choose one of the options")
    state = await state_of(session, "amal")
    assert not state.get("roadmap", {}).get("network")
    assert not state.get("roadmap", {}).get("sector")


async def test_with_agreement_a_step_is_marked(session: Session) -> None:
    await open_roadmap(session)
    out = await session.press("amal", PLAN)
    assert labels(out[-1])[0] == "✅ I did this"
    await session.press("amal", "I did this")
    state = await state_of(session, "amal")
    assert state["roadmap"]["network"] == [ROADMAP.network[0].id]


async def test_a_stored_step_out_of_range_shows_a_real_one(session: Session) -> None:
    await open_roadmap(session)
    await session.press("amal", PLAN)
    state = await state_of(session, "amal")
    total = len(ROADMAP.network)
    for stored, shown in (("999", total), ("-3", 1), ("abc", 1)):
        await store_state(session, "amal", {**state, "at": "network",
                                            "shown": {"network_index": stored}})
        out = await session.say("amal", "hello")
        assert out[0]["text"].startswith("Please choose one of the options"), stored
        assert f"step {shown} of {total}:" in out[-1]["text"], stored
