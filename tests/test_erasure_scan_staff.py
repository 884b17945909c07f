"""A coach and an organiser leave Brug: after their erasure, a scan of every table and column
finds nothing of them (their ids, their names, what they typed), and what legitimately stays
is exactly this:
- a coach: the newcomers they helped, their requests (without the coach's name or note) and
  the trail that "a coach who left Brug" opened a profile;
- an organiser: the people who joined their events; the messages those people got about an
  event (its title and place, in their own chat, gone after 7 days). The events themselves
  go with their lists, ticks, evaluations, anonymous poll answers and result files: an
  organiser who leaves stops their own events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.storage.tables import data_views, events, handoffs, poll_answers, users
from tests.erasure_scan import everything_stored, traces
from tests.harness import Session, query
from tests.test_coach_desk import mark
from tests.test_event_results import ANSWERS, event_id, open_event, put_answers
from tests.test_events import make_event, make_organiser
from tests.test_privacy_data import (
    ANSWER,
    NOTE,
    PLACE,
    TOPIC,
    conversation_meeting_and_event,
    newcomer_with_a_coach,
)

COACH_NAME = "Sara Peeters"
WENT_WELL, TO_CHANGE = "Good talks at every table.", "Start earlier with the CV check."


async def person_id(session: Session, external_id: str) -> int:
    [row] = await query(session.app, select(users.c.id).where(users.c.external_id == external_id))
    return int(row["id"])


async def erase(session: Session, user: str) -> None:
    await session.say(user, "/privacy")
    await session.press(user, "Delete all my data")
    [goodbye] = await session.press(user, "Yes, delete everything")
    assert goodbye["text"].startswith("Done. I deleted everything I kept about you.")


async def test_a_coach_who_leaves_leaves_nothing_of_them_in_any_table(
    session: Session,
) -> None:
    sara, zainab = await newcomer_with_a_coach(session)
    await conversation_meeting_and_event(session, sara, zainab)
    # Her desk: quiet hours, a digest, and her name on the profile she opens.
    await session.say("sara", "/menu", name=COACH_NAME)
    await session.press("sara", "My newcomers", name=COACH_NAME)
    await session.press("sara", "🌙 Quiet hours", name=COACH_NAME)
    await session.say("sara", "22:00-06:00", name=COACH_NAME)
    await session.say("sara", "/menu", name=COACH_NAME)
    await session.press("sara", "My newcomers", name=COACH_NAME)
    await session.press("sara", "Zainab", name=COACH_NAME)
    await mark(session, "zainab-4410", 2, "diploma", "🙋 I need help")
    await session.advance("P1D")  # the daily job sets the digest: Monday 12 January
    out = await session.advance("P5DT22H")  # Monday 12 January, 08:00 in Brussels
    assert any(line.get("to") == "sara" and line["text"].startswith("☀ Your week at Brug.")
               for line in out)
    await sara.say("/menu")  # a handled update of hers, after the old ones expired
    coach = await person_id(session, "sara")
    texts = ["sara", COACH_NAME, ANSWER, NOTE, PLACE, TOPIC]
    before = traces(await everything_stored(session), texts, coach)
    assert {table for table, _, _ in before} >= {
        "users", "coach_links", "coach_desks", "handoffs", "appointments", "data_views",
        "outbox", "processed_updates", "consents"}
    await erase(session, "sara")
    assert traces(await everything_stored(session), texts, coach) == []
    # What stays: Zainab, her request without the coach, and the trail without a name.
    assert await person_id(session, "zainab-4410")
    [request] = await query(session.app, select(handoffs.c.coach_id, handoffs.c.coach_name,
                                                handoffs.c.note))
    assert request == {"coach_id": None, "coach_name": None, "note": None}
    views = await query(session.app, select(data_views.c.viewer_id, data_views.c.viewer_name))
    assert views and all(view == {"viewer_id": None, "viewer_name": ""} for view in views)


async def test_an_organiser_who_leaves_leaves_nothing_of_them_in_any_table(
    session: Session, tmp_path: Path,
) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session, answers=ANSWERS)
    await session.onboard("nora")
    await session.say("nora", f"/start {payload}", name="Nora")
    await session.press("nora", 1, name="Nora")
    await session.advance("P16D")
    await put_answers(session, await event_id(session))
    await open_event(session)
    await session.press("olga", "Who came", name="Olga Maes")
    await session.press("olga", "▫️ Nora", name="Olga Maes")
    await open_event(session)
    await session.press("olga", "Your evaluation")
    for answer in ("12", "4", "2", "1", "0", WENT_WELL, TO_CHANGE):
        await session.say("olga", answer)
    await open_event(session)
    out = await session.press("olga", "Results")
    files = [Path(line["file"]) for line in out if line.get("file")]
    assert len(files) == 2 and all(path.exists() for path in files)
    await session.say("olga", "/menu", update_id=9001)  # a handled update of hers
    organiser = await person_id(session, "olga")
    texts = ["olga", "Olga Maes", WENT_WELL, TO_CHANGE]
    title_and_place = ["Jobdate Oostende", "Vrijhavenstraat 1, Oostende", "Your CV and a pen"]
    stored = await everything_stored(session)
    assert {table for table, _, _ in traces(stored, texts, organiser)} >= {
        "users", "events", "event_evaluations", "outbox", "processed_updates", "link_codes"}
    await erase(session, "olga")
    stored = await everything_stored(session)
    assert traces(stored, texts, organiser) == []
    # The event, its ticks, evaluation and poll answers, and its result files are gone.
    assert await query(session.app, select(events)) == []
    assert await query(session.app, select(poll_answers)) == []
    assert not any(path.exists() for path in files)
    # Only Nora's own chat still tells of the event she joined: her messages (7 days) and
    # the poll she was answering, whose answer now counts nowhere.
    left = traces(stored, title_and_place, organiser)
    assert left and {table for table, _, _ in left} <= {"outbox", "processed_updates", "users"}
    rows: list[Any] = await query(session.app, select(users.c.external_id))
    assert [row["external_id"] for row in rows] == ["nora"]
    out = await session.press("nora", 1)
    assert out and await query(session.app, select(poll_answers)) == []
