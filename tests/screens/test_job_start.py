"""When is your first workday?"""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import reminders
from tests.harness import Session, labels, query
from tests.screens.helpers import start_a_job, state_of


async def test_a_typed_date_sets_the_check_ins_and_anything_else_is_asked_again(
    session: Session,
) -> None:
    out = await start_a_job(session)
    assert "Congratulations on your job!" in out[-1]["text"]
    assert labels(out[-1]) == ["Today", "I don't know yet", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "job_start"
    out = await session.say("amal", "next week")
    assert out[-1]["text"].startswith("Please type a date as day-month-year, for example "
                                      "24-11-2026.\n\nCongratulations")
    out = await session.say("amal", "12-01-2026")
    assert out[-1]["text"].startswith("Good luck! I will ask you how it goes.")
    assert (await state_of(session, "amal"))["roadmap"]["job_start"] == "2026-01-12"
    assert len(await query(session.app, select(reminders.c.kind)
                           .where(reminders.c.kind.like("job_%")))) == 5
