"""Appointments as a coach and a newcomer meet them: planning in the chat, the card and the
calendar file in each one's language, the reminders the evening before at 18:00 and two hours
before (Brussels time), "I can't come" with a new time, and no-shows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import select

from bot.storage.tables import appointments, reminders
from tests.harness import Session, labels, query

BRUSSELS = ZoneInfo("Europe/Brussels")


def to(out: list[dict[str, Any]], person: str) -> list[dict[str, Any]]:
    return [line for line in out if line.get("to") == person]


def calendar_of(line: dict[str, Any]) -> icalendar.Event:
    assert line["kind"] == "document" and line["file"].endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(line["file"]).read_bytes())
    [event] = calendar.walk("VEVENT")
    return event


async def linked(session: Session, coach: str = "sara", newcomer: str = "amal",
                 language: str = "Nederlands") -> None:
    await session.onboard(coach)
    await session.onboard(newcomer, language=language)
    await session.feed({"user": coach, "link": newcomer, "label": newcomer.title()})
    await session.press(newcomer, 1)  # yes, my coach may see my profile


async def plan(session: Session, when: str, others: tuple[str, ...] = (),
               coach: str = "sara", newcomer: str = "amal") -> list[dict[str, Any]]:
    await session.say(coach, "/menu")
    await session.press(coach, "Plan a meeting")
    await session.press(coach, newcomer.title())
    await session.say(coach, when)
    await session.say(coach, "VDAB Gent, Kongostraat 7")
    await session.say(coach, "Your CV")
    for other in others:
        await session.say(coach, other)
    if len(others) < 3:
        await session.press(coach, "Done")
    return await session.press(coach, "✅ Plan it")


async def test_a_planned_meeting_reaches_both_with_a_calendar_file_and_two_reminders(
    session: Session,
) -> None:
    await linked(session)
    out = await plan(session, "07/01 14:30")  # the clock starts on Monday 5 January 2026
    [confirm, coach_file, _menu] = to(out, "sara")
    assert confirm["text"].startswith("Planned. Amal gets it in their own language")
    assert "Wednesday 7 January 2026, 14:30" in confirm["text"]
    [card, newcomer_file] = to(out, "amal")
    assert card["text"].startswith("Je coach plande een afspraak met je.")
    assert "woensdag 7 januari 2026, 14:30" in card["text"]
    assert labels(card)[:2] == ["👍 Ik kom", "🙁 Ik kan niet komen"]
    for line in (coach_file, newcomer_file):
        event = calendar_of(line)
        start = event.decoded("dtstart")
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Brussels"
        assert (start.hour, start.minute) == (14, 30)
        assert start.astimezone(ZoneInfo("UTC")) == datetime(2026, 1, 7, 13, 30,
                                                             tzinfo=ZoneInfo("UTC"))
        assert str(event["location"]) == "VDAB Gent, Kongostraat 7"
    assert str(calendar_of(newcomer_file)["summary"]) == "Afspraak met je coach"
    # The evening before at 18:00 Brussels time (17:00 UTC), not a minute earlier.
    assert await session.advance("PT31H59M") == []
    out = await session.advance("PT1M")
    assert to(out, "sara")[0]["text"].startswith("Reminder: tomorrow you meet Amal.")
    assert to(out, "amal")[0]["text"].startswith("Herinnering: morgen zie je je coach.")
    # Two hours before: 12:30 Brussels time.
    assert await session.advance("PT18H29M") == []
    out = await session.advance("PT1M")
    assert to(out, "sara")[0]["text"].startswith("Reminder: in two hours you meet Amal.")
    assert to(out, "amal")[0]["text"].startswith("Herinnering: over twee uur zie je je coach.")
    assert await session.advance("P3D") == []


async def test_i_cannot_come_tells_the_coach_and_offers_the_coachs_other_times(
    session: Session,
) -> None:
    await linked(session)
    await plan(session, "07/01 14:30", others=("08/01 10:00", "09/01 16:00"))
    out = await session.press("amal", "🙁 Ik kan niet komen")
    [told] = to(out, "sara")
    assert told["text"].startswith("🙁 Amal cannot come to your meeting:")
    choice = to(out, "amal")[-1]
    assert labels(choice)[:3] == ["donderdag 8 januari 2026, 10:00",
                                  "vrijdag 9 januari 2026, 16:00", "Geen van deze"]
    out = await session.press("amal", "vrijdag 9 januari 2026, 16:00")
    mine = to(out, "amal")
    assert "vrijdag 9 januari 2026, 16:00" in mine[0]["text"]
    assert calendar_of(mine[1]).decoded("dtstart").hour == 16
    [moved, coach_file] = to(out, "sara")
    assert moved["text"].startswith("📅 Amal chose a new time:")
    assert calendar_of(coach_file).decoded("dtstart").day == 9
    [row] = await query(session.app, select(appointments))
    assert row["status"] == "planned" and len(row["proposals"]) == 1
    pending = await query(session.app, select(reminders.c.due_at).where(
        reminders.c.kind == f"appointment:{row['id']}", reminders.c.done_at.is_(None)))
    # The evening before (8 January, 18:00) and two hours before (14:00), for both.
    assert sorted(r["due_at"].astimezone(BRUSSELS).strftime("%d %H:%M") for r in pending) == [
        "08 18:00", "08 18:00", "09 14:00", "09 14:00"]
    # The old time's reminders are gone: nothing on the evening of the 6th.
    out = await session.advance("PT32H")
    assert to(out, "amal") == [] and to(out, "sara") == []


async def test_two_no_shows_in_a_row_tell_the_admins(session: Session) -> None:
    await session.say("root", "/start")
    await session.feed({"user": "root", "role": "admin"})
    await linked(session, language="English")
    await plan(session, "06/01 10:00")
    await plan(session, "08/01 10:00")
    await session.advance("P4D")
    await session.say("sara", "/menu")
    out = await session.press("sara", "My meetings")
    assert [label.split(",")[0] for label in labels(out[-1])[:2]] == ["Amal", "Amal"]
    await session.press("sara", 2)  # the earlier one
    out = await session.press("sara", "❌ They did not come")
    assert to(out, "sara")[0]["text"].startswith("Noted.") and to(out, "root") == []
    await session.press("sara", "⬅ All meetings")
    await session.press("sara", 1)
    out = await session.press("sara", "❌ They did not come")
    assert "second time in a row" in to(out, "sara")[0]["text"]
    [alert] = to(out, "root")
    assert alert["text"].startswith("⚠️ Amal missed two meetings in a row")
    statuses = await query(session.app, select(appointments.c.status))
    assert [r["status"] for r in statuses] == ["no_show", "no_show"]


async def test_a_newcomer_cannot_plan_and_a_coach_plans_only_with_their_own(
    session: Session,
) -> None:
    await linked(session)
    out = await session.say("amal", "/menu")
    assert "Plan a meeting" not in labels(out[-1]) and "Plan een afspraak" not in labels(out[-1])
    await session.onboard("omid")
    await session.onboard("tom")
    await session.feed({"user": "tom", "link": "omid", "label": "Omid"})
    out = await session.say("tom", "/menu")
    out = await session.press("tom", "Plan a meeting")
    assert labels(out[-1]) == ["Omid", "☰ Menu"]  # not Amal, who is Sara's
    out = await session.say("tom", "Amal")
    assert labels(out[-1]) == ["Omid", "☰ Menu"]
    assert await query(session.app, select(appointments)) == []


async def answer_until(session: Session, user: str, question: str) -> dict[str, Any]:
    """Answer each question of a section with its first option (or a word) until `question`."""
    out = await session.press(user, "Help you want")
    for _ in range(30):  # bounded: the section has fewer questions
        last = out[-1]
        if last["text"].startswith(question):
            return last
        options = labels(last)
        if "Done" in options:
            await session.press(user, 1)
            out = await session.press(user, "Done")
        elif options and options[0] not in ("⬅ Back", "Skip ⏭"):
            out = await session.press(user, 1)
        else:
            out = await session.say(user, "Nothing more")
    raise AssertionError(f"never asked {question!r}")


async def test_a_yes_to_a_follow_up_talk_asks_the_linked_coach_to_plan_it(session: Session
                                                                          ) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    await session.say("amal", "/menu")
    await session.press("amal", "My profile")
    await answer_until(session, "amal", "Do you want a follow-up talk")
    await session.press("amal", "Yes")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    out = await session.press("amal", "Yes, my coach may see it")
    [asked] = to(out, "sara")
    assert asked["text"].startswith("Amal asked for a follow-up talk in about two weeks, "
                                    "around Monday 19 January 2026.")
    assert asked["text"].endswith("When? Type the day and the hour, like 14/01 14:30.")
    await session.say("sara", "19/01 10:00")
    await session.say("sara", "Brug office")
    await session.say("sara", "Follow-up talk")
    await session.press("sara", "Done")
    out = await session.press("sara", "✅ Plan it")
    assert to(out, "amal")[0]["text"].startswith("Your coach planned a meeting with you.")


async def test_a_coach_gives_other_times_after_the_newcomer_cannot_come(session: Session
                                                                        ) -> None:
    await linked(session)
    await plan(session, "07/01 14:30")  # no other times yet
    out = await session.press("amal", "🙁 Ik kan niet komen")
    [told] = to(out, "amal")
    assert told["text"].startswith("Ik heb je coach gezegd dat je niet kunt komen.\n\nJe coach "
                                   "stelt een nieuwe tijd voor.")
    assert "They may choose" not in to(out, "sara")[0]["text"]
    await session.say("sara", "/menu")
    await session.press("sara", "My meetings")
    out = await session.press("sara", 1)
    assert labels(out[-1])[0] == "➕ Other times"
    await session.press("sara", "➕ Other times")
    await session.say("sara", "12/01 09:00")
    out = await session.press("sara", "Done")
    assert to(out, "sara")[0]["text"].startswith("Thank you. If Amal cannot come")
    offer = to(out, "amal")[-1]
    assert offer["text"] == "Je coach stelde andere tijden voor. Welke past voor jou?"
    assert labels(offer)[0] == "maandag 12 januari 2026, 09:00"
    out = await session.press("amal", 1)
    assert "maandag 12 januari 2026, 09:00" in to(out, "amal")[0]["text"]
    [row] = await query(session.app, select(appointments))
    assert row["status"] == "planned" and row["proposals"] == []
