"""Looking after a newcomer as coaches and admins meet it: words of danger become an urgent
ticket a person takes, missed meetings reach the admins, a coach cancels or moves a meeting,
a talk is offered on the lowest smiley, an admin assigns and unlinks coaches (with a coach's
capacity), and a coach hands a newcomer over to a colleague."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from sqlalchemy import select, update

from bot.app import build_app
from bot.cli import main
from bot.clock import FakeClock
from bot.config import Settings
from bot.storage.tables import appointments, coach_links, handoffs, reminders, users
from bot.types import Incoming
from tests.harness import START, Session, labels, query
from tests.test_appointments import calendar_of, plan
from tests.test_roadmap import start_a_job

Lines = list[dict[str, Any]]
BRUSSELS = ZoneInfo("Europe/Brussels")


def to(lines: Lines, user: str) -> Lines:
    return [line for line in lines if line.get("to") == user]


def text_to(lines: Lines, user: str) -> str:
    return "\n".join(line.get("text", "") for line in to(lines, user))


async def staff(session: Session, *people: tuple[str, str]) -> None:
    """People (name, role) who started the bot and were given a role."""
    for person, role in people:
        await session.onboard(person)
        await session.feed({"user": person, "role": role})


async def tickets(session: Session) -> list[dict[str, Any]]:
    return await query(session.app, select(
        handoffs.c.id, handoffs.c.urgent, handoffs.c.audience, handoffs.c.coach_name,
        handoffs.c.reason, handoffs.c.closed_at))


# Words of danger: an urgent ticket.

async def test_words_of_danger_without_a_coach_go_to_the_pool_and_the_first_claim_wins(
    session: Session,
) -> None:
    await staff(session, ("sara", "coach"), ("omid", "coach"), ("anna", "admin"))
    await session.onboard("amal")
    out = await session.say("amal", "I want to end my life")
    # The person gets the helplines and where they were, nothing else.
    mine = to(out, "amal")
    assert len(mine) == 2 and mine[0]["text"].startswith("You are not alone.")
    for coach in ("sara", "omid"):
        [ticket] = to(out, coach)
        assert ticket["text"].startswith("🚨 URGENT: amal (simulate amal)\n")
        assert "end my life" not in ticket["text"]
        assert labels(ticket) == ["✋ I take it"]
    [admin] = to(out, "anna")
    assert admin["text"].startswith("🚨 URGENT: amal (simulate amal)\nIt went to all coaches.")
    assert labels(admin) == []
    [row] = await tickets(session)
    assert row["urgent"] is True and row["audience"] == "coaches" and row["coach_name"] is None

    out = await session.press("omid", "✋ I take it", name="Omid")
    assert text_to(out, "omid").startswith("You took the request of amal (#1).")
    assert "Omid took the request of amal (#1)." in text_to(out, "sara")
    assert text_to(out, "amal").startswith("Omid, a coach, will answer you here.")
    out = await session.press("sara", "✋ I take it", name="Sara")
    assert "Omid took this request already." in text_to(out, "sara")
    # The newcomer now writes to Omid, and Omid back.
    out = await session.say("amal", "Can you call me?")
    assert "Can you call me?" in text_to(out, "omid")
    out = await session.say("omid", "Yes, in five minutes.")
    assert "Yes, in five minutes." in text_to(out, "amal")


async def test_words_of_danger_go_to_the_persons_own_coach_and_no_second_ticket_while_open(
    session: Session,
) -> None:
    await staff(session, ("sara", "coach"), ("omid", "coach"), ("anna", "admin"))
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal B."})
    out = await session.say("amal", "I don't want to live anymore")
    [ticket] = to(out, "sara")
    assert ticket["text"].startswith("🚨 URGENT: Amal B. (simulate amal)")
    assert labels(ticket) == ["✋ I take it"]
    assert to(out, "omid") == [] and to(out, "anna") == []
    # Again before anyone took it: the same ticket, its coach told again.
    out = await session.say("amal", "I want to die")
    [again] = to(out, "sara")
    assert "They wrote words of danger again." in again["text"] and "#1" in again["text"]
    assert len(await tickets(session)) == 1
    await session.press("sara", "✋ I take it", name="Sara")
    out = await session.say("amal", "I want to die")
    assert len(await tickets(session)) == 1
    assert "They wrote words of danger again." in text_to(out, "sara")
    assert labels(to(out, "sara")[0]) == []  # taken already: nothing to claim


async def test_a_request_already_open_becomes_urgent(session: Session) -> None:
    await staff(session, ("sara", "coach"))
    await session.onboard("amal")
    await session.say("amal", "/person")
    await session.press("amal", "💬 Talk to a coach here")
    await session.press("amal", "✅ Send")
    [row] = await tickets(session)
    assert row["urgent"] is False
    out = await session.say("amal", "I want to end my life")
    assert to(out, "amal")[0]["text"].startswith("You are not alone.")
    assert text_to(out, "sara").startswith("🚨 URGENT: amal (simulate amal)")
    [row] = await tickets(session)
    assert row["urgent"] is True


# An admin assigns and unlinks.

async def links(session: Session) -> list[tuple[str, str]]:
    coach, newcomer = users.alias("coach"), users.alias("newcomer")
    rows = await query(session.app, select(coach.c.external_id.label("c"),
                                           newcomer.c.external_id.label("n"))
                       .join(coach_links, coach_links.c.coach_id == coach.c.id)
                       .join(newcomer, newcomer.c.id == coach_links.c.newcomer_id)
                       .order_by(coach_links.c.id))
    return [(row["c"], row["n"]) for row in rows]


async def test_an_admin_assigns_up_to_the_capacity_and_unlinks(session: Session) -> None:
    await staff(session, ("sara", "coach"))
    for newcomer in ("amal", "bilal", "carla"):
        await session.onboard(newcomer, language="Nederlands" if newcomer == "amal"
                              else "English")
    app = session.app
    assert (await app.assign("simulate", "amal", "sara", label="Amal")).outcome == "assigned"
    out = await session.advance("PT0S")
    assert "Een admin gaf je een coach: sara." in text_to(out, "amal")
    # The share question follows, in the newcomer's language.
    assert "Ja, mijn coach mag het zien" in labels(to(out, "amal")[-1])
    assert text_to(out, "sara").startswith("An admin linked Amal to you. You have 1 "
                                           "newcomer now.")
    assert (await app.assign("simulate", "bilal", "sara")).load == 2
    await session.advance("PT0S")
    # Beyond the capacity (2): refused, nothing changes, nobody is told.
    over = await app.assign("simulate", "carla", "sara")
    assert (over.outcome, over.load, over.capacity) == ("over", 2, 2)
    assert await session.advance("PT0S") == []
    assert ("sara", "carla") not in await links(session)
    forced = await app.assign("simulate", "carla", "sara", force=True)
    assert (forced.outcome, forced.load) == ("assigned", 3)
    out = await session.advance("PT0S")
    assert "more than your capacity of 2" in text_to(out, "sara")
    assert (await app.assign("simulate", "carla", "sara")).outcome == "already"

    await session.say("amal", "/menu")
    before = await query(app, select(users.c.state, users.c.consent)
                         .where(users.c.external_id == "amal"))
    assert await app.unlink("simulate", "amal") == ["sara"]
    out = await session.advance("PT0S")
    assert "sara is niet langer je coach. Alles wat je Brug vertelde, blijft van jou." \
        in text_to(out, "amal")
    assert "An admin unlinked Amal from you." in text_to(out, "sara")
    assert await links(session) == [("sara", "bilal"), ("sara", "carla")]
    after = await query(app, select(users.c.state, users.c.consent)
                        .where(users.c.external_id == "amal"))
    assert after == before  # the newcomer keeps their data
    assert await app.unlink("simulate", "amal") == []


def started_on_telegram(data_dir: Path, coaches: tuple[str, ...], *people: str) -> None:
    """People who said /start on Telegram (by their ids); `coaches` of them have the role."""

    async def start() -> None:
        app = await build_app(Settings(data_dir=data_dir), FakeClock(START))
        try:
            for person in people:
                await app.handle(Incoming(channel="telegram", user=person, time=START,
                                          kind="command", text="/start", command="start"))
            await app.store.run(lambda repo: repo.conn.execute(
                update(users).where(users.c.external_id.in_(coaches)).values(role="coach")))
        finally:
            await app.close()

    asyncio.run(start())


def test_brug_assign_needs_force_beyond_the_capacity(tmp_path: Path) -> None:
    env = {"BRUG_DATA_DIR": str(tmp_path), "BRUG_COACH_CAPACITY": "1"}
    started_on_telegram(tmp_path, ("111",), "111", "222", "333")
    runner = CliRunner()
    result = runner.invoke(main, ["assign", "222", "999"], env=env)
    assert result.exit_code == 1 and "not found on telegram: 999" in result.output
    result = runner.invoke(main, ["assign", "333", "222"], env=env)
    assert result.exit_code == 1 and "222 is not a coach" in result.output
    result = runner.invoke(main, ["assign", "222", "111"], env=env)
    assert result.exit_code == 0, result.output
    assert "assigned 111 to 222; 111 has 1 newcomers now" in result.output
    result = runner.invoke(main, ["assign", "333", "111"], env=env)
    assert result.exit_code == 1
    assert "111 has 1 newcomers already and a capacity of 1; nothing changed" in result.output
    result = runner.invoke(main, ["assign", "333", "111", "--force"], env=env)
    assert result.exit_code == 0 and "over the capacity of 1" in result.output
    result = runner.invoke(main, ["unlink", "222"], env=env)
    assert result.exit_code == 0
    assert result.stdout.strip() == "unlinked 222 from 111; both are told"


# Missed meetings, and the lowest smiley: a person offered, never forced.

async def linked(session: Session, coach: str = "sara", newcomer: str = "amal",
                 language: str = "English") -> None:
    await session.onboard(coach)
    await session.feed({"user": coach, "role": "coach"})
    await session.onboard(newcomer, language=language)
    await session.feed({"user": coach, "link": newcomer, "label": newcomer.title()})
    await session.press(newcomer, 1)  # yes, my coach may see my profile


async def mark_missed(session: Session, which: int) -> Lines:
    await session.say("sara", "/menu")
    await session.press("sara", "My meetings")
    await session.press("sara", which)
    return await session.press("sara", "❌ They did not come")


async def test_two_no_shows_open_a_ticket_for_the_admins_and_offer_the_newcomer_a_person(
    session: Session,
) -> None:
    await staff(session, ("anna", "admin"))
    await linked(session)
    await plan(session, "06/01 10:00")
    await plan(session, "08/01 10:00")
    await session.advance("P4D")
    out = await mark_missed(session, 2)
    assert to(out, "anna") == [] and await tickets(session) == []
    out = await mark_missed(session, 1)
    [ticket] = to(out, "anna")
    assert ticket["text"].startswith("⚠️ Amal missed two meetings in a row with their coach "
                                     "(simulate sara).")
    assert "Why: They missed two meetings in a row with their coach" in ticket["text"]
    assert labels(ticket) == ["✋ I take it"]
    [row] = await tickets(session)
    assert (row["audience"], row["urgent"], row["coach_name"]) == ("admins", False, None)
    # The newcomer is offered a person in their own turn; they may say no.
    [offer] = to(out, "amal")
    assert offer["text"].startswith("You missed two meetings with your coach.")
    assert labels(offer)[:2] == ["💬 Yes, talk to a person", "No, thank you"]
    out = await session.press("amal", "💬 Yes, talk to a person")
    assert text_to(out, "amal").startswith("A person will answer you here.")
    out = await session.say("amal", "I was ill, sorry")
    assert "Kept." in text_to(out, "amal") and to(out, "anna") == []
    # The admin takes it and reads what was kept; the newcomer hears who answers.
    out = await session.press("anna", "✋ I take it", name="Anna")
    assert text_to(out, "anna").startswith("You took the request of Amal (#1).")
    assert "I was ill, sorry" in text_to(out, "anna")
    assert "Anna, a coach, will answer you here." in text_to(out, "amal")
    out = await session.say("anna", "Get well soon. Shall we plan again?")
    assert "Get well soon." in text_to(out, "amal")
    assert len(await tickets(session)) == 1


async def test_missed_meetings_open_no_second_ticket_and_no_is_fine(session: Session) -> None:
    await staff(session, ("anna", "admin"))
    await linked(session)
    for day in ("06/01 10:00", "07/01 10:00", "08/01 10:00"):
        await plan(session, day)
    await session.advance("P4D")
    await mark_missed(session, 3)
    await mark_missed(session, 2)
    out = await session.press("amal", "No, thank you")
    assert text_to(out, "amal").startswith("That is fine. You can ask for a person")
    out = await mark_missed(session, 1)
    assert "⚠️ Amal missed two meetings in a row" in text_to(out, "anna")
    assert len(await tickets(session)) == 1


async def a_talk_that_ended(session: Session) -> Lines:
    """amal asked for a coach, sara took it, and amal ended it: the smiley question."""
    await staff(session, ("sara", "coach"))
    await session.onboard("amal")
    await session.say("amal", "/person")
    await session.press("amal", "💬 Talk to a coach here")
    await session.press("amal", "✅ Send")
    await session.press("sara", "✋ I take it", name="Sara")
    return await session.press("amal", "End the conversation")


async def test_the_lowest_smiley_after_a_talk_offers_a_person_again(session: Session) -> None:
    out = await a_talk_that_ended(session)
    assert "Did the talk with the coach help you?" in text_to(out, "amal")
    out = await session.press("amal", 1)  # the lowest smiley
    assert text_to(out, "amal").startswith("Thank you.\n")
    assert "I am sorry it did not help. Do you want to talk to a person again?" \
        in text_to(out, "amal")
    out = await session.press("amal", "💬 Yes, talk to a person")
    # What a coach would get is shown first, and the newcomer chooses what to send.
    assert out[0]["text"].startswith("A coach can talk with you here in the chat.")
    assert "- Why: The talk with a coach did not help them" in out[0]["text"]
    await session.press("amal", "☑ Steps to a job")
    out = await session.press("amal", "✅ Send")
    [request] = to(out, "sara")
    assert "Why: The talk with a coach did not help them" in request["text"]
    assert "Steps to a job" not in request["text"]
    [first, second] = await query(session.app, select(handoffs.c.summary, handoffs.c.rating)
                                  .order_by(handoffs.c.id))
    assert first["rating"] == 1 and "progress" in first["summary"]
    assert second["summary"] == {"language": "en"}


async def test_a_better_smiley_offers_nothing(session: Session) -> None:
    await a_talk_that_ended(session)
    out = await session.press("amal", 2)
    assert "talk to a person again" not in text_to(out, "amal")


async def test_the_lowest_answer_at_a_job_check_in_offers_a_person(session: Session) -> None:
    await staff(session, ("sara", "coach"))
    await start_a_job(session, "12-01-2026")
    await session.advance("P7D")
    [first] = await session.advance("PT8H")
    assert first["text"].startswith("How was your first workday?")
    out = await session.press("amal", "😞 1")
    assert out[-1]["text"].startswith("I am sorry it is hard.")
    out = await session.press("amal", "🙋 Yes, talk to a coach")
    # No coach sees it: what a coach would get is shown, and nothing is sent yet.
    assert out[-1]["text"].startswith("I noted that you want to talk to a coach about your "
                                      "job.\n\nA coach can talk with you here in the chat.")
    assert to(out, "sara") == []
    out = await session.press("amal", "✅ Send")
    assert "Why: Their job: how it is going" in text_to(out, "sara")


# A coach cancels or moves a meeting.

async def test_the_coach_moves_a_meeting_and_the_newcomer_gets_the_new_time_with_a_file(
    session: Session,
) -> None:
    await linked(session, language="Nederlands")
    await plan(session, "08/01 10:00")
    await session.say("sara", "/menu")
    await session.press("sara", "My meetings")
    out = await session.press("sara", 1)
    assert labels(out[-1])[:3] == ["➕ Other times", "🕑 Move it", "🗑 Cancel it"]
    out = await session.press("sara", "🕑 Move it")
    assert "When is the new time?" in out[-1]["text"]
    out = await session.say("sara", "09/01 14:30")
    assert text_to(out, "sara").startswith("Moved. Amal gets the new time")
    [card] = [line for line in to(out, "amal") if line.get("kind") == "message"]
    assert card["text"].startswith("Je nieuwe tijd met je coach:")
    assert "14:30" in card["text"] and "vrijdag 9 januari" in card["text"]
    [document] = [line for line in to(out, "amal") if line.get("kind") == "document"]
    event = calendar_of(document)
    assert event.decoded("dtstart").astimezone(BRUSSELS).strftime("%d/%m %H:%M") == \
        "09/01 14:30"
    # The reminders follow the new time: the evening before at 18:00 and two hours before.
    due = await query(session.app, select(reminders.c.due_at, reminders.c.user_id)
                      .where(reminders.c.kind == "appointment:1",
                             reminders.c.done_at.is_(None)))
    assert sorted({row["due_at"].astimezone(BRUSSELS).strftime("%d/%m %H:%M")
                   for row in due}) == ["08/01 18:00", "09/01 12:30"]


async def test_the_coach_cancels_a_meeting_and_the_newcomer_is_told_with_a_cancellation(
    session: Session,
) -> None:
    await linked(session, language="العربية")
    await plan(session, "08/01 10:00")
    await session.say("sara", "/menu")
    await session.press("sara", "My meetings")
    await session.press("sara", 1)
    out = await session.press("sara", "🗑 Cancel it")
    assert out[-1]["text"].startswith("Cancel your meeting with Amal?")
    out = await session.press("sara", "🗑 Yes, cancel it")
    assert text_to(out, "sara").startswith("Cancelled. Amal is told.")
    [told] = [line for line in to(out, "amal") if line.get("kind") == "message"]
    assert told["text"].startswith("ألغى مرشدك موعدك:")
    [document] = [line for line in to(out, "amal") if line.get("kind") == "document"]
    event = calendar_of(document)
    assert str(event["status"]) == "CANCELLED" and event["uid"] == "brug-appointment-1@brug"
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "cancelled"
    assert await query(session.app, select(reminders.c.id).where(
        reminders.c.kind == "appointment:1", reminders.c.done_at.is_(None))) == []
    assert await session.advance("P3D") == []  # no reminders of a cancelled meeting


# The admin's screen, and a forged assignment.

async def test_an_admin_assigns_in_the_chat_is_warned_at_capacity_and_unlinks(
    session: Session,
) -> None:
    await staff(session, ("anna", "admin"), ("sara", "coach"))
    for newcomer in ("amal", "bilal", "carla"):
        await session.onboard(newcomer)
    await session.say("anna", "/menu")
    out = await session.press("anna", "Coaches and newcomers")
    assert labels(out[-1])[:3] == ["carla (no coach)", "bilal (no coach)", "amal (no coach)"]
    await session.press("anna", "amal (no coach)")
    out = await session.press("anna", "sara (0)")
    assert text_to(out, "anna").startswith("Done: sara is now the coach of amal.")
    assert "An admin gave you a coach: sara." in text_to(out, "amal")
    assert text_to(out, "sara").startswith("An admin linked amal to you.")
    out = await session.press("anna", "Coaches and newcomers")
    assert "amal → sara" in labels(out[-1])
    await session.press("anna", "bilal (no coach)")
    await session.press("anna", "sara (1)")
    await session.press("anna", "Coaches and newcomers")
    await session.press("anna", "carla (no coach)")
    out = await session.press("anna", "sara (2)")
    [warning] = [line for line in to(out, "anna") if "✅ Yes, assign anyway" in labels(line)]
    assert warning["text"] == ("sara has 2 newcomers already; their capacity is 2. Assign "
                               "carla anyway?")
    assert to(out, "carla") == [] and ("sara", "carla") not in await links(session)
    # A newcomer who presses the same button (a forged or forwarded one) changes nothing.
    session.simulator.options.by_user["carla"] = (
        None, [(o["id"], o["label"]) for o in warning["options"]])
    out = await session.press("carla", "✅ Yes, assign anyway")
    assert text_to(out, "carla").startswith("Only admins can do that.")
    assert ("sara", "carla") not in await links(session)
    session.simulator.options.by_user["anna"] = (
        None, [(o["id"], o["label"]) for o in warning["options"]])
    out = await session.press("anna", "✅ Yes, assign anyway")
    assert text_to(out, "anna").startswith("Done: sara is now the coach of carla.")
    assert "more than your capacity of 2" in text_to(out, "sara")
    await session.say("anna", "/menu")
    await session.press("anna", "Coaches and newcomers")
    await session.press("anna", "amal → sara")
    out = await session.press("anna", "Unlink from their coach")
    assert text_to(out, "anna").startswith("Done: amal has no coach now.")
    assert "sara is no longer your coach." in text_to(out, "amal")
    assert await links(session) == [("sara", "bilal"), ("sara", "carla")]


async def test_only_admins_see_the_screen_and_a_forged_assignment_changes_nothing(
    session: Session,
) -> None:
    await staff(session, ("sara", "coach"))
    await session.onboard("amal")
    out = await session.say("sara", "/menu")
    assert "Coaches and newcomers" not in labels(out[-1])
    out = await session.say("amal", "/menu")
    assert "Coaches and newcomers" not in labels(out[-1])
    [sara_id, amal_id] = [row["id"] for row in await query(session.app, select(users.c.id)
                          .where(users.c.external_id.in_(("sara", "amal")))
                          .order_by(users.c.external_id.desc()))]
    for forger in ("amal", "sara"):
        session.simulator.options.by_user[forger] = (
            None, [(f"asg.{amal_id}.{sara_id}", "✅ Yes, assign anyway")])
        out = await session.press(forger, "✅ Yes, assign anyway")
        assert text_to(out, forger).startswith("Only admins can do that.")
    assert await links(session) == []


# A coach hands a newcomer over to a colleague.

async def test_a_coach_hands_a_linked_newcomer_and_their_conversation_to_a_colleague(
    session: Session,
) -> None:
    await linked(session, language="Nederlands")
    await staff(session, ("omid", "coach"))
    await plan(session, "08/01 10:00")
    await session.say("amal", "/person")
    await session.press("amal", "💬 Praat hier met een coach")
    await session.press("amal", 1)  # send all of it
    await session.press("sara", "✋ I take it", name="Sara")
    await session.say("sara", "/menu")
    out = await session.press("sara", "Hand over to a colleague")
    assert labels(out[-1])[:1] == ["Amal"]
    out = await session.press("sara", "Amal")
    assert labels(out[-1])[:1] == ["omid (0)"]
    out = await session.press("sara", "omid (0)")
    assert out[-1]["text"].startswith("Write one line for omid about Amal.")
    out = await session.say("sara", "Looks for work in logistics; prefers calls after 16:00.")
    assert text_to(out, "sara").startswith("Handed over to omid. You no longer see Amal.")
    told = text_to(out, "omid")
    assert told.startswith("🤝 Sara handed Amal over to you.\nTheir note: Looks for work in "
                           "logistics; prefers calls after 16:00.")
    assert "The conversation #1 is yours now" in told
    assert "omid neemt het over van Sara als je coach." in text_to(out, "amal")
    assert "Looks for work" not in text_to(out, "amal")
    # The newcomer is asked whether the new coach may see their profile.
    assert any("Ja, mijn coach mag het zien" in labels(line) for line in to(out, "amal"))
    assert await links(session) == [("omid", "amal")]
    # The conversation goes on with the colleague; the old coach no longer sees it.
    out = await session.say("amal", "Hallo Omid")
    assert "Hallo Omid" in text_to(out, "omid") and to(out, "sara") == []
    out = await session.say("omid", "Hello Amal, I take over from Sara.")
    assert "Hello Amal" in text_to(out, "amal")
    out = await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert "Amal" not in "\n".join([out[-1]["text"], *labels(out[-1])])
    [meeting] = await query(session.app, select(appointments.c.coach_id, users.c.external_id)
                            .join(users, users.c.id == appointments.c.coach_id))
    assert meeting["external_id"] == "omid"
