"""My growth points, from My profile: a long point shows its start on the button; a removed
point is gone, and with none left the profile no longer offers them; a forged press removes
nothing."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_events import make_organiser
from tests.test_reflection import an_event, kept_points, one_point_kept

LONG = "I will ask every employer for a business card and write to them the next day."


async def open_points(session: Session) -> dict:
    await session.say("amal", "/menu")
    await session.press("amal", "My profile")
    return (await session.press("amal", "🌱 My growth points"))[-1]


async def test_a_long_point_shows_its_start_and_is_removed_by_a_press(session: Session) -> None:
    await make_organiser(session)
    event = await an_event(session)
    await session.onboard("amal")
    await one_point_kept(session, event, LONG)
    screen = await open_points(session)
    assert (await state_of(session, "amal"))["at"] == "growth_points"
    # Cut to the channel's 40 characters.
    button = "🗑 I will ask every employer for a busin…"
    assert labels(screen)[0] == button
    assert f"- {LONG}" in screen["text"]
    # Someone else's point, or one never shown, cannot be removed by a forged press.
    out = await press_forged(session, "amal", "growth_rm999")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert len(await kept_points(session)) == 1
    out = await session.press("amal", button)
    assert out[0]["text"].startswith(f"Removed: {LONG}")
    assert await kept_points(session) == []
    # With none left, My profile no longer offers them.
    await session.say("amal", "/menu")
    out = await session.press("amal", "My profile")
    assert "🌱 My growth points" not in labels(out[-1])
