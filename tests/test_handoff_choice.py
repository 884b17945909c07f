"""A newcomer asking for a coach ticks, item by item, what the coach gets: sections about
papers, health and their situation start unticked, and exactly what is ticked is sent."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import handoffs
from tests.harness import Session, labels, query
from tests.test_handoff import ask_for_a_coach, pool, text_to


async def papers_answered(session: Session) -> None:
    """A coach in the pool, and a newcomer who answered the section about their papers and
    asked for help with one step."""
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await session.press("amal", "My profile")
    await session.press("amal", "Papers and work")
    await session.press("amal", "Yes, without limits")
    await session.say("amal", "04-02-2027")


async def test_sensitive_answers_start_unticked_and_stay_home(session: Session) -> None:
    await papers_answered(session)
    [summary] = await ask_for_a_coach(session, "amal")
    assert labels(summary) == ["✅ Send", "☑ Steps to a job", "☐ Papers and work", "☰ Menu"]
    # The newcomer sees what each item holds before choosing.
    assert "☐ Papers and work\n- Right to work: Yes, without limits" in summary["text"]
    out = await session.press("amal", "✅ Send")
    told = text_to(out, "sara")
    assert "Steps to a job: 0 of" in told
    assert "Right to work" not in told and "2027" not in told
    [row] = await query(session.app, select(handoffs.c.summary))
    assert set(row["summary"]) == {"language", "progress"}


async def test_what_is_ticked_is_exactly_what_the_coach_gets(session: Session) -> None:
    await papers_answered(session)
    await ask_for_a_coach(session, "amal")
    out = await session.press("amal", "☐ Papers and work")
    assert labels(out[0]) == ["✅ Send", "☑ Steps to a job", "☑ Papers and work", "☰ Menu"]
    out = await session.press("amal", "☑ Steps to a job")
    assert labels(out[0]) == ["✅ Send", "☐ Steps to a job", "☑ Papers and work", "☰ Menu"]
    out = await session.press("amal", "✅ Send")
    told = text_to(out, "sara")
    assert "Papers and work:\n- Right to work: Yes, without limits\n" \
        "- Document valid until: 2027-02-04\n#1" in told
    assert "Steps to a job" not in told
    [row] = await query(session.app, select(handoffs.c.summary))
    assert row["summary"] == {"language": "en", "answers": [{"part": "Papers and work", "answers": [
        {"q": "Right to work", "a": ["Yes, without limits"]},
        {"q": "Document valid until", "text": "2027-02-04"}]}]}


async def test_a_dutch_coach_reads_the_chosen_answers_in_dutch(session: Session) -> None:
    await pool(session, ("sara", "Nederlands"))
    await session.onboard("amal", language="English")
    await session.press("amal", "My profile")
    await session.press("amal", "Papers and work")
    await session.press("amal", "Yes, without limits")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", "☐ Papers and work")
    out = await session.press("amal", "✅ Send")
    assert "Papieren en werk:\n- Recht om te werken: Ja, zonder beperkingen\n#1" \
        in text_to(out, "sara")
