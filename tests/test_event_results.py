"""An event's results, as its organiser meets them through the simulate protocol: they tick who
came, fill in their own evaluation, and press Results to get a text, a chart and a CSV file
with exactly what the answers imply (small breakdown cells hidden); nobody else reads them;
`brug event list` and `brug event report` give an admin the same."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from PIL import Image
from sqlalchemy import select

from bot.cli import main
from bot.storage.poll_answers import PollAnswer, PollAnswers
from bot.storage.tables import attendance, event_evaluations, events, users
from bot.types import Incoming
from tests.harness import Session, labels, query
from tests.test_events import EVENT_ANSWERS, make_event, make_organiser

# The event of tests/test_events.py, for ten people.
ANSWERS = [("say", "10") if (how, what) == ("say", "2") else (how, what)
           for how, what in EVENT_ANSWERS]
PEOPLE = {"nora": ("Nederlands", "Nora"), "ed": ("English", "Ed"), "amal": ("العربية", "Amal"),
          "sam": ("English", "Sam"), "lea": ("English", "Lea")}
# What the issue says a face counts for; the index is their average, rounded half up.
SCORES = {"0": 0, "1": 33, "2": 67, "3": 100}
# Who answered what: (token, language, slot, overall face, access face, staff answer).
POLL = [
    ("t1", "en", "morning", "3", "2", "yes"), ("t2", "en", "morning", "2", "2", "bit"),
    ("t3", "en", "afternoon", "3", "3", "yes"), ("t4", "en", "afternoon", "1", "2", "no"),
    ("t5", "en", "morning", "2", "0", "yes"), ("t6", "en", "morning", "3", "1", ""),
    ("t7", "nl", "morning", "0", "3", "yes"), ("t8", "nl", "afternoon", "2", "2", "bit"),
    ("t9", "ar", "morning", "3", "3", ""),
]


def index_of(faces: list[str]) -> int:
    mean = sum(SCORES[face] for face in faces) / len(faces)
    return int(mean + 0.5)


async def event_id(session: Session) -> int:
    [row] = await query(session.app, select(events.c.id))
    return int(row["id"])


async def put_answers(session: Session, event: int) -> None:
    def record(repo: Any) -> None:
        store = PollAnswers(repo.conn)
        for token, language, slot, overall, access, staff in POLL:
            store.record(event, token, PollAnswer("overall", overall, language, slot))
            store.record(event, token, PollAnswer("access", access, language, slot))
            if staff:
                store.record(event, token, PollAnswer("staff", staff, language, slot))
        # A changed answer replaces the first one: it is not counted twice.
        store.record(event, "t1", PollAnswer("overall", "3", "en", "morning"))

    await session.app.store.run(record)


async def open_event(session: Session, organiser: str = "olga") -> list[dict[str, Any]]:
    await session.say(organiser, "/menu")
    await session.press(organiser, "My events")
    return await session.press(organiser, "⚙️ Jobdate Oostende")


async def everyone_joins(session: Session, payload: str) -> None:
    for user, (language, name) in PEOPLE.items():
        await session.onboard(user, language)
        await session.say(user, f"/start {payload}", name=name)
        await session.press(user, 1, name=name)
    # Lea cannot come after all.
    await session.say("lea", "/menu")
    await session.press("lea", "My events")
    await session.press("lea", "Jobdate Oostende")
    await session.press("lea", "I can't come")


async def came(session: Session) -> dict[str, bool]:
    rows = await query(session.app, select(users.c.external_id, attendance.c.attended_at)
                       .join(attendance, attendance.c.user_id == users.c.id))
    return {row["external_id"]: row["attended_at"] is not None for row in rows}


async def test_ticking_who_came_and_the_results_are_what_the_answers_imply(
    session: Session, tmp_path: Path,
) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session, answers=ANSWERS)
    await everyone_joins(session, payload)
    before = await open_event(session)
    # Before the event: results, but no ticking or evaluation yet.
    assert "📊 Results" in labels(before[-1]) and "✅ Who came" not in labels(before[-1])
    await session.advance("P16D")  # the event was on 20 January
    out = await open_event(session)
    assert labels(out[-1])[:3] == ["📊 Results", "✅ Who came", "📝 Your evaluation"]

    out = await session.press("olga", "Who came")
    names = labels(out[-1])
    # First names of those who hold a place (Lea left), none ticked yet.
    assert names[:4] == ["▫️ Nora", "▫️ Ed", "▫️ Amal", "▫️ Sam"]
    assert "Came: 0 of 4." in out[-1]["text"]
    out = await session.press("olga", "▫️ Ed")
    assert labels(out[-1])[1] == "✅ Ed" and "Came: 1 of 4." in out[-1]["text"]
    await session.press("olga", "▫️ Amal")
    out = await session.press("olga", "✅ Ed")  # a second press unticks
    assert labels(out[-1])[1] == "▫️ Ed"
    assert await came(session) == {"nora": False, "ed": False, "amal": True, "sam": False,
                                   "lea": False}
    out = await session.press("olga", "Everyone who did not cancel came")
    assert any("4 came" in line.get("text", "") for line in out)
    assert await came(session) == {"nora": True, "ed": True, "amal": True, "sam": True,
                                   "lea": False}
    await session.press("olga", "✅ Sam")
    await session.press("olga", "Back to the event")

    # The organiser's evaluation, one question at a time; a bad number is asked again.
    await session.press("olga", "Your evaluation")
    out = await session.say("olga", "forty")
    assert out[0]["text"].startswith("Type a number from 0 to 100 000")
    for answer in ("٤٠", "10", "3", "5"):
        await session.say("olga", answer)
    await session.press("olga", "Skip")  # nobody started work yet
    await session.say("olga", "The employers liked the speed dates.")
    out = await session.say("olga", "More tables for Arabic speakers.")
    assert any(line.get("text", "").startswith("Your evaluation is saved") for line in out)
    [kept] = await query(session.app, select(event_evaluations))
    assert (kept["participants"], kept["partners"], kept["job_offers"],
            kept["second_interviews"], kept["started_work"]) == (40, 10, 3, 5, None)
    assert kept["went_well"] == "The employers liked the speed dates."

    event = await event_id(session)
    await put_answers(session, event)
    out = await session.press("olga", "📊 Results")
    [text] = [line["text"] for line in out if line["kind"] == "message"
              and line["text"].startswith("Results of")]
    [image] = [line for line in out if line["kind"] == "image"]
    [document] = [line for line in out if line["kind"] == "document"]

    # What the answers imply, computed here from POLL.
    overall = {token: face for token, _l, _s, face, _a, _st in POLL} | {"t1": "3"}
    access = [row[4] for row in POLL]
    assert "Invited: 5 (everyone who opened its link and joined, waited or left)" in text
    assert "Joined: 4" in text and "Came: 3" in text and f"Answered: {len(POLL)}" in text
    assert (f"Overall satisfaction: index {index_of(list(overall.values()))} of 100, from "
            f"{len(overall)} answers.") in text
    assert (f"Could get there and follow it: index {index_of(access)} of 100, from "
            f"{len(access)} answers.") in text
    faces = Counter(overall.values())
    assert (f"😞 Very unhappy: {faces['0']}, 🙁 Unhappy: {faces['1']}, 🙂 Happy: "
            f"{faces['2']}, 😄 Very happy: {faces['3']}") in text
    english = [overall[row[0]] for row in POLL if row[1] == "en"]
    assert len(english) >= 5
    assert (f"English: Overall satisfaction: index {index_of(english)} ({len(english)} "
            "answers)") in text
    assert "Nederlands: Overall satisfaction: fewer than 5 answers" in text
    assert "العربية: Overall satisfaction: fewer than 5 answers" in text
    morning = [overall[row[0]] for row in POLL if row[2] == "morning"]
    assert f"morning: Overall satisfaction: index {index_of(morning)}" in text
    assert "afternoon: Overall satisfaction: fewer than 5 answers" in text
    staff = Counter(row[5] for row in POLL if row[5])
    assert (f"Expertise of the staff: Yes: {staff['yes']}, A bit: {staff['bit']}, No: "
            f"{staff['no']}") in text
    assert "Job offers: 3" in text and "What to change: More tables for Arabic speakers." \
        in text
    # The short survey is broken down the same way: English has five answers to the staff
    # question, Dutch two, each time slot fewer than five.
    lines = {line.split(":", 1)[0]: line for line in text.splitlines()}
    english_staff = Counter(row[5] for row in POLL if row[1] == "en" and row[5])
    assert sum(english_staff.values()) == 5
    assert lines["English"].endswith(
        f"; Expertise of the staff: Yes: {english_staff['yes']}, A bit: "
        f"{english_staff['bit']}, No: {english_staff['no']}")
    for hidden_line in ("Nederlands", "العربية", "morning", "afternoon"):
        assert lines[hidden_line].endswith("; Expertise of the staff: fewer than 5 answers")
    assert "Clarity of the information" not in text  # nobody answered it

    with Image.open(image["file"]) as chart:
        assert chart.format == "PNG" and chart.size[0] >= 600
    rows = list(csv.DictReader(io.StringIO(
        Path(document["file"]).read_text(encoding="utf-8-sig"))))
    figures = {row["question"]: int(row["answers"]) for row in rows
               if row["section"] == "figures"}
    assert figures == {"invited": 5, "joined": 4, "attended": 3, "answered": len(POLL)}
    distribution = {row["group"]: int(row["answers"]) for row in rows
                    if row["section"] == "distribution" and row["question"] == "overall"}
    assert distribution == {face: faces[face] for face in SCORES}
    [index_row] = [row for row in rows if row["section"] == "index"
                   and row["question"] == "access"]
    assert int(index_row["index"]) == index_of(access)
    by_language = {(row["group"], row["question"]): row for row in rows
                   if row["section"] == "by_language"}
    assert int(by_language["en", "overall"]["index"]) == index_of(english)
    for hidden in (by_language["nl", "overall"], by_language["ar", "access"]):
        assert (hidden["answers"], hidden["index"], hidden["value"]) == ("", "", "fewer than 5")
    staff_by_language = {(row["group"], row["value"]): row["answers"] for row in rows
                         if row["section"] == "by_language" and row["question"] == "staff"}
    assert staff_by_language == {
        **{("en", answer): str(english_staff[answer]) for answer in ("yes", "bit", "no")},
        ("nl", "fewer than 5"): "", ("ar", "fewer than 5"): ""}
    assert {row["value"] for row in rows if row["section"] == "by_slot"
            and row["question"] == "staff"} == {"fewer than 5"}
    evaluation = {row["question"]: row["value"] for row in rows
                  if row["section"] == "evaluation"}
    assert evaluation["participants"] == "40" and evaluation["started_work"] == ""
    assert evaluation["went_well"] == "The employers liked the speed dates."
    # The files were for sending: a day later the retention job removes them.
    await session.advance("P1DT1M")
    await session.app.purge()
    assert not Path(image["file"]).exists() and not Path(document["file"]).exists()


async def forged_press(session: Session, user: str, event: int, choice: str) -> list[Any]:
    """A press on an option of an event's organiser screen, as a forged callback would bring,
    with the person's state set on that screen as if they had reached it."""

    def place_on_event(repo: Any) -> int:
        row = repo.conn.execute(select(users.c.id, users.c.state)
                                .where(users.c.external_id == user)).one()
        state = {**row.state, "at": "event_admin",
                 "shown": {**row.state.get("shown", {}), "event_id": event}}
        repo.conn.execute(users.update().where(users.c.id == row.id).values(state=state))
        return int(state.get("turn", 0))

    turn = await session.app.store.run(place_on_event)
    handled = await session.app.handle(Incoming(
        channel="simulate", user=user, time=session.clock.now(), kind="press", choice=choice,
        turn=turn))
    return list(handled.replies)


async def test_only_the_organiser_and_admins_read_an_events_results(session: Session) -> None:
    await make_organiser(session, "olga")
    await make_organiser(session, "piet")
    await make_event(session, "olga")
    event = await event_id(session)
    await session.onboard("nora")
    # Piet's own list has no such event, and forged presses show nothing of it.
    await session.say("piet", "/menu")
    out = await session.press("piet", "My events")
    assert "Jobdate Oostende" not in out[-1]["text"]
    for who in ("piet", "nora"):
        for choice in ("event_results", "event_came", "event_review"):
            replies = await forged_press(session, who, event, choice)
            assert not [r for r in replies if r.kind in ("image", "document")], (who, choice)
            assert not any("Jobdate Oostende" in r.text for r in replies), (who, choice)
    # The same press by an admin: the results arrive.
    await session.feed({"user": "piet", "role": "admin"})
    replies = await forged_press(session, "piet", event, "event_results")
    assert [r.kind for r in replies if r.kind in ("image", "document")] == ["image",
                                                                            "document"]
    assert any(r.text.startswith("Results of Jobdate Oostende") for r in replies)


def test_brug_event_list_and_report_print_and_write_the_results(tmp_path: Path) -> None:
    async def an_event_with_answers() -> int:
        session = await Session.open(tmp_path / "brug.db")
        try:
            await make_organiser(session)
            await make_event(session, answers=ANSWERS)
            event = await event_id(session)
            await put_answers(session, event)
            return event
        finally:
            await session.close()

    event = asyncio.run(an_event_with_answers())
    env = {"BRUG_DATA_DIR": str(tmp_path)}
    listed = CliRunner().invoke(main, ["event", "list"], env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.startswith(f"{event}\t2026-01-20T13:00:00+00:00\tJobdate Oostende\t")
    chart, table = tmp_path / "out" / "chart.png", tmp_path / "out" / "results.csv"
    report = CliRunner().invoke(main, ["event", "report", "Jobdate Oostende", "--csv",
                                       str(table), "--chart", str(chart)], env=env)
    assert report.exit_code == 0, report.output
    assert f"Answered: {len(POLL)}" in report.stdout
    with Image.open(chart) as image:
        assert image.format == "PNG"
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert {"section": "figures", "question": "answered", "group": "",
            "answers": str(len(POLL)), "index": "", "value": ""} in rows
    missing = CliRunner().invoke(main, ["event", "report", "999"], env=env)
    assert missing.exit_code == 1 and "no event number 999" in missing.output


async def test_the_organisers_export_holds_their_evaluation_and_erasing_them_removes_it(
    session: Session,
) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session, answers=ANSWERS)
    await session.onboard("nora")
    await session.say("nora", f"/start {payload}", name="Nora")
    await session.press("nora", 1, name="Nora")
    await session.advance("P16D")
    await open_event(session)
    await session.press("olga", "Your evaluation")
    for answer in ("12", "4", "2", "1", "0", "Good talks at every table.", "Start earlier."):
        await session.say("olga", answer)
    await session.say("olga", "/privacy")
    out = await session.press("olga", "📄 Export my data")
    [document] = [line for line in out if line.get("kind") == "document"]
    exported = json.loads(Path(document["file"]).read_text(encoding="utf-8"))
    [evaluation] = exported["events"]["evaluations"]
    assert evaluation["title"] == "Jobdate Oostende"
    assert (evaluation["participants"], evaluation["went_well"]) == (12, "Good talks at every "
                                                                     "table.")
    # Nora's export holds the first name she joined under.
    await session.say("nora", "/privacy")
    out = await session.press("nora", "📄 Export my data")
    [document] = [line for line in out if line.get("kind") == "document"]
    [attended] = json.loads(Path(document["file"]).read_text(encoding="utf-8"))[
        "events"]["attended"]
    assert attended["name"] == "Nora"
    await session.say("olga", "/privacy")
    await session.press("olga", "Delete all my data")
    await session.press("olga", "Yes, delete everything")
    assert await query(session.app, select(event_evaluations)) == []
    assert await query(session.app, select(events)) == []


async def test_the_list_of_who_came_goes_a_page_at_a_time(session: Session) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session, answers=[
        ("say", "30") if (how, what) == ("say", "2") else (how, what)
        for how, what in EVENT_ANSWERS])
    people = [f"p{number:02}" for number in range(1, 23)]
    for user in people:
        await session.onboard(user)
        await session.say(user, f"/start {payload}", name=user.upper())
        await session.press(user, 1, name=user.upper())
    await session.advance("P16D")
    await open_event(session)
    out = await session.press("olga", "Who came")
    assert "Page 1 of 2." in out[-1]["text"]
    first = [label for label in labels(out[-1]) if label.startswith("▫️")]
    assert first == [f"▫️ {user.upper()}" for user in people[:20]]
    out = await session.press("olga", "Later names")
    assert "Page 2 of 2." in out[-1]["text"]
    out = await session.press("olga", "▫️ P22")
    # The tick keeps the page, and is stored.
    assert "Page 2 of 2." in out[-1]["text"] and "✅ P22" in labels(out[-1])
    assert "Came: 1 of 22." in out[-1]["text"]
    assert [user for user, here in (await came(session)).items() if here] == ["p22"]
