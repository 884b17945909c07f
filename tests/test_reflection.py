"""The reflection after an event, as a newcomer meets it: five open questions they may skip,
growth points proposed from their own words that they keep, change or drop, kept in their
profile with the event's title and date, seen by their coach only when shared, never by the
organiser; in their export, gone with their erasure; words of danger never kept."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.flows import triggers
from bot.flows.content import load_content
from bot.flows.yaml_loading import ContentError
from bot.storage.tables import growth_points
from tests.harness import ROOT, Session, labels, query, texts
from tests.test_consent import choose
from tests.test_crisis import state_of
from tests.test_events import EVENT_ANSWERS, make_event, make_organiser, stored_events

INTRO = ("Look back on Jobdate Oostende with a few questions. This is not a test: nothing is "
         "graded. Answer in your own words, or skip a question.")
KEEP, CHANGE, DROP = "✅ Keep it", "✏ Change the words", "🗑 Drop it"


async def an_event(session: Session, title: str = "Jobdate Oostende") -> dict[str, Any]:
    """An organiser makes an event; its stored row."""
    answers = [("say", title), *EVENT_ANSWERS[1:]]
    await make_event(session, answers=answers)
    return next(row for row in await stored_events(session) if row["title"] == title)


async def reflection_after(session: Session, person: str, event: dict[str, Any]
                           ) -> list[dict[str, Any]]:
    """What the poll does at its end: the reflection is set to start for the person, for this
    event, in an hour; the clock moves on to it. Returns what the person got."""
    app = session.app
    spec = app.conversation.content.flows["event_reflection"]
    now = session.clock.now()

    def work(repo: Any) -> int:
        person_id = repo.get_user("simulate", person).id
        return triggers.schedule_for(repo, [person_id], spec, "event_reflection",
                                     {"event": str(event["id"]), "title": event["title"]},
                                     now + timedelta(hours=1), now)

    assert await app.store.run(work) == 1
    return await session.advance("PT1H")


async def kept_points(session: Session) -> list[dict[str, Any]]:
    return await query(session.app, select(growth_points).order_by(growth_points.c.id))


async def answer_all(session: Session, person: str, answers: list[str | None]
                     ) -> list[dict[str, Any]]:
    """Each question answered in turn (None: skipped); what the last answer brought."""
    out: list[dict[str, Any]] = []
    for answer in answers:
        out = await session.say(person, answer if answer is not None else "/skip")
    return out


async def a_newcomer_after(session: Session, person: str = "amal", language: str = "English"
                           ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An organiser's event, and a newcomer whose reflection on it just started: the event's
    row and the first question."""
    await make_organiser(session)
    event = await an_event(session)
    await session.onboard(person, language=language)
    return event, await reflection_after(session, person, event)


async def one_point_kept(session: Session, event: dict[str, Any], words: str) -> None:
    """Amal reflects on the event, answers only "next time", and keeps that growth point."""
    await reflection_after(session, "amal", event)
    await answer_all(session, "amal", [None, None, None, words, None])
    await session.press("amal", KEEP)


async def test_growth_points_come_from_my_words_and_i_keep_change_or_drop_each(
    session: Session,
) -> None:
    event, [first] = await a_newcomer_after(session)
    assert first["text"] == f"{INTRO}\n\nWhat went well?"
    assert "Skip ⏭" in labels(first)
    out = await session.say("amal", "I talked to three employers.  It was busy.")
    assert out[-1]["text"] == "Why did it go well?"
    out = await session.press("amal", "Skip ⏭")
    assert out[-1]["text"] == "What did not go well?"
    out = await session.say("amal", "I was late. The bus was slow.")
    assert out[-1]["text"] == "What will you do next time?"
    out = await session.say("amal", "I will bring printed CVs next time! And a pen.")
    assert out[-1]["text"] == "What will you not do next time?"
    out = await session.say("amal", "I will not wait at the back.")
    # Nothing is said in between: the bot does not counsel.
    assert texts(out) == (
        "Thank you for looking back.\n\n"
        "From your answers, I propose growth points in your own words. You decide about each "
        "one: keep it, change the words, or drop it.\n\nGrowth point 1 of 3:\n\n"
        "🌱 I will bring printed CVs next time!")
    assert labels(out[-1]) == [KEEP, CHANGE, DROP, "☰ Menu"]

    out = await session.press("amal", KEEP)
    assert texts(out) == ("Kept: I will bring printed CVs next time!\n\n"
                          "Growth point 2 of 3:\n\n🌱 I talked to three employers.")
    out = await session.press("amal", CHANGE)
    assert texts(out) == "Type this growth point in your own words, in one short sentence."
    out = await session.say("amal", "  I talk   to employers with confidence.  ")
    assert texts(out) == ("Kept: I talk to employers with confidence.\n\n"
                          "Growth point 3 of 3:\n\n🌱 I was late.")
    out = await session.press("amal", DROP)
    assert texts(out).startswith("Your growth points are in your profile")
    assert "My profile" in labels(out[-1])
    # The organiser is told nothing of it.
    assert all(line.get("to") != "olga" for line in out)

    rows = await kept_points(session)
    assert [row["text"] for row in rows] == ["I will bring printed CVs next time!",
                                             "I talk to employers with confidence."]
    assert {(row["event_id"], row["event_title"]) for row in rows} == {
        (event["id"], "Jobdate Oostende")}
    assert rows[0]["event_at"] == event["starts_at"]

    await session.press("amal", "My profile")
    out = await session.press("amal", "🌱 My growth points")
    assert out[0]["text"] == (
        "🌱 My growth points:\n\nJobdate Oostende, 20 January 2026\n"
        "- I will bring printed CVs next time!\n- I talk to employers with confidence.\n\n"
        "To remove one, tap it.")
    out = await session.press("amal", "🗑 I will bring printed CVs next time!")
    assert texts(out).startswith("Removed: I will bring printed CVs next time!")
    assert [row["text"] for row in await kept_points(session)] == [
        "I talk to employers with confidence."]


async def test_in_arabic_the_questions_and_my_words_stay_mine(session: Session) -> None:
    event, [first] = await a_newcomer_after(session, "rania", "العربية")
    # The Dutch event name is isolated inside the Arabic sentence.
    assert first["text"].startswith("انظر إلى \u2068Jobdate Oostende\u2069 من خلال بعض "
                                    "الأسئلة. هذا ليس امتحانًا")
    assert first["text"].endswith("ما الذي سار بشكل جيد؟")
    await answer_all(session, "rania", ["تكلمت مع صاحب عمل. كان لطيفا", None, None])
    out = await session.say("rania", "سأسأل أسئلة أكثر؟ وسأصل مبكرا")
    out = await session.press("rania", "تخطي ⏮")  # Skip points left, the way Arabic reads
    # Two points, from her own words: the skipped questions give none.
    assert texts(out).endswith("نقطة النمو \u20681\u2069 من \u20682\u2069:\n\n🌱 سأسأل أسئلة أكثر؟")
    assert labels(out[-1])[:3] == ["✅ احتفظ بها", "✏ غيّر الكلمات", "🗑 احذفها"]
    out = await session.press("rania", "✅ احتفظ بها")
    assert texts(out).endswith(
        "نقطة النمو \u20682\u2069 من \u20682\u2069:\n\n🌱 تكلمت مع صاحب عمل.")
    await session.press("rania", "🗑 احذفها")
    assert [row["text"] for row in await kept_points(session)] == ["سأسأل أسئلة أكثر؟"]
    state = await state_of(session, "rania")
    answers = state["instances"]["event_reflection"][str(event["id"])]["answers"]
    assert answers["went_well"] == "تكلمت مع صاحب عمل. كان لطيفا"
    assert answers["why"] is None


async def test_all_skipped_proposes_nothing_and_keeps_nothing(session: Session) -> None:
    await a_newcomer_after(session)
    out = await answer_all(session, "amal", [None] * 5)
    assert texts(out).startswith("Thank you for looking back.\n\nYou skipped the questions, "
                                 "so there are no growth points")
    assert await kept_points(session) == []


async def test_the_coach_sees_growth_points_only_while_the_newcomer_shares(
    session: Session,
) -> None:
    await make_organiser(session)
    event = await an_event(session)
    await session.onboard("sara")
    await session.onboard("amal")
    await one_point_kept(session, event, "I will ask about the job's hours.")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})

    async def coach_reads() -> str:
        await session.say("sara", "/menu")
        out = await session.press("sara", "My newcomers")
        [profile, _] = await session.press("sara", labels(out[-1])[0])
        text: str = profile["text"]
        return text

    before = await coach_reads()
    assert "has not answered yet" in before and "ask about the job" not in before
    await session.press("amal", "Yes, my coach may see it")
    profile = await coach_reads()
    # The profile, not yet the growth points: they are a consent of their own.
    assert profile.startswith("Profile of Amal") and "ask about the job" not in profile
    await choose(session, "amal", "My coach may see my growth points", "Yes, I agree")
    shared = await coach_reads()
    assert shared.endswith("Growth points\nJobdate Oostende, 20 January 2026\n"
                           "- I will ask about the job's hours.")
    await choose(session, "amal", "My coach may see my growth points", "No")
    assert "ask about the job" not in await coach_reads()
    await choose(session, "amal", "My coach may see my growth points", "Yes, I agree")
    await session.say("amal", "/privacy")
    await session.press("amal", "Stop sharing with my coach")
    after = await coach_reads()
    assert "ask about the job" not in after


async def test_two_events_are_kept_apart(session: Session) -> None:
    await make_organiser(session)
    jobdate = await an_event(session)
    workshop = await an_event(session, "CV workshop")
    await session.onboard("amal")
    await one_point_kept(session, jobdate, "I will ask questions.")
    [first] = await reflection_after(session, "amal", workshop)
    assert first["text"].startswith("Look back on CV workshop with a few questions.")
    await answer_all(session, "amal", ["My CV is clear now.", None, None, None, None])
    await session.press("amal", KEEP)
    runs = (await state_of(session, "amal"))["instances"]["event_reflection"]
    assert {key: run["answers"]["next_time"] for key, run in runs.items()} == {
        str(jobdate["id"]): "I will ask questions.", str(workshop["id"]): None}
    rows = await kept_points(session)
    assert {row["event_id"]: row["text"] for row in rows} == {
        jobdate["id"]: "I will ask questions.", workshop["id"]: "My CV is clear now."}
    await session.say("amal", "/menu")
    await session.press("amal", "My profile")
    out = await session.press("amal", "🌱 My growth points")
    assert "CV workshop, 20 January 2026\n- My CV is clear now." in out[0]["text"]
    assert "Jobdate Oostende, 20 January 2026\n- I will ask questions." in out[0]["text"]


async def test_my_data_lists_them_the_export_holds_them_and_erasure_removes_them(
    session: Session,
) -> None:
    await make_organiser(session)
    event = await an_event(session)
    await session.onboard("amal")
    await one_point_kept(session, event, "I will ask questions.")
    [page] = await session.say("amal", "/privacy")
    assert ("- Your growth points:\n  Jobdate Oostende, 20 January 2026\n"
            "  - I will ask questions.") in page["text"]
    out = await session.press("amal", "📄 Export my data")
    [document] = [line for line in out if line.get("kind") == "document"]
    data = json.loads(Path(document["file"]).read_text(encoding="utf-8"))
    [point] = data["growth_points"]
    assert (point["text"], point["event_title"]) == ("I will ask questions.", "Jobdate Oostende")
    assert point["event_at"].startswith("2026-01-20T13:00")
    await session.say("amal", "/privacy")
    await session.press("amal", "Delete all my data")
    await session.press("amal", "Yes, delete everything")
    assert await kept_points(session) == []
    # The organiser's event stays, and with it nothing of Amal's.
    assert [row["title"] for row in await stored_events(session)] == ["Jobdate Oostende"]


async def test_words_of_danger_are_never_kept_as_a_reflection_or_a_growth_point(
    session: Session,
) -> None:
    _, [question] = await a_newcomer_after(session)
    danger = "I want to end my life"
    out = await session.say("amal", danger)
    assert out[0]["text"].startswith("You are not alone.")
    assert out[-1]["text"] == question["text"]  # the same question again
    await answer_all(session, "amal", [None, None, None, "I will ask questions.", None])
    await session.press("amal", CHANGE)
    out = await session.say("amal", danger)
    assert out[0]["text"].startswith("You are not alone.")
    assert out[-1]["text"].startswith("Type this growth point")
    state = await state_of(session, "amal")
    assert danger not in str(state)
    assert await kept_points(session) == []
    assert danger not in texts(out[1:])


def test_a_flow_may_end_only_on_a_screen_that_exists(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    flow = content / "event_reflection.yaml"
    flow.write_text(flow.read_text().replace("then: growth_review", "then: growth_nowhere"))
    with pytest.raises(ContentError, match="unknown screen 'growth_nowhere' after the flow"):
        load_content(content)
