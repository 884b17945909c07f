"""Plan a meeting, for a coach: with whom, when, where, what about, other times, then the
summary. Each answer is checked; nothing is stored until "Plan it"."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import appointments, users
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_appointments import linked, to

LATER = "I did not understand that. A time in the future, please."


async def start_planning(session: Session) -> list:
    await linked(session, language="English")
    await session.say("sara", "/menu")
    return await session.press("sara", "Plan a meeting")


async def test_each_question_in_turn_and_the_summary(session: Session) -> None:
    out = await start_planning(session)
    assert out[-1]["text"] == "Plan a meeting. With whom?"
    assert labels(out[-1]) == ["Amal", "☰ Menu"]
    out = await session.press("sara", "Amal")
    assert out[-1]["text"] == "When? Type the day and the hour, like 14/01 14:30."
    out = await session.say("sara", "07/01 14:30")
    assert out[-1]["text"] == "Where? Type the address, or a link for a video call."
    out = await session.say("sara", "  VDAB   Gent ")
    assert out[-1]["text"] == "What is it about? Type a few words."
    out = await session.say("sara", "Your CV")
    assert out[-1]["text"].startswith("If they cannot come, which other times may they "
                                      "choose? Type one (0 of 3 given).")
    out = await session.say("sara", "08/01 10:00")
    assert "(1 of 3 given)" in out[-1]["text"]
    out = await session.press("sara", "Done")
    assert out[-1]["text"] == (
        "With: Amal\n🗓 Wednesday 7 January 2026, 14:30\n📍 VDAB Gent\n💬 Your CV\n"
        "Other times: Thursday 8 January 2026, 10:00\n\n"
        "They get it in their language, with reminders. Plan it?")
    assert labels(out[-1]) == ["✅ Plan it", "✖ Do not plan", "☰ Menu"]
    assert await query(session.app, select(appointments)) == []
    await session.press("sara", "Plan it")
    [row] = await query(session.app, select(appointments))
    assert (row["place"], row["topic"], row["status"]) == ("VDAB Gent", "Your CV", "planned")


async def test_bad_times_huge_and_html_answers(session: Session) -> None:
    await start_planning(session)
    await session.press("sara", "Amal")
    for bad in ("tomorrowish", "01/01/2026 10:00", "32/01 10:00", "9" * 5000):
        out = await session.say("sara", bad)
        assert out[0]["text"].startswith(LATER), bad[:12]
        assert (await state_of(session, "sara"))["shown"]["plan_draft"]["stage"] == "when"
    await session.say("sara", "07/01 14:30")
    await session.say("sara", "x" * 5000)  # kept, cut to 200 characters
    await session.say("sara", "<b>CV</b> & <script>x</script>")
    draft = (await state_of(session, "sara"))["shown"]["plan_draft"]
    assert draft["where"] == "x" * 200
    assert draft["topic"] == "<b>CV</b> & <script>x</script>"
    out = await session.say("sara", "not a time")
    assert out[0]["text"].startswith(LATER)
    out = await session.press("sara", "Done")
    assert "💬 <b>CV</b> & <script>x</script>" in out[-1]["text"]
    out = await session.press("sara", "Do not plan")
    assert out[0]["text"].startswith("Nothing was planned.")
    assert "plan_draft" not in (await state_of(session, "sara")).get("shown", {})
    assert await query(session.app, select(appointments)) == []


async def test_only_the_coachs_own_newcomers_can_be_chosen(session: Session) -> None:
    await start_planning(session)
    await session.onboard("omid")
    [omid] = await query(session.app, select(users.c.id).where(users.c.external_id == "omid"))
    out = await press_forged(session, "sara", f"n{omid['id']}")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert labels(out[-1]) == ["Amal", "☰ Menu"]
    # A name typed where a button is expected: asked to choose, not for a time.
    out = await session.say("sara", "Omid")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert (await state_of(session, "sara"))["shown"]["plan_draft"] == {"stage": "who"}
    out = await session.say("amal", "/menu")
    assert "Plan a meeting" not in labels(out[-1])
    assert to(out, "sara") == []
