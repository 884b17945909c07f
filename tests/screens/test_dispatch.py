"""The one dispatch: a place that no longer exists, and the registry of screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.flows.content import ContentError, load_content
from bot.flows.screens.place import FLOW
from bot.flows.screens.registry import SCREENS
from tests.harness import ROOT, Session, labels
from tests.screens.helpers import state_of, store_state


@pytest.mark.parametrize("place", ["a_place_that_was_retired", FLOW])
async def test_a_retired_place_brings_the_menu_with_a_kind_line(session: Session,
                                                                 place: str) -> None:
    await session.onboard("amal")
    state = await state_of(session, "amal")
    state.update(at=place, flow="a_retired_flow")
    await store_state(session, "amal", state)
    out = await session.say("amal", "2")
    assert out[-1]["text"] == ("Brug has changed since you were last here. Here is the menu."
                               "\n\nWhat do you want to do? Tap a button.")
    assert "My data" in labels(out[-1])
    assert (await state_of(session, "amal"))["at"] == "menu"
    out = await session.press("amal", "My data")
    assert out[-1]["text"].startswith("This is what I keep about you:")


def test_every_menu_screen_is_registered_and_no_screen_is_called_flow() -> None:
    content = load_content(ROOT / "content")
    assert {item.screen for item in content.menu if item.screen} <= set(SCREENS)
    assert FLOW not in SCREENS
    assert all(name == screen.place for name, screen in SCREENS.items())


def test_a_menu_item_for_an_unknown_screen_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    for path in (ROOT / "content").glob("*.yaml"):
        (folder / path.name).write_text(path.read_text())
    menu = folder / "menu.yaml"
    menu.write_text(menu.read_text().replace("action: privacy", "action: nowhere"))
    with pytest.raises(ContentError, match="unknown action 'nowhere'"):
        load_content(folder)


def test_every_screen_module_has_a_test_module_of_its_own() -> None:
    """Adding a screen is one module, one registry line and one test module."""
    machinery = {"__init__", "base", "registry", "dispatch"}
    screens = {path.stem for path in (ROOT / "bot" / "flows" / "screens").glob("*.py")}
    tested = {path.stem.removeprefix("test_")
              for path in (ROOT / "tests" / "screens").glob("test_*.py")}
    assert sorted(screens - machinery - tested) == []
