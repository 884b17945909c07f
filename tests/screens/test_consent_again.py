"""A consent text that changed, asked again once at the next visit: only an answer with a
button counts; a forged press or typed text asks again and changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.storage.tables import consents
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_consent import content_with, linked_and_shared


async def test_only_a_button_answers_a_changed_text(tmp_path: Path, database: str) -> None:
    first = await Session.open(database)
    await linked_and_shared(first)
    await first.close()
    session = await Session.open(database, content_with(tmp_path, coach_profile="2026-12-01"))
    try:
        out = await session.say("amal", "/menu")
        assert out[-1]["text"].startswith("Before we go on: a text about your data has "
                                          "changed.\n\nMy coach may see my profile\n\n")
        assert out[-1]["text"].endswith("Do you agree?")
        # Its own answers only: no way around the question to the menu.
        assert labels(out[-1]) == ["Yes, I agree", "No"]
        assert (await state_of(session, "amal"))["at"] == "consent_again"
        before = await query(session.app, select(consents))
        out = await press_forged(session, "amal", "no_to_everything")
        assert out[0]["text"].startswith("Please choose one of the options")
        out = await session.say("amal", "<b>yes</b> 😄 " * 500)
        assert out[0]["text"].startswith("Please choose one of the options")
        assert labels(out[-1]) == ["Yes, I agree", "No"]
        assert await query(session.app, select(consents)) == before
        out = await session.press("amal", "Yes, I agree")
        assert out[0]["text"].startswith("Done. Your coach can now see your profile.")
        assert (await state_of(session, "amal"))["at"] == "menu"
    finally:
        await session.close()
