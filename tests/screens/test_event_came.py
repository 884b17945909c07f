"""Who came to an organiser's event: with nobody who held a place there is nothing to tick;
presses for people never shown tick nobody; a newcomer cannot reach the list."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_event_results import ANSWERS, came, everyone_joins, open_event
from tests.test_events import make_event, make_organiser


async def test_with_nobody_joined_there_is_nobody_to_tick(session: Session) -> None:
    await make_organiser(session)
    await make_event(session, answers=ANSWERS)
    await session.advance("P16D")
    await open_event(session)
    out = await session.press("olga", "Who came")
    assert out[-1]["text"] == ("Nobody held a place at Jobdate Oostende, so there is nobody to "
                               "tick.")
    assert labels(out[-1])[0] == "◀ Back to the event"
    out = await session.press("olga", "◀ Back to the event")
    assert (await state_of(session, "olga"))["at"] == "event_admin"


async def test_forged_names_tick_nobody(session: Session) -> None:
    await make_organiser(session)
    payload, _ = await make_event(session, answers=ANSWERS)
    await everyone_joins(session, payload)
    await session.advance("P16D")
    await open_event(session)
    out = await session.press("olga", "Who came")
    assert "Came: 0 of 4." in out[-1]["text"]
    assert (await state_of(session, "olga"))["at"] == "event_came"
    before = await came(session)
    [lea] = await query(session.app, select(users.c.id).where(users.c.external_id == "lea"))
    # Lea left, so her button is not shown; nor is an id that is nobody's.
    for forged in (f"c{lea['id']}", "c999", "came_all_of_them"):
        out = await press_forged(session, "olga", forged)
        assert out[0]["text"].startswith("Please choose one of the options"), forged
    assert await came(session) == before
    assert not any(before.values())
