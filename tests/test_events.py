"""Events, as organisers and newcomers meet them through the simulate protocol: an invite makes
an organiser, who makes an event in the chat and shares its link; newcomers join in their own
language (or wait for a place), get reminders at the right moments, and can say they cannot
come; the organiser sees the counts, changes the reminders, or cancels the event."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import select

from bot.app import build_app
from bot.cli import main
from bot.clock import FakeClock
from bot.config import Settings
from bot.storage.tables import attendance, events, users
from bot.types import Incoming
from tests.harness import START, Session, labels, query, texts
from tests.qr_reading import read_qr

ORGANISER_WELCOME = "Welcome! You are now an organiser"
# The clock starts on Monday 5 January 2026, 09:00 UTC; the event is on Tuesday 20 January,
# 14:00 to 16:30 in Brussels (13:00 UTC, winter time).
EVENT_ANSWERS: list[tuple[str, str]] = [
    ("say", "Jobdate Oostende"), ("press", "Jobdate"), ("say", "20-01-2026"),
    ("say", "14:00"), ("press", "At a place"), ("say", "Vrijhavenstraat 1, Oostende"),
    ("press", "Nederlands"), ("press", "English"), ("press", "Done"), ("say", "2"),
    ("say", "Your CV and a pen"), ("say", "16:30"),
]


def to(user: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line.get("to") == user]


async def invite(session: Session, role: str = "organiser") -> str:
    [line] = await session.feed({"invite": role})
    assert line["link"] == f"https://t.me/brug_bot?start={line['payload']}"
    payload: str = line["payload"]
    assert payload.startswith("i_")
    return payload


async def make_organiser(session: Session, name: str = "olga") -> None:
    payload = await invite(session)
    await session.onboard(name)
    out = await session.say(name, f"/start {payload}")
    assert out[0]["text"].startswith(ORGANISER_WELCOME)


async def answer(session: Session, user: str, how: str, what: str) -> list[dict[str, Any]]:
    if how == "say":
        return await session.say(user, what)
    return await session.press(user, what)


async def make_event(session: Session, organiser: str = "olga",
                     answers: list[tuple[str, str]] | None = None,
                     ) -> tuple[str, list[dict[str, Any]]]:
    """The organiser fills in an event and saves it; the join payload and what was said."""
    await session.say(organiser, "/menu")
    await session.press(organiser, "My events")
    await session.press(organiser, "New event")
    for how, what in answers or EVENT_ANSWERS:
        await answer(session, organiser, how, what)
    out = await session.press(organiser, "Save and get the link")
    found = re.search(r"https://t\.me/brug_bot\?start=(e_[A-Za-z0-9_-]+)", texts(out))
    assert found, out
    return found.group(1), out


async def stored_events(session: Session) -> list[dict[str, Any]]:
    return await query(session.app, select(events))


async def statuses(session: Session) -> dict[str, str]:
    rows = await query(session.app, select(users.c.external_id, attendance.c.status)
                       .join(attendance, attendance.c.user_id == users.c.id))
    return {row["external_id"]: row["status"] for row in rows}


async def test_an_invite_makes_an_organiser_once_and_expires_after_a_week(
    session: Session,
) -> None:
    payload = await invite(session)
    # Someone new to Brug: the role is theirs at once, and onboarding begins.
    out = await session.say("olga", f"/start {payload}")
    assert out[0]["text"].startswith(ORGANISER_WELCOME)
    assert labels(out[-1])[:2] == ["English", "Nederlands"]
    [row] = await query(session.app, select(users.c.role).where(users.c.external_id == "olga"))
    assert row["role"] == "organiser"
    # The same link a second time, by someone else: used.
    await session.onboard("omid")
    out = await session.say("omid", f"/start {payload}")
    assert out[0]["text"].startswith("This link was used already.")
    [row] = await query(session.app, select(users.c.role).where(users.c.external_id == "omid"))
    assert row["role"] == "newcomer"
    # A new invite, opened after seven days: expired.
    late = await invite(session, "coach")
    await session.advance("P7DT1M")
    out = await session.say("omid", f"/start {late}")
    assert out[0]["text"].startswith("This link has expired.")
    [row] = await query(session.app, select(users.c.role).where(users.c.external_id == "omid"))
    assert row["role"] == "newcomer"


async def test_an_organiser_makes_an_event_and_gets_its_link_and_qr_code(
    session: Session,
) -> None:
    await make_organiser(session)
    payload, out = await make_event(session)
    [summary] = await query(session.app, select(events))
    assert summary["title"] == "Jobdate Oostende"
    assert summary["kind"] == "jobdate"
    assert summary["starts_at"].isoformat() == "2026-01-20T13:00:00+00:00"
    assert summary["ends_at"].isoformat() == "2026-01-20T15:30:00+00:00"
    assert (summary["place"], summary["online_url"]) == ("Vrijhavenstraat 1, Oostende", None)
    assert (summary["languages"], summary["capacity"]) == ("en,nl", 2)
    assert summary["bring"] == "Your CV and a pen"
    [image] = [line for line in out if line["kind"] == "image"]
    assert image["caption"] == f"https://t.me/brug_bot?start={payload}"
    found, _, _ = read_qr(Path(image["file"]).read_bytes())
    assert found == [image["caption"]]
    # The organiser's list shows it, with its counts.
    await session.say("olga", "/menu")
    out = await session.press("olga", "My events")
    assert "Jobdate Oostende, 20 Jan, 14:00\n  Joined: 0 of 2 · Waiting: 0 · Left: 0" \
        in out[-1]["text"]


async def test_the_summary_shows_everything_and_one_answer_can_be_changed(
    session: Session,
) -> None:
    await make_organiser(session)
    await session.say("olga", "/menu")
    await session.press("olga", "My events")
    await session.press("olga", "New event")
    for how, what in EVENT_ANSWERS:
        out = await answer(session, "olga", how, what)
    assert out[-1]["text"].startswith("Here is your event. Is everything right?")
    assert "🗓 When: Tuesday 20 January 2026, 14:00 – 16:30" in out[-1]["text"]
    assert "🗣 Spoken: English, Nederlands" in out[-1]["text"]
    assert await stored_events(session) == []  # nothing stored before it is saved
    await session.press("olga", "Place or link")
    await session.press("olga", "Online")
    out = await session.say("olga", "https://meet.example.org/jobdate")
    assert "💻 Online: https://meet.example.org/jobdate" in out[-1]["text"]
    await session.press("olga", "Save and get the link")
    [row] = await stored_events(session)
    assert (row["place"], row["online_url"]) == (None, "https://meet.example.org/jobdate")


async def test_bad_answers_get_a_clear_line_and_nothing_is_stored(session: Session) -> None:
    await make_organiser(session)
    await session.say("olga", "/menu")
    await session.press("olga", "My events")
    await session.press("olga", "New event")
    out = await session.say("olga", "x" * 300)
    assert out[0]["text"].startswith("This title is too long (300 characters).")
    await session.say("olga", "Workshop CV")
    await session.press("olga", "Workshop")
    out = await session.say("olga", "01-01-2026")
    assert out[0]["text"].startswith("This date has passed.")
    out = await session.say("olga", "31-02-2026")
    assert out[0]["text"].startswith("I did not understand this date.")
    # Arabic-Indic digits are digits.
    out = await session.say("olga", "٠٥-٠١-٢٠٢٦")
    assert out[-1]["text"].startswith("At what time does it start")
    out = await session.say("olga", "08:00")  # today, but an hour ago in Brussels
    assert out[0]["text"].startswith("This time has passed.")
    await session.say("olga", "18:00")
    await session.press("olga", "Online")
    for not_a_link in ("meet dot example", "https://not a link", "ftp://files.example.org",
                       "https://localhost"):
        out = await session.say("olga", not_a_link)
        assert out[0]["text"].startswith("This is not a web address."), not_a_link
    await session.say("olga", "https://meet.example.org/cv")
    out = await session.press("olga", "Done")
    assert out[0]["text"].startswith("Tap at least one language")
    await session.press("olga", "Nederlands")
    await session.press("olga", "Done")
    for capacity in ("0", "10000000", "many", "-3"):
        out = await session.say("olga", capacity)
        assert out[0]["text"].startswith("Type how many people can come: a number from 1 to "
                                         "10 000."), capacity
    await session.say("olga", "12")
    await session.press("olga", "Nothing")
    out = await session.say("olga", "17:00")
    assert out[0]["text"].startswith("The end must come after the start (18:00).")
    await session.press("olga", "No end time")
    assert await stored_events(session) == []
    out = await session.press("olga", "Throw it away")
    assert out[0]["text"].startswith("The event is thrown away. Nothing was saved.")
    assert await stored_events(session) == []


async def test_a_newcomer_cannot_make_events(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert "My events" not in labels(out[-1])  # nothing joined, nothing to organise
    out = await session.say("amal", "My events")
    assert out[0]["text"].startswith("I did not understand that.")
    out = await session.say("amal", "New event")
    assert out[0]["text"].startswith("I did not understand that.")
    assert await stored_events(session) == []


async def test_an_organiser_sees_only_their_own_events(session: Session) -> None:
    await make_organiser(session, "olga")
    await make_organiser(session, "piet")
    await make_event(session, "olga")
    await session.say("piet", "/menu")
    out = await session.press("piet", "My events")
    assert out[-1]["text"] == "You have made no events yet."
    assert labels(out[-1]) == ["➕ New event", "☰ Menu"]


async def join_three(session: Session) -> str:
    """Olga's event for two; Nora (Dutch) and Ed (English) join, Amal (Arabic, new to Brug)
    comes by the link first and waits."""
    await make_organiser(session)
    payload, _ = await make_event(session)
    await session.onboard("nora", "Nederlands")
    await session.onboard("ed")
    out = await session.say("nora", f"/start {payload}")
    assert "🗓 Wanneer: dinsdag 20 januari 2026, 14:00 – 16:30" in out[-1]["text"]
    await session.press("nora", "Deelnemen")
    out = await session.say("ed", f"/start {payload}")
    assert out[-1]["text"].startswith("Welcome back!\n\nJobdate Oostende\nJobdate\n\n🗓 When: "
                                      "Tuesday 20 January 2026, 14:00 – 16:30")
    assert labels(out[-1]) == ["✅ Join", "☰ Menu"]
    out = await session.press("ed", "Join")
    assert out[0]["text"] == "You joined: Jobdate Oostende. I will remind you before it starts."
    # New to Brug: onboarding first (in Arabic, from the phone), then straight to the event.
    out = await session.say("amal", f"/start {payload}", language_code="ar")
    assert labels(out[-1])[0] == "العربية"
    await session.press("amal", "العربية")
    await session.press("amal", 1)
    out = await session.press("amal", 1)
    assert "🗓 متى: " in out[-1]["text"]
    assert "⏳" in labels(out[-1])[0]  # the event is full: the waiting list
    await session.press("amal", 1)
    assert await statuses(session) == {"nora": "joined", "ed": "joined", "amal": "waiting"}
    return payload


async def test_three_newcomers_join_in_their_languages_and_the_waiting_list_moves_up(
    session: Session,
) -> None:
    await join_three(session)
    await session.say("olga", "/menu")
    out = await session.press("olga", "My events")
    assert "Joined: 2 of 2 · Waiting: 1 · Left: 0" in out[-1]["text"]
    # Ed cannot come: his place goes to Amal, who hears it in Arabic.
    await session.say("ed", "/menu")
    out = await session.press("ed", "My events")
    assert out[-1]["text"] == "Events you joined:\n\n• Jobdate Oostende, 20 Jan, 14:00"
    assert labels(out[-1]) == ["📅 Jobdate Oostende", "☰ Menu"]  # and no New event
    await session.press("ed", "Jobdate Oostende")
    out = await session.press("ed", "I can't come")
    assert to("ed", out)[0]["text"].startswith("Thank you for telling me. Your place goes to "
                                               "someone else.")
    [moved] = to("amal", out)
    assert moved["text"].startswith("أخبار سارة")
    assert await statuses(session) == {"nora": "joined", "ed": "left", "amal": "joined"}
    await session.say("olga", "/menu")
    out = await session.press("olga", "My events")
    assert "Joined: 2 of 2 · Waiting: 0 · Left: 1" in out[-1]["text"]


async def test_reminders_come_at_their_moments_and_not_after_leaving(session: Session) -> None:
    await join_three(session)
    # Tuesday 13 January 14:00 in Brussels is a week before (13:00 UTC).
    await session.advance("P8DT3H59M")  # 5 Jan 09:00 UTC + ... = 13 Jan 12:59 UTC
    out = await session.advance("PT2M")
    assert sorted(line["to"] for line in out) == ["ed", "nora"]
    nora = to("nora", out)[-1]
    assert "Vrijhavenstraat 1, Oostende" in nora["text"]
    assert "🎒 Meebrengen: Your CV and a pen" in nora["text"]
    assert labels(nora)[0] == "❌ Ik kan niet komen"
    # Nora cannot come, from the reminder: Amal gets her place and her reminders.
    out = await session.press("nora", "Ik kan niet komen")
    assert [line["to"] for line in out if line["to"] != "nora"] == ["amal"]
    # The day before at 18:00 in Brussels (17:00 UTC): Ed and Amal, not Nora.
    await session.advance("P6DT3H58M")  # 19 Jan 16:59 UTC
    out = await session.advance("PT2M")
    assert sorted(line["to"] for line in out) == ["amal", "ed"]
    amal = to("amal", out)[-1]
    assert "Vrijhavenstraat 1" in amal["text"] and labels(amal)[0] == "❌ لا أستطيع الحضور"
    # Two hours before (11:00 UTC), then no more reminders: at the end, the poll (not to Nora).
    await session.advance("PT17H58M")  # 20 Jan 10:59 UTC
    out = await session.advance("PT2M")
    assert sorted(line["to"] for line in out) == ["amal", "ed"]
    out = await session.advance("P3D")
    assert sorted({line["to"] for line in out}) == ["amal", "ed", "olga"]
    assert all("❌" not in " ".join(labels(line)) for line in out)


async def test_the_organiser_changes_the_reminders(session: Session) -> None:
    await join_three(session)
    await session.say("olga", "/menu")
    await session.press("olga", "My events")
    out = await session.press("olga", "Jobdate Oostende")
    assert "Reminders: A week before, The day before at 18:00, Two hours before" \
        in out[-1]["text"]
    await session.press("olga", "Change the reminders")
    await session.press("olga", "A week before")
    await session.press("olga", "On the day at 8:00")
    out = await session.press("olga", "Save")
    assert out[0]["text"] == "The reminders are changed."
    [row] = await stored_events(session)
    assert row["reminder_plan"] == ["eve", "morning", "two_hours"]
    # No reminder a week before; one on the morning itself (07:00 UTC).
    out = await session.advance("P14DT8H")  # 19 Jan 17:00 UTC
    assert sorted(line["to"] for line in out if line.get("options")) == ["ed", "nora"]
    await session.advance("PT13H59M")  # 20 Jan 06:59 UTC
    out = await session.advance("PT2M")
    assert sorted(line["to"] for line in out) == ["ed", "nora"]


async def test_cancelling_tells_everyone_and_stops_the_reminders(session: Session) -> None:
    await join_three(session)
    await session.say("olga", "/menu")
    await session.press("olga", "My events")
    await session.press("olga", "Jobdate Oostende")
    out = await session.press("olga", "Cancel the event")
    assert out[-1]["text"].startswith("Cancel Jobdate Oostende? Everyone on its list gets a "
                                      "message now.")
    out = await session.press("olga", "Yes, cancel it")
    assert to("olga", out)[0]["text"] == ("The event is cancelled. Everyone on its list gets "
                                          "a message: 3.")
    told = {line["to"]: line["text"] for line in out if line["to"] != "olga"}
    assert sorted(told) == ["amal", "ed", "nora"]
    assert told["ed"].startswith("Cancelled: Jobdate Oostende (Tuesday 20 January 2026")
    assert told["nora"].startswith("Geannuleerd: Jobdate Oostende")
    [row] = await stored_events(session)
    assert row["cancelled_at"] is not None
    assert await session.advance("P20D") == []


def test_brug_invite_prints_a_link_that_makes_an_admin(tmp_path: Path) -> None:
    env = {"BRUG_DATA_DIR": str(tmp_path), "BRUG_BOT_USERNAME": "brug_test_bot"}
    result = CliRunner().invoke(main, ["invite", "boss"], env=env)
    assert result.exit_code == 2 and "'boss' is not one of" in result.output
    result = CliRunner().invoke(main, ["invite", "admin"], env=env)
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert re.fullmatch(r"https://t\.me/brug_test_bot\?start=i_[A-Za-z0-9_-]{22}", url)

    payload = url.partition("?start=")[2]

    async def open_it() -> tuple[list[str], str]:
        app = await build_app(Settings(data_dir=tmp_path), FakeClock(START))
        try:
            incoming = Incoming(channel="telegram", user="333", time=START, kind="command",
                                text=f"/start {payload}", command="start", payload=payload)
            replies = [reply.text for reply in (await app.handle(incoming)).replies]
            [row] = await query(app, select(users.c.role))
            return replies, str(row["role"])
        finally:
            await app.close()

    replies, role = asyncio.run(open_it())
    assert replies[0].startswith("Welcome! You are now an admin of Brug.")
    assert role == "admin"


async def test_joining_asks_for_consent_first_then_comes_back_to_the_event(
    session: Session,
) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session)
    await session.onboard("omid", agree=False)
    out = await session.say("omid", f"/start {payload}")
    out = await session.press("omid", "Join")
    assert out[0]["text"].startswith("Joining keeps your name on the event's list, so it "
                                     "needs your agreement first.")
    assert await statuses(session) == {}
    out = await session.press("omid", "Yes, I agree")
    assert "Jobdate Oostende" in out[-1]["text"] and labels(out[-1])[0] == "✅ Join"
    out = await session.press("omid", "Join")
    assert out[0]["text"].startswith("You joined: Jobdate Oostende.")
    assert await statuses(session) == {"omid": "joined"}
