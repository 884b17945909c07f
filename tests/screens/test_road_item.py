"""One roadmap item: what to do, and the buttons to mark it."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import ROADMAP, open_roadmap, state_of, step_button, title


async def test_an_item_is_marked_and_the_mark_is_stored(session: Session) -> None:
    out = await open_roadmap(session)
    await session.press("amal", step_button(out, 1))
    item = ROADMAP.steps[0].items[0]
    out = await session.press("amal", f"⬜ {title(item.id)}")
    assert out[-1]["text"].startswith(title(item.id))
    assert labels(out[-1])[:4] == ["✅ Done", "⏳ Busy", "⬜ Not yet", "🙋 I need help"]
    assert labels(out[-1])[-1] == "☰ Menu"
    state = await state_of(session, "amal")
    assert (state["at"], state["shown"]["road_item"]) == ("road_item", item.id)
    out = await session.say("amal", "soon")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "⏳ Busy")
    assert out[-1]["text"].startswith(f"Marked: ⏳ Busy.\n\nStep 1: {ROADMAP.steps[0].title}")
    state = await state_of(session, "amal")
    assert state["roadmap"]["items"][item.id] == "busy"
    assert state["at"] == "road_step"
