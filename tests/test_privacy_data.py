"""My data (/privacy): the answers themselves and how long they are kept, an export of
everything as a JSON file, and an erasure that leaves nothing about the person in any table."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.erasure_scan import everything_stored, traces
from tests.harness import Session, labels, query

DIPLOMA = "Master in hydrology, Aleppo University 2011"
REFUSAL = "The office lost my transcript twice"
PERSON, LABEL = "zainab-4410", "Zainab"


class Numbered:
    """A person's lines, each with an update id, as Telegram sends them."""

    def __init__(self, session: Session, user: str, first: int) -> None:
        self.session, self.user, self.ids = session, user, itertools.count(first)

    async def say(self, text: str) -> list[dict[str, Any]]:
        return await self.session.say(self.user, text, update_id=next(self.ids))

    async def press(self, option: int | str) -> list[dict[str, Any]]:
        return await self.session.press(self.user, option, update_id=next(self.ids))


async def onboard(person: Numbered) -> None:
    await person.say("/start")
    await person.press("English")
    await person.press(1)
    await person.press(1)  # yes: Brug may keep my answers


async def diplomas(person: Numbered) -> None:
    await person.press("My profile")
    await person.press("Diplomas")
    await person.press("Yes")
    await person.say(DIPLOMA)
    await person.press(1)  # all the papers
    await person.press("Refused")
    await person.say(REFUSAL)
    await person.press("No")


async def newcomer_with_a_coach(session: Session) -> tuple[Numbered, Numbered]:
    """Zainab tells her diplomas in her own words, shares them with her coach Sara, who reads
    them, and asks Sara for help."""
    sara, zainab = Numbered(session, "sara", 1), Numbered(session, PERSON, 1)
    await onboard(sara)
    await onboard(zainab)
    await diplomas(zainab)
    await session.feed({"user": "sara", "link": PERSON, "label": LABEL})
    await zainab.press("Yes, my coach may see it")
    await sara.say("/menu")
    await sara.press("My newcomers")
    [profile, _] = await sara.press(LABEL)
    assert DIPLOMA in profile["text"]
    await zainab.say("/person")
    out = await zainab.press("🙋 Ask my coach to contact me")
    assert any(line.get("to") == "sara" and LABEL in line["text"] for line in out)
    return sara, zainab


async def test_my_data_shows_the_answers_themselves_and_how_long_they_are_kept(
    session: Session,
) -> None:
    zainab = Numbered(session, PERSON, 1)
    await onboard(zainab)
    await diplomas(zainab)
    [page] = await zainab.say("/privacy")
    assert DIPLOMA in page["text"] and REFUSAL in page["text"]
    assert "If you do not write to me for 12 months, I ask you if I may keep it." in page["text"]
    assert labels(page)[:2] == ["Delete all my data", "📄 Export my data"]


async def test_the_export_is_a_json_file_with_everything_and_a_summary_in_my_language(
    session: Session,
) -> None:
    _, zainab = await newcomer_with_a_coach(session)
    await zainab.say("/language")
    await zainab.press("Nederlands")
    await zainab.say("/privacy")
    out = await zainab.press("📄 Exporteer mijn gegevens")
    [summary, document] = [line for line in out if line.get("kind") in ("message", "document")
                           ][:2]
    assert summary["text"].startswith("Dit bewaar ik over jou:")
    assert DIPLOMA in summary["text"]
    assert document["kind"] == "document" and document["caption"]
    data = json.loads(Path(document["file"]).read_text(encoding="utf-8"))
    assert data["summary"] == summary["text"]
    profile = data["profile"]
    assert profile["external_id"] == PERSON and profile["language"] == "nl"
    assert profile["consent"] == "agree" and profile["consent_at"].startswith("2026-01-05")
    answers = profile["state"]["flows"]["intake_diplomas"]["answers"]
    assert DIPLOMA in answers.values() and REFUSAL in answers.values()
    [coach] = data["coach_links"]["my_coaches"]
    assert coach["label"] == LABEL and coach["shared_at"]
    assert data["handled_updates"] and all("replies" in row for row in data["handled_updates"])
    assert "code_hash" not in json.dumps(data)


async def test_erasing_leaves_nothing_about_me_in_any_table(session: Session) -> None:
    from bot.storage.tables import users

    _, zainab = await newcomer_with_a_coach(session)
    [row] = await query(session.app, select(users.c.id).where(users.c.external_id == PERSON))
    person_id = row["id"]
    await zainab.say("/privacy")
    out = await zainab.press("📄 Export my data")
    [document] = [line for line in out if line.get("kind") == "document"]
    id_columns = {"user_id", "coach_id", "newcomer_id", "created_by"}
    texts = [PERSON, LABEL, DIPLOMA, REFUSAL]
    before = traces(await everything_stored(session), texts, person_id, id_columns)
    assert {table for table, _, _ in before} >= {"users", "outbox", "processed_updates",
                                                 "coach_links", "reminders"}
    await zainab.say("/privacy")
    await zainab.press("Delete all my data")
    confirm = next(zainab.ids)
    [goodbye] = await session.press(PERSON, "Yes, delete everything", update_id=confirm)
    assert goodbye["text"].startswith("Done. I deleted everything I kept about you.")
    assert traces(await everything_stored(session), texts, person_id, id_columns) == []
    assert not Path(document["file"]).exists()
    # The erasing update, sent again: the same answer, and nobody is stored again.
    again = await session.press(PERSON, "Yes, delete everything", update_id=confirm)
    assert [line["text"] for line in again] == [goodbye["text"]]
    assert traces(await everything_stored(session), texts, person_id, id_columns) == []


WORRY = "My landlord keeps my deposit of 900 euro"
ANSWER = "Bring the rental contract on Wednesday"
NOTE = "Deposit dispute; rental contract missing"
PLACE, TOPIC = "Huurdersbond Gent, Sint-Pietersnieuwstraat 2", "The deposit of Zainab"


async def conversation_meeting_and_event(session: Session, sara: Numbered,
                                         zainab: Numbered) -> None:
    """Zainab talks to Sara through the bot (her worry, Sara's answer, Sara's closing note,
    her smiley), Sara plans a meeting with her, and she joins Olga's jobdate."""
    from tests.test_events import make_event, make_organiser

    await zainab.say("/person")
    await zainab.press("💬 Talk to a coach here")
    out = await zainab.press("✅ Send")
    assert any(line.get("to") == "sara" and LABEL in line["text"] for line in out)
    await sara.press("✋ I take it")
    out = await zainab.say(WORRY)
    assert any(line.get("to") == "sara" and WORRY in line["text"] for line in out)
    out = await sara.say(ANSWER)
    assert any(line.get("to") == PERSON and ANSWER in line["text"] for line in out)
    await sara.press("✖ Close #1")
    await sara.say(NOTE)
    await zainab.press("😄 5")
    await sara.say("/menu")
    await sara.press("Plan a meeting")
    await sara.press(LABEL)
    await sara.say("07/01 14:30")
    await sara.say(PLACE)
    await sara.say(TOPIC)
    await sara.press("Done")
    out = await sara.press("✅ Plan it")
    assert any(line.get("to") == PERSON and PLACE in line.get("text", "") for line in out)
    await make_organiser(session)
    payload, _ = await make_event(session)
    await zainab.say(f"/start {payload}")
    out = await zainab.press("✅ Join")
    assert out[0]["text"].startswith("You joined: Jobdate Oostende.")


async def test_the_export_holds_my_conversations_with_the_coachs_note_meetings_and_events(
    session: Session,
) -> None:
    sara, zainab = await newcomer_with_a_coach(session)
    await conversation_meeting_and_event(session, sara, zainab)
    await zainab.say("/privacy")
    out = await zainab.press("📄 Export my data")
    [document] = [line for line in out if line.get("kind") == "document"]
    data = json.loads(Path(document["file"]).read_text(encoding="utf-8"))
    [request] = data["conversations_with_coaches"]["my_requests"]
    assert request["note"] == NOTE and request["rating"] == 5 and request["closed_at"]
    [meeting] = data["appointments"]["with_my_coach"]
    assert meeting["place"] == PLACE and meeting["topic"] == TOPIC
    [event] = data["events"]["attended"]
    assert event["title"] == "Jobdate Oostende" and event["status"] == "joined"


async def test_erasing_removes_my_conversations_meetings_and_events_everywhere(
    session: Session,
) -> None:
    from bot.storage.tables import attendance, users

    sara, zainab = await newcomer_with_a_coach(session)
    await conversation_meeting_and_event(session, sara, zainab)
    [row] = await query(session.app, select(users.c.id).where(users.c.external_id == PERSON))
    person_id = row["id"]
    id_columns = {"user_id", "coach_id", "newcomer_id", "created_by", "organiser_id"}
    texts = [PERSON, LABEL, DIPLOMA, REFUSAL, WORRY, ANSWER, NOTE, PLACE, TOPIC]
    before = traces(await everything_stored(session), texts, person_id, id_columns)
    assert {table for table, _, _ in before} >= {"handoffs", "appointments", "attendance",
                                                 "outbox", "processed_updates"}
    await zainab.say("/privacy")
    await zainab.press("Delete all my data")
    [goodbye] = await zainab.press("Yes, delete everything")
    assert goodbye["text"].startswith("Done. I deleted everything I kept about you.")
    assert traces(await everything_stored(session), texts, person_id, id_columns) == []
    # The event goes on without her: Olga's counts no longer hold her place.
    assert await query(session.app, select(attendance.c.status)) == []
    out = await session.say("sara", "/menu")
    assert out and "Zainab" not in json.dumps(out, ensure_ascii=False)
