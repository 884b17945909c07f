"""The main menu screen."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of


async def test_the_menu_offers_what_applies_and_re_asks_a_bot_s_way(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert out[-1]["text"] == "What do you want to do? Tap a button."
    shown = labels(out[-1])
    assert "My profile" in shown and "My data" in shown
    # Not a coach, agreed already, no job yet: those items are left out; no Menu button.
    assert not {"My newcomers", "Let Brug keep my answers", "My job: how is it going?",
                "☰ Menu"} & set(shown)
    assert (await state_of(session, "amal"))["at"] == "menu"
    out = await session.say("amal", "banana")
    assert out[-1]["text"].startswith("I did not understand that. I am a bot: please choose "
                                      "from the menu.\n\nWhat do you want to do?")
    number = shown.index("My data") + 1
    out = await session.say("amal", str(number))
    assert out[-1]["text"].startswith("This is what I keep about you:")


async def test_without_consent_the_menu_offers_to_keep_answers(session: Session) -> None:
    await session.onboard("amal", agree=False)
    out = await session.say("amal", "/menu")
    assert "Let Brug keep my answers" in labels(out[-1])
    assert "My profile" not in labels(out[-1])
