"""An admin unlinks a newcomer from their coach: the meetings still ahead are cancelled (the
newcomer told in their language, with a calendar cancellation), their open conversation is
closed, both sides are told, and nothing the coach writes reaches the newcomer any more."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import appointments, handoffs, reminders
from tests.harness import Session, query
from tests.test_appointments import calendar_of, plan
from tests.test_coach_care import linked, staff, text_to, to


async def unlink_in_the_chat(session: Session) -> list[dict]:
    await session.say("anna", "/menu")
    await session.press("anna", "Coaches and newcomers")
    await session.press("anna", "amal → sara")
    return await session.press("anna", "Unlink from their coach")


async def test_unlinking_cancels_meetings_ahead_and_closes_the_conversation(
    session: Session,
) -> None:
    await staff(session, ("anna", "admin"))
    await linked(session, language="العربية")
    await plan(session, "08/01 10:00")
    await session.say("amal", "/person", name="Amal")
    await session.press("amal", 1, name="Amal")  # talk to a coach here
    await session.press("amal", 1, name="Amal")  # send
    await session.press("sara", "✋ I take it", name="Sara")
    out = await unlink_in_the_chat(session)
    told = [line for line in to(out, "amal") if line.get("kind") == "message"]
    # No longer your coach, first; the Latin name is isolated in the Arabic sentence.
    assert told[0]["text"].startswith("\u2068Sara\u2069 لم يعد مرشدك.")
    assert any(line["text"].startswith("هذا الموعد لن يتم:") for line in told[1:])
    [document] = [line for line in to(out, "amal") if line.get("kind") == "document"]
    event = calendar_of(document)
    assert str(event["status"]) == "CANCELLED" and event["uid"] == "brug-appointment-1@brug"
    assert "انتهت المحادثة" in told[-1]["text"]
    assert "Your meetings ahead with them are cancelled and your conversation is closed." \
        in text_to(out, "sara")
    [meeting] = await query(session.app, select(appointments.c.status))
    assert meeting["status"] == "cancelled"
    [talk] = await query(session.app, select(handoffs.c.closed_by, handoffs.c.closed_at))
    assert talk["closed_by"] == "unlink" and talk["closed_at"] is not None
    assert await query(session.app, select(reminders.c.id).where(
        reminders.c.kind == "appointment:1", reminders.c.done_at.is_(None))) == []
    assert await session.advance("P4D") == []  # no meeting reminders
    out = await session.say("sara", "Are you still there?", name="Sara")
    assert to(out, "amal") == []
    # The newcomer is back with Brug: what they write is not relayed.
    out = await session.say("amal", "/menu")
    assert to(out, "sara") == []


async def test_a_past_meeting_and_another_coachs_talk_are_left_alone(session: Session) -> None:
    await staff(session, ("anna", "admin"))
    await linked(session)
    await plan(session, "06/01 10:00")
    await session.advance("P2D")
    out = await unlink_in_the_chat(session)
    assert "cancelled" not in text_to(out, "sara")
    assert [line for line in to(out, "amal") if line.get("kind") == "document"] == []
    [meeting] = await query(session.app, select(appointments.c.status))
    assert meeting["status"] == "planned"
