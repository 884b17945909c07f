"""The intake as newcomers meet it: sections in My profile, skip logic, sensitive questions,
summaries and edits. The personas come from the source documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import ROOT, Session, labels, query, run_simulate, texts

SECTIONS = ["You and your life now", "Work and studies", "Diplomas", "Languages",
            "Papers and work", "Integration and Dutch classes", "Practical things",
            "Phone and computer", "Help you want"]


async def answers(session: Session, user: str, section: str) -> dict[str, Any]:
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    return dict(row["state"]["flows"][section]["answers"])


async def open_section(session: Session, user: str, section: str) -> list[dict[str, Any]]:
    await session.onboard(user)
    out = await session.press(user, "My profile")
    assert labels(out[-1])[:9] == SECTIONS
    return await session.press(user, section)


async def test_a_cleaner_without_a_foreign_diploma_gets_no_recognition_questions(
    session: Session,
) -> None:
    out = await open_section(session, "drita", "Diplomas")
    assert out[-1]["text"] == "Do you have a diploma or certificate from another country?"
    out = await session.press("drita", "No")
    assert out[-1]["text"].startswith("Do you have a diploma or certificate from Belgium?")
    [summary] = await session.press("drita", "No")
    assert summary["text"].startswith("Diplomas: this is what you told me.")
    assert "NARIC" not in summary["text"] and "Recognition" not in summary["text"]
    assert labels(summary)[-2] == "Next part: Languages"  # the next part not yet done
    assert await answers(session, "drita", "intake_diplomas") == {
        "foreign_diploma": "no", "be_certificate": "no"}


async def test_an_engineer_whose_recognition_was_refused_is_asked_why_and_can_edit(
    session: Session,
) -> None:
    await open_section(session, "samir", "Diplomas")
    await session.press("samir", "Yes")
    await session.say("samir", "Master in civil engineering, Damascus University")
    await session.press("samir", 1)  # all the papers
    out = await session.press("samir", "Refused")
    assert "why it was refused" in out[-1]["text"]
    out = await session.say("samir", "They said my courses were too different.")
    [summary] = await session.press("samir", "No")
    assert "Master in civil engineering, Damascus University" in summary["text"]
    assert "They said my courses were too different." in summary["text"]
    # Change the recognition: the question that now applies is asked, then the summary again.
    edit = next(label for label in labels(summary) if label.startswith("✏") and
                "ecogni" in label)
    out = await session.press("samir", edit)
    assert "NARIC" in out[-1]["text"]
    out = await session.press("samir", "Recognised")
    assert "equal to in Belgium" in out[-1]["text"]
    [summary] = await session.say("samir", "Bachelor in engineering")
    assert "Bachelor in engineering" in summary["text"]
    assert "too different" not in summary["text"]  # no longer applies, so not shown
    stored = await answers(session, "samir", "intake_diplomas")
    assert stored["recognition"] == "recognised" and stored["be_certificate"] == "no"


async def test_every_sensitive_question_can_be_skipped(session: Session) -> None:
    out = await open_section(session, "amal", "Papers and work")
    for _ in range(4):
        assert "Skip ⏭" in labels(out[-1])
        assert "You can skip" in out[-1]["text"] or "skip" in out[-1]["text"].lower()
        out = await session.press("amal", "Skip ⏭")
    [summary] = out
    assert summary["text"].count("(skipped)") == 4
    assert await answers(session, "amal", "intake_residence") == {
        "right_to_work": None, "document_end": None, "waiting_answer": None,
        "papers_questions": None}


async def test_a_date_is_checked_and_read_in_any_digits(session: Session) -> None:
    await open_section(session, "amal", "Papers and work")
    out = await session.press("amal", "Skip ⏭")
    out = await session.say("amal", "31-02-2027")
    assert out[0]["text"].startswith("Please type a date as day-month-year")
    out = await session.say("amal", "٣٠-٠٦-٢٠٢٧")
    assert out[-1]["text"].startswith("Are you waiting for an answer about your residence papers?")
    assert (await answers(session, "amal", "intake_residence"))["document_end"] == "2027-06-30"


async def test_nothing_urgent_stands_alone_and_a_needed_question_wants_an_answer(
    session: Session,
) -> None:
    await open_section(session, "omid", "You and your life now")
    await session.press("omid", "18 to 25")
    await session.press("omid", 1)
    await session.say("omid", "Gent")
    out = await session.press("omid", "Done")
    assert out[0]["text"].startswith("Please choose at least one")
    await session.press("omid", "alone")
    await session.press("omid", "Done")
    await session.press("omid", "Skip ⏭")  # where the money comes from: sensitive
    await session.press("omid", "A place to live")
    out = await session.press("omid", "Nothing urgent right now")
    assert labels(out[-1])[0] == "A place to live"  # unticked by "Nothing urgent"
    assert "✓ Nothing urgent right now" in labels(out[-1])
    await session.press("omid", "Done")
    stored = await answers(session, "omid", "intake_you")
    assert stored["urgent"] == ["nothing"] and "urgent_talk" not in stored


async def test_leaving_in_the_middle_and_coming_back_in_a_new_process(database: str) -> None:
    db = database
    start = [{"user": "amal", "text": "/start"}, {"user": "amal", "press": "English"},
             {"user": "amal", "press": "Continue"}, {"user": "amal", "press": "Yes, I agree"},
             {"user": "amal", "press": "My profile"}, {"user": "amal", "press": "Work and studies"},
             {"user": "amal", "press": "In another country"}]
    run_simulate(start, db)
    later = run_simulate([{"user": "amal", "text": "/start"}], db)
    assert "You were at: Work and studies, question 1 of 10." in texts(later)
    later = run_simulate([{"user": "amal", "press": "Done"},
                          {"user": "amal", "text": "Accountant in Aleppo, 12 years"}], db)
    assert "Do you have paid work now?" not in texts(later)  # only asked after Belgium
    out = run_simulate([{"user": "amal", "text": "/menu"}, {"user": "amal", "press": "My profile"}],
                       db)
    profile = [line for line in out if "options" in line][-1]
    assert "… Work and studies" in labels(profile)


async def test_an_urgent_need_is_answered_with_where_to_get_help_before_going_on(
    session: Session,
) -> None:
    await open_section(session, "drita", "You and your life now")
    await session.press("drita", "26 to 35")
    await session.press("drita", 1)
    await session.say("drita", "Antwerpen")
    await session.press("drita", "My children")
    await session.press("drita", "Done")
    await session.press("drita", "Skip ⏭")
    await session.press("drita", "A place to live")
    [out] = await session.press("drita", "Done")
    assert out["text"].startswith("A place to live comes first. The OCMW")
    assert "www.caw.be" in out["text"]
    assert out["text"].endswith("A coach who may see your profile gets a message.")
    assert labels(out)[:2] == ["Yes", "No"]  # the coach question


async def test_a_coach_who_sees_the_profile_is_told_when_urgent_help_is_wanted(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.onboard("drita")
    await session.feed({"user": "sara", "link": "drita", "label": "Drita"})
    await session.press("drita", "Yes, my coach may see it")
    await session.say("drita", "/menu")
    await session.press("drita", "My profile")
    await session.press("drita", "You and your life now")
    for press in ["26 to 35", 1]:
        await session.press("drita", press)
    await session.say("drita", "Gent")
    for press in ["My children", "Done", "Skip ⏭", "Money for food or bills", "Done"]:
        out = await session.press("drita", press)
    assert [line for line in out if line.get("to") == "sara"] == []
    out = await session.press("drita", "Yes")
    [told] = [line["text"] for line in out if line.get("to") == "sara"]
    assert told.startswith("🙋 Drita asks a coach for help.\nAbout: Help with urgent need\n")
    assert (await answers(session, "drita", "intake_you"))["urgent_talk"] == "yes"


async def test_a_document_end_date_that_has_passed_is_questioned_not_refused(
    session: Session,
) -> None:
    await open_section(session, "amal", "Papers and work")
    await session.press("amal", "Skip ⏭")
    [out] = await session.say("amal", "01-12-2025")  # the simulated clock says 5 January 2026
    assert out["text"].startswith("1 December 2025 has passed. Is this date right?")
    assert labels(out)[0] == "Yes, this date is right"
    out = await session.press("amal", "Yes, this date is right")
    assert out[-1]["text"].startswith("Are you waiting for an answer")
    assert (await answers(session, "amal", "intake_residence"))["document_end"] == "2025-12-01"


async def test_a_document_ending_in_30_days_brings_a_reminder_when_the_day_comes(
    session: Session,
) -> None:
    await open_section(session, "amal", "Papers and work")
    await session.press("amal", "Skip ⏭")
    await session.say("amal", "04-02-2026")  # 30 days after 5 January 2026, 09:00
    assert await session.advance("PT22H") == []  # never at once: the next morning, 08:00 UTC
    [reminder] = await session.advance("PT1H")
    assert reminder["text"].startswith("Your residence document ends on 4 February 2026.")
    later = await session.advance("P40D")  # the unfinished part is recalled, the date is not
    assert "residence document ends" not in texts(later)
    assert texts(later).startswith("You did not finish this yet.")


async def test_the_follow_up_talk_wish_is_kept_in_the_profile(session: Session) -> None:
    await open_section(session, "omid", "Help you want")
    await session.press("omid", "Finding a job")
    await session.press("omid", "Done")
    await session.press("omid", 1)
    await session.press("omid", "Nobody right now")
    await session.press("omid", "Done")
    await session.press("omid", "No")  # not registered at VDAB
    await session.press("omid", "Yes")  # wants a coach
    await session.press("omid", 3)  # how sure to find work
    await session.press("omid", "Nobody yet")
    await session.press("omid", 2)  # starting a talk with new people
    await session.press("omid", "Skip ⏭")
    # A yes to a question that asks for a coach offers a talk with one, never forced.
    [offer, summary] = await session.press("omid", "Yes")
    assert labels(offer) == ["💬 Talk to a coach"]
    assert "- Follow-up talk: Yes" in summary["text"]
    assert (await answers(session, "omid", "intake_help"))["follow_up"] == "yes"


async def finish_help_section(session: Session, user: str) -> None:
    await open_section(session, user, "Help you want")
    for press in ["Finding a job", "Done", 1, "Nobody right now", "Done", "No", "Yes", 2,
                  "Nobody yet", 1, "Skip ⏭", "Yes"]:
        await session.press(user, press)


async def test_three_months_later_the_chosen_questions_come_again_and_show_what_changed(
    session: Session,
) -> None:
    await finish_help_section(session, "omid")
    assert await session.advance("P90D") == []
    [first] = await session.advance("P2D")
    assert first["text"].startswith("It is three months since you told me about yourself.")
    assert first["text"].endswith("1 is not sure at all, 5 is very sure.")
    assert "😄 5" in labels(first)
    await session.press("omid", 4)
    await session.press("omid", "3 to 5 people")
    [thanks] = await session.press("omid", 3)
    assert thanks["text"].startswith("Thank you.\n\nWhat changed:")
    assert "- How sure you are to find work: 🙁 2 on 5 January 2026, now 🙂 4" in thanks["text"]
    assert "- People who could help: Nobody yet on 5 January 2026, now 3 to 5 people" in \
        thanks["text"]
    out = await session.press("omid", "My profile")
    assert out[-1]["text"].startswith("What changed:")
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == "omid"))
    assert row["state"]["measures"]["network"] == [["2026-01-05", "none"], ["2026-04-07", "some"]]


def option_number(message: dict[str, Any], option_id: str) -> int:
    """The number to type for an option, found by its id (labels differ per language)."""
    return [option["id"] for option in message["options"]].index(option_id) + 1


async def walk_whole_intake(session: Session, user: str, language: str,
                            skip_optional: bool = False) -> list[str]:
    """Answer every section as a person would, by what each message offers; the summaries."""
    await session.onboard(user, language=language)
    menu = await session.say(user, "/menu")
    out = await session.press(user, option_number(menu[-1], "profile"))
    out = await session.press(user, 1)  # its first part
    summaries: list[str] = []
    for _ in range(200):
        message = out[-1]
        ids = [option["id"] for option in message.get("options", [])]
        if any(i.startswith("edit_") for i in ids):
            summaries.append(message["text"])
            if "next_part" not in ids:
                return summaries
            out = await session.press(user, ids.index("next_part") + 1)
        elif skip_optional and "nav_skip" in ids:
            out = await session.press(user, ids.index("nav_skip") + 1)
        elif "done" in ids:  # a multi-choice: tick the first, then Done
            await session.press(user, 1)
            out = await session.press(user, ids.index("done") + 1)
        elif ids and ids[0] not in ("nav_back", "nav_skip", "nav_menu"):
            out = await session.press(user, 1)
        else:  # text or date: a date in the future is a good answer to both
            out = await session.say(user, "12-12-2027")
    raise AssertionError("the intake did not end")


async def test_a_whole_intake_in_dutch(session: Session) -> None:
    summaries = await walk_whole_intake(session, "joris", "Nederlands")
    assert len(summaries) == 9
    assert all(": dit heb je me verteld." in summary for summary in summaries)
    out = await session.say("joris", "/menu")
    out = await session.press("joris", option_number(out[-1], "profile"))
    assert all(label.startswith("✓ ") for label in labels(out[-1])[:9])


async def test_a_whole_intake_in_arabic(session: Session) -> None:
    summaries = await walk_whole_intake(session, "rania", "العربية")
    assert len(summaries) == 9
    assert all("هذا ما أخبرتني به" in summary for summary in summaries)
    assert any("١٢ ديسمبر ٢٠٢٧" in s or "12 ديسمبر 2027" in s for s in summaries)


async def test_every_optional_question_of_the_whole_intake_can_be_skipped(
    session: Session,
) -> None:
    summaries = await walk_whole_intake(session, "tesfay", "English", skip_optional=True)
    assert len(summaries) == 9
    skipped = sum(summary.count("(skipped)") for summary in summaries)
    optional = sum(1 for spec in session.app.conversation.content.group("profile")
                   for step in spec.steps if step.optional and step.when is None)
    assert skipped >= optional >= 10  # every unconditional optional question, at least
    out = await session.press("tesfay", "☰ Menu")
    out = await session.press("tesfay", "My profile")
    assert all(label.startswith("✓ ") for label in labels(out[-1])[:9])


async def test_numbers_typed_in_persian_digits_answer_the_intake(session: Session) -> None:
    out = await open_section(session, "omid", "Languages")
    assert labels(out[-1])[2].startswith("A2")
    out = await session.say("omid", "۳")  # Persian three: the third option
    stored = await answers(session, "omid", "intake_languages")
    assert stored["dutch_level"] == "a2"
    assert out[-1]["text"] == "How do you know this level?"


async def test_after_an_event_the_chosen_questions_come_again(session: Session) -> None:
    await finish_help_section(session, "omid")
    await session.onboard("drita", agree=False)
    out = await session.feed({"event": "Jobdate in Gent", "people": ["omid", "drita", "nobody"]})
    assert {"step": out[0]["step"],
            "error": "not found (they must start the bot first): nobody"} in out
    [first] = [line for line in out if line.get("to") == "omid"]
    assert first["text"].startswith("You took part in: Jobdate in Gent. Here are a few "
                                    "questions again, to see what changed.")
    assert not [line for line in out if line.get("to") == "drita"]  # her answers are not kept
    await session.advance("P1D")
    await session.press("omid", 5)
    await session.press("omid", "3 to 5 people")
    [thanks] = await session.press("omid", 4)
    assert "- How sure you are to find work: 🙁 2 on 5 January 2026, now 😄 5" in thanks["text"]
    # The three-month check-in still comes: the event did not replace it.
    later = await session.advance("P91D")
    assert texts(later).startswith("It is three months since you told me about yourself.")


def test_brug_after_event_says_who_is_asked_and_who_is_not(tmp_path: Path) -> None:
    env = {**os.environ, "BRUG_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "bot", "after-event", "Jobdate", "111"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "asked again: nobody", "not found (they must start the bot first): 111"]
