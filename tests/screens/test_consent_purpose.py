"""One purpose of consent, opened from My data: its text, where the person stands (yes since
when, or no), and a yes and a no that take effect at once; forged and stale presses change
nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import consents
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import buttons_now, press_forged, press_stale
from tests.test_consent import linked_and_shared, rows

PURPOSE = "My coach may see my profile"


async def open_purpose(session: Session, user: str = "amal") -> dict:
    out = await session.say(user, "/privacy")
    button = next(label for label in labels(out[-1]) if label.endswith(PURPOSE))
    return (await session.press(user, button))[-1]


async def test_it_shows_the_text_and_since_when_the_person_said_yes(session: Session) -> None:
    await linked_and_shared(session)
    screen = await open_purpose(session)
    assert screen["text"].startswith(f"{PURPOSE}\n\n")
    # The simulated clock starts on Monday 5 January 2026.
    assert screen["text"].endswith("\n\nYour choice now: yes, since 5 January 2026.")
    assert labels(screen)[:2] == ["Yes, I agree", "No"]
    assert (await state_of(session, "amal"))["at"] == "consent_purpose"


async def test_no_takes_effect_at_once_and_the_screen_then_says_no(session: Session) -> None:
    await linked_and_shared(session)
    await open_purpose(session)
    out = await session.press("amal", "No")
    assert out[0]["text"].startswith("Done. Your coach no longer sees your profile.")
    assert (await state_of(session, "amal"))["at"] == "menu"
    [row] = await rows(session, "amal", "coach_profile")
    assert row["withdrawn_at"] is not None
    screen = await open_purpose(session)
    assert screen["text"].endswith("\n\nYour choice now: no.")


async def test_forged_and_stale_presses_change_nothing(session: Session) -> None:
    await linked_and_shared(session)
    await open_purpose(session)
    earlier = buttons_now(session, "amal")
    before = await query(session.app, select(consents))
    out = await press_forged(session, "amal", "withdraw_all")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert await query(session.app, select(consents)) == before
    # Away to the menu; the old "No" of the purpose is pressed later.
    await session.say("amal", "/menu")
    await press_stale(session, "amal", earlier, "No")
    assert await query(session.app, select(consents)) == before
