"""Growth points in the coach's weekly digest: the ones a newcomer kept this week appear, only
while the newcomer shares their growth points with that coach."""

from __future__ import annotations

from tests.harness import Session
from tests.test_coach_care import text_to
from tests.test_consent import choose
from tests.test_reflection import an_event, make_organiser, one_point_kept


async def a_point_and_a_coach(session: Session, shares_growth: bool) -> None:
    await make_organiser(session)
    event = await an_event(session)
    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    await session.onboard("amal")
    await one_point_kept(session, event, "I will ask about the job's hours.")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    if shares_growth:
        await choose(session, "amal", "My coach may see my growth points", "Yes, I agree")


async def monday_digest(session: Session) -> str:
    """The clock starts on Monday 5 January 2026; the digest comes on the 12th at 08:00
    (07:00 UTC)."""
    await session.advance("P1D")  # the daily job sets the digest
    return text_to(await session.advance("P5DT21H"), "sara")


async def test_a_shared_growth_point_is_news_in_the_digest(session: Session) -> None:
    await a_point_and_a_coach(session, shares_growth=True)
    digest = await monday_digest(session)
    assert digest.startswith("☀ Your week at Brug.")
    assert "- Amal: 0 of" in digest
    assert "\n  🌱 New growth points: I will ask about the job's hours." in digest
    # A week later the point is not news any more.
    later = text_to(await session.advance("P7D"), "sara")
    assert "growth points" not in later


async def test_a_growth_point_not_shared_stays_out_of_the_digest(session: Session) -> None:
    await a_point_and_a_coach(session, shares_growth=False)
    digest = await monday_digest(session)
    assert "ask about the job" not in digest and "growth points" not in digest
