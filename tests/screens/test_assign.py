"""Coaches and newcomers, an admin's screen: an empty list says so, back returns to the list,
and presses for people or coaches never shown assign nobody."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_coach_care import links, staff, to


async def test_without_newcomers_the_admin_is_told_so(session: Session) -> None:
    await staff(session, ("anna", "admin"))
    await session.say("anna", "/menu")
    out = await session.press("anna", "Coaches and newcomers")
    assert out[-1]["text"].startswith("There are no newcomers yet.")
    assert (await state_of(session, "anna"))["at"] == "assign"


async def test_back_returns_to_the_list_and_forged_picks_assign_nobody(
    session: Session,
) -> None:
    await staff(session, ("anna", "admin"), ("sara", "coach"))
    await session.onboard("amal")
    await session.say("anna", "/menu")
    out = await session.press("anna", "Coaches and newcomers")
    assert out[-1]["text"].startswith("Coaches and newcomers. Choose a newcomer:")
    out = await session.press("anna", "amal (no coach)")
    assert out[-1]["text"] == "amal: which coach? (how many newcomers each has now)"
    assert labels(out[-1])[:2] == ["sara (0)", "⬅ Back"]
    out = await session.press("anna", "⬅ Back")
    assert labels(out[-1])[0] == "amal (no coach)"
    # Option ids that look like a newcomer or a coach, never shown here.
    for forged in ("an999", "ac1", "assign_unlink"):
        out = await press_forged(session, "anna", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
        assert to(out, "amal") == []
    assert await links(session) == []
