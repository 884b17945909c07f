"""The smiley poll after an event, as organisers and newcomers meet it through the simulate
protocol: it goes out at the event's end (or when the organiser sends it, once) to everyone who
joined and not to someone who left, in each person's language; the answers are counted apart
from the person (a keyed token, nothing in their state); a changed answer counts once; typed
faces and digits of any script count; the lowest face offers a person; the short survey can be
skipped; at the end the reflection is offered when there is one; a closed poll takes nothing."""

from __future__ import annotations

import hashlib
import hmac
import shutil
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from bot.app import build_app
from bot.clock import FakeClock
from bot.config import Settings
from bot.flows.content import load_content
from bot.flows.yaml_loading import ContentError
from bot.services.poll_token import PollTokens
from bot.storage.tables import events, poll_answers, users
from tests.harness import ROOT, START, Session, labels, query, texts
from tests.screens.helpers import state_of
from tests.test_events import EVENT_ANSWERS, make_event, make_organiser, to

# The event of tests/test_events.py (Tuesday 20 January 2026, 14:00 to 16:30 in Brussels, so
# 13:00 to 15:30 UTC), with room for five.
ANSWERS = [("say", "5") if (how, what) == ("say", "2") else (how, what)
           for how, what in EVENT_ANSWERS]
# From the clock's start (5 January, 09:00 UTC) to a minute before the end, and to the start.
TO_BEFORE_THE_END = "P15DT6H29M"
TO_THE_START = "P15DT4H"
REFLECTION = """
flow: event_reflection
title: Looking back
trigger:
  reminders: [event_reflection]
  carries: [event, title]
  instance: "{event}"
steps:
  - id: went_well
    type: text
    prompt: "What went well at {title}?"
"""


def content_folder(folder: Path, *, reflection: bool) -> Path:
    """Brug's content, with the sample reflection or without any."""
    content = folder / "content"
    content.mkdir()
    for path in (ROOT / "content").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds = ((doc.get("trigger") or {}).get("reminders") or []) if isinstance(doc, dict) \
            else []
        if "event_reflection" not in kinds:
            shutil.copy(path, content)
    if reflection:
        (content / "event_reflection.yaml").write_text(REFLECTION, encoding="utf-8")
    return content


async def open_session(database: str, folder: Path, *, reflection: bool) -> Session:
    settings = Settings(content_dir=content_folder(folder, reflection=reflection),
                        flood_limit=0)
    clock = FakeClock(START)
    return Session(await build_app(settings, clock, database, folder / "files"), clock)


@pytest.fixture
async def polls(database: str, tmp_path: Path) -> AsyncIterator[Session]:
    sim = await open_session(database, tmp_path, reflection=False)
    yield sim
    await sim.close()


@pytest.fixture
async def reflecting(database: str, tmp_path: Path) -> AsyncIterator[Session]:
    sim = await open_session(database, tmp_path, reflection=True)
    yield sim
    await sim.close()


async def three_join_one_leaves(session: Session) -> str:
    """Olga's event; Nora (Dutch), Ed (English) and Amal (Arabic) join; Ed cannot come."""
    await make_organiser(session)
    payload, _ = await make_event(session, answers=ANSWERS)
    for name, language in (("nora", "Nederlands"), ("ed", "English"), ("amal", "العربية")):
        await session.onboard(name, language)
        await session.say(name, f"/start {payload}")
        out = await session.press(name, 1)
        assert "✅" not in labels(out[-1])[0], out  # joined: the event says "I can't come"
    await session.say("ed", "/menu")
    await session.press("ed", "My events")
    await session.press("ed", "Jobdate Oostende")
    await session.press("ed", "I can't come")
    return payload


async def at_the_end(session: Session) -> list[dict[str, Any]]:
    """Three joined, one left; the clock moves to the event's end: what was said then."""
    await three_join_one_leaves(session)
    await session.advance(TO_BEFORE_THE_END)
    return await session.advance("PT2M")


async def answers(session: Session) -> list[dict[str, Any]]:
    return await query(session.app, select(
        poll_answers.c.question, poll_answers.c.answer, poll_answers.c.language,
        poll_answers.c.slot).order_by(poll_answers.c.language, poll_answers.c.question))


async def user_id(session: Session, name: str) -> int:
    [row] = await query(session.app, select(users.c.id).where(users.c.external_id == name))
    return int(row["id"])


async def test_the_poll_goes_out_at_the_end_to_those_who_joined_in_their_language(
    polls: Session, tmp_path: Path,
) -> None:
    out = await at_the_end(polls)
    assert sorted({line["to"] for line in out}) == ["amal", "nora", "olga"]  # not Ed
    assert to("olga", out)[0]["text"] == (
        "The poll about Jobdate Oostende goes out now to the 2 people who joined. Their "
        "answers are anonymous.")
    nora = to("nora", out)[-1]
    assert "Jobdate Oostende" in nora["text"]
    assert labels(nora)[:4] == ["😞 Heel slecht", "🙁 Slecht", "🙂 Goed", "😄 Heel goed"]
    amal = to("amal", out)[-1]
    assert len(labels(amal)) >= 4 and labels(amal)[3].startswith("😄 ")
    assert labels(amal)[3] != "😄 Very good"  # in Arabic

    # Amal types an Arabic-Indic four, then sends a face: both count as 😄.
    await polls.say("amal", "٤")
    out = await polls.say("amal", "😄")
    assert labels(out[-1])[0] != labels(amal)[0]  # on to the survey question
    # Nora presses the lowest face: a person is offered; then she goes back and changes it.
    out = await polls.press("nora", "😞")
    assert out[0]["text"].startswith("Het spijt me")
    assert [o["id"] for o in out[0]["options"]] == ["hoo"]
    await polls.press("nora", "Terug")
    await polls.press("nora", "🙂")
    await polls.press("nora", "😄")
    assert await answers(polls) == [
        {"question": "access", "answer": "3", "language": "ar", "slot": "14:00"},
        {"question": "overall", "answer": "3", "language": "ar", "slot": "14:00"},
        {"question": "access", "answer": "3", "language": "nl", "slot": "14:00"},
        {"question": "overall", "answer": "2", "language": "nl", "slot": "14:00"},
    ]

    # Nothing ties an answer to a person: a token made with a key outside the database, and
    # the person's state knows only which questions were answered.
    key_file = tmp_path / "poll.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text(encoding="ascii").strip().encode()
    [event] = await query(polls.app, select(events.c.id))
    tokens = {row["token"] for row in await query(polls.app, select(poll_answers.c.token))}
    assert tokens == {hmac.new(key, f"{await user_id(polls, name)}:{event['id']}".encode(),
                               hashlib.sha256).hexdigest() for name in ("amal", "nora")}
    state = await state_of(polls, "nora")
    [run] = state["instances"]["event_poll"].values()
    assert run["answers"] == {"overall": "answered", "access": "answered"}
    assert "flows" not in state or "event_poll" not in state["flows"]
    out = await polls.say("nora", "/privacy")  # My data lists no poll answers: none are kept
    assert out[-1]["text"].startswith("Dit bewaar ik over jou:")
    assert "Na de activiteit" not in out[-1]["text"]


async def test_the_short_survey_can_be_skipped_and_counts_what_was_answered(
    polls: Session,
) -> None:
    await at_the_end(polls)
    await polls.say("nora", "3")
    out = await polls.say("nora", "2")
    assert labels(out[-1])[:2] == ["Ja, ga door", "Nu niet"]
    out = await polls.press("nora", "Ja, ga door")
    assert labels(out[-1])[:4] == ["Ja", "Een beetje", "Nee", "⬅ Terug"]
    await polls.press("nora", "Een beetje")
    await polls.press("nora", "Overslaan")
    for _ in range(4):
        out = await polls.press("nora", "Ja")
    assert out[0]["text"].startswith("Bedankt! Je antwoorden helpen")
    rows = await answers(polls)
    assert [(row["question"], row["answer"]) for row in rows] == [
        ("access", "1"), ("confidence", "yes"), ("involved", "yes"), ("network", "yes"),
        ("overall", "2"), ("staff", "bit"), ("value", "yes")]  # clarity was skipped
    # Amal says not now to the survey: only the two faces count.
    await polls.say("amal", "1")
    await polls.say("amal", "1")
    out = await polls.press("amal", 2)
    assert out[0]["text"] and not labels(out[-1])[0].startswith("😞")
    assert len(await answers(polls)) == 9


async def test_the_reflection_is_offered_at_the_end_and_starts_for_the_event(
    reflecting: Session,
) -> None:
    await at_the_end(reflecting)
    await reflecting.say("nora", "4")
    await reflecting.say("nora", "4")
    out = await reflecting.press("nora", "Nu niet")
    assert "Jobdate Oostende" in out[-1]["text"]
    assert labels(out[-1])[:2] == ["Terugblikken", "Nu niet"]
    out = await reflecting.press("nora", "Terugblikken")
    assert out[-1]["text"].endswith("What went well at Jobdate Oostende?")
    state = await state_of(reflecting, "nora")
    [event] = await query(reflecting.app, select(events.c.id))
    assert state["instance"] == str(event["id"]) and state["flow"] == "event_reflection"


async def test_without_a_reflection_the_poll_ends_with_its_thanks(polls: Session) -> None:
    await at_the_end(polls)
    await polls.say("ed", "/menu")
    await polls.say("amal", "2")
    await polls.say("amal", "3")
    out = await polls.press("amal", 2)
    assert "Terugblikken" not in texts(out) and len(labels(out[-1])) >= 1
    state = await state_of(polls, "amal")
    assert state["at"] != "flow"


async def test_send_the_poll_twice_sends_it_once_and_not_again_at_the_end(
    polls: Session,
) -> None:
    await three_join_one_leaves(polls)
    await polls.advance(TO_THE_START)
    await polls.say("olga", "/menu")
    await polls.press("olga", "My events")
    out = await polls.press("olga", "Jobdate Oostende")
    assert "📊 Send the poll" in labels(out[-1])
    out = await polls.press("olga", "Send the poll")
    assert sorted({line["to"] for line in out}) == ["amal", "nora", "olga"]
    assert to("olga", out)[0]["text"].startswith("The poll about Jobdate Oostende goes out now "
                                                 "to the 2 people who joined.")
    await polls.press("olga", "My events")
    out = await polls.press("olga", "Jobdate Oostende")
    assert "📊 The poll went out." in out[-1]["text"]
    assert "📊 Send the poll" not in labels(out[-1])
    [event] = await query(polls.app, select(events.c.id, events.c.poll_sent_at))
    assert event["poll_sent_at"] == polls.clock.now()
    # The same button again (an old message): said once more, sent no more.
    polls.simulator.options.by_user["olga"] = (None, [(f"eps.{event['id']}", "Send")])
    out = await polls.press("olga", 1)
    assert [line["to"] for line in out] == ["olga", "olga"]
    assert out[0]["text"].startswith("The poll went out already, on 20 January, 14:00.")
    # The end comes: nothing goes out again.
    out = await polls.advance("P1D")
    assert [line for line in out if line["to"] in ("amal", "nora", "ed")] == []


async def test_a_newcomer_cannot_send_a_poll_with_a_forged_button(polls: Session) -> None:
    await three_join_one_leaves(polls)
    await polls.advance(TO_THE_START)
    [event] = await query(polls.app, select(events.c.id))
    polls.simulator.options.by_user["nora"] = (None, [(f"eps.{event['id']}", "Send")])
    out = await polls.press("nora", 1)
    assert out[0]["text"].startswith(
        "Alleen de organisator van een activiteit kan de peiling sturen.")
    assert {line["to"] for line in out} == {"nora"}
    [row] = await query(polls.app, select(events.c.poll_sent_at))
    assert row["poll_sent_at"] is None


async def test_after_seven_days_the_poll_is_closed_and_takes_nothing(polls: Session) -> None:
    await at_the_end(polls)
    await polls.say("amal", "3")
    before = await answers(polls)
    await polls.advance("P7DT1M")
    await polls.say("ed", "/menu")
    out = await polls.press("nora", "😄")
    assert out[0]["text"].startswith("Deze peiling is nu gesloten. Toch bedankt!")
    out = await polls.say("amal", "4")
    assert out[0]["text"].startswith("هذا الاستطلاع")
    assert await answers(polls) == before


async def test_a_long_list_gets_the_poll_a_part_at_a_time(
    polls: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.app_polls.PART", 1)
    out = await at_the_end(polls)
    assert sorted({line["to"] for line in out}) == ["amal", "nora", "olga"]
    [olga] = to("olga", out)  # the parts after the first say nothing more
    assert olga["text"].startswith("The poll about Jobdate Oostende goes out now to the 2 ")


def write_flow(folder: Path, text: str) -> Path:
    content = content_folder(folder, reflection=False)
    (content / "bad_poll.yaml").write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize(("flow", "problem"), [
    ("keeps: anonymous\ntrigger: {reminders: [bad_poll], carries: [title], instance: '{title}'}",
     "carries 'event'"),
    ("keeps: everything\ntrigger: {reminders: [bad_poll], carries: [event], instance: '{event}'}",
     "'keeps' may only be 'anonymous'"),
    ("keeps: anonymous\ntrigger: {reminders: [bad_poll], carries: [event], instance: '{event}'}",
     "'when' may only name what the trigger carries"),
])
def test_an_anonymous_flow_is_checked_when_it_is_loaded(tmp_path: Path, flow: str,
                                                        problem: str) -> None:
    content = write_flow(tmp_path, f"""
flow: bad_poll
title: A poll
{flow}
steps:
  - id: how
    type: smiley
    summary: How
    prompt: How was it?
  - id: why
    type: text
    when: {{how: 0}}
    prompt: Why?
""")
    with pytest.raises(ContentError, match=problem):
        load_content(content)


async def test_an_event_without_an_end_gets_its_poll_two_hours_after_its_start(
    polls: Session,
) -> None:
    await make_organiser(polls)
    payload, _ = await make_event(polls, answers=[*ANSWERS[:-1], ("press", "No end time")])
    await polls.onboard("nora", "Nederlands")
    await polls.say("nora", f"/start {payload}")
    await polls.press("nora", "Deelnemen")
    await polls.advance("P15DT5H59M")  # 20 January 14:59 UTC: the start (13:00) and 1:59
    out = await polls.advance("PT2M")
    assert {line["to"] for line in out} == {"nora", "olga"}
    assert labels(to("nora", out)[-1])[0] == "😞 Heel slecht"


def test_the_token_key_comes_from_the_setting_or_a_private_file_made_once(
    tmp_path: Path,
) -> None:
    given = PollTokens(tmp_path / "a", "a long secret")
    assert given.token(3, 7) == hmac.new(b"a long secret", b"3:7", hashlib.sha256).hexdigest()
    assert not (tmp_path / "a").exists()  # a key from the setting writes no file
    made = PollTokens(tmp_path / "b")
    token = made.token(3, 7)
    key_file = tmp_path / "b" / "poll.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert PollTokens(tmp_path / "b").token(3, 7) == token  # the next start reads the file
    assert token != made.token(3, 8) and token != made.token(4, 7)
    assert sorted(path.name for path in (tmp_path / "b").iterdir()) == ["poll.key"]
