"""A coach in a conversation with a newcomer who opens a screen that asks them to type (Plan a
meeting: the day and hour, the place, the topic) answers that screen: what they type there is
not sent to the newcomer. A reply to a relayed message still goes to its sender."""

from __future__ import annotations

from tests.harness import Session, texts


async def _talking(session: Session) -> str:
    [line] = await session.feed({"invite": "coach"})
    await session.say("sara", f"/start {line['payload']}", name="Sara")
    await session.press("sara", "English")
    await session.press("sara", 1)
    await session.press("sara", 1)
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", 1)
    await session.say("amal", "/person")
    await session.press("amal", "Talk to a coach here")
    await session.press("amal", 1)
    await session.press("sara", "I take it")
    relayed = await session.say("amal", "Can you help me with my CV?")
    return next(line["text"] for line in relayed if line.get("to") == "sara")


async def test_a_coach_planning_a_meeting_types_its_time_without_sending_it(
    session: Session,
) -> None:
    relayed = await _talking(session)
    await session.say("sara", "/menu")
    await session.press("sara", "Plan a meeting")
    await session.press("sara", "Amal")
    out = await session.say("sara", "12/01 10:00")
    assert [line["to"] for line in out] == ["sara"]
    assert texts(out).startswith("Where?")
    await session.say("sara", "VDAB Gent")
    await session.say("sara", "Your CV")
    out = await session.press("sara", "Done")
    assert "Monday 12 January 2026, 10:00" in texts(out)
    assert "VDAB Gent" in texts(out)
    # A reply to the newcomer's relayed message is for the newcomer, wherever the coach is.
    out = await session.say("sara", "Yes, bring it along.", reply_to=relayed)
    [to_amal] = [line["text"] for line in out if line.get("to") == "amal"]
    assert to_amal.endswith("(coach):\nYes, bring it along.")
