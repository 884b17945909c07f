"""The organiser's evaluation of an event, one question at a time: numbers in any script,
a number too large or text too long asked again, Skip keeps the earlier answer."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import event_evaluations
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.test_event_results import ANSWERS, open_event
from tests.test_events import make_event, make_organiser


async def evaluation_opened(session: Session) -> dict:
    await make_organiser(session)
    await make_event(session, answers=ANSWERS)
    await session.advance("P16D")
    await open_event(session)
    return (await session.press("olga", "📝 Your evaluation"))[-1]


async def test_bad_answers_are_asked_again_and_nothing_is_kept_before_the_end(
    session: Session,
) -> None:
    first = await evaluation_opened(session)
    assert first["text"] == ("Your evaluation of Jobdate Oostende, 1 of 7. How many "
                             "participants came? Type a number.")
    assert labels(first)[0] == "Skip"
    assert (await state_of(session, "olga"))["at"] == "event_review"
    for wrong in ("12²", "①", "100001", "-3", "9" * 5000, "<b>40</b>"):
        out = await session.say("olga", wrong)
        assert out[0]["text"].startswith("Type a number from 0 to 100 000, or tap Skip.\n\n"
                                         "Your evaluation of Jobdate Oostende, 1 of 7."), wrong
    await session.say("olga", "٤٠")  # Arabic-Indic digits: 40
    out = await session.say("olga", "۱۲")  # Persian digits: 12
    assert out[-1]["text"].startswith("3 of 7.")
    for _ in range(3):
        await session.press("olga", "Skip")
    out = await session.say("olga", "x" * 1001)
    assert out[0]["text"].startswith("Type at most 1000 characters, or tap Skip.")
    assert await query(session.app, select(event_evaluations)) == []


async def test_skip_keeps_the_earlier_answer_when_it_is_asked_again(session: Session) -> None:
    await evaluation_opened(session)
    for answer in ("40", "10", "3", "5", "0", "Speed dates worked.", "More chairs."):
        await session.say("olga", answer)
    [kept] = await query(session.app, select(event_evaluations))
    assert (kept["participants"], kept["to_change"]) == (40, "More chairs.")
    await open_event(session)
    out = await session.press("olga", "📝 Your evaluation")
    assert out[-1]["text"].endswith("\nNow: 40")
    for _ in range(6):
        await session.press("olga", "Skip")
    out = await session.say("olga", "Fewer speeches.")
    [kept] = await query(session.app, select(event_evaluations))
    assert (kept["participants"], kept["went_well"], kept["to_change"]) == (
        40, "Speed dates worked.", "Fewer speeches.")
