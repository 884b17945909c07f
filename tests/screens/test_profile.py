"""My profile: the intake's parts, marked done or started."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import CONTENT, state_of


async def test_my_profile_lists_the_parts_and_opens_one(session: Session) -> None:
    await session.onboard("amal")
    out = await session.press("amal", "My profile")
    assert out[-1]["text"] == ("Your profile has these parts. Choose one to fill in or to look "
                               "at.")
    parts = [spec.title for spec in CONTENT.group("profile")]
    assert labels(out[-1]) == [*parts, "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "profile"
    out = await session.say("amal", "zzz")
    assert out[-1]["text"].startswith("Please choose one of the options")
    await session.press("amal", "Diplomas")
    state = await state_of(session, "amal")
    assert (state["at"], state["flow"]) == ("flow", "intake_diplomas")
