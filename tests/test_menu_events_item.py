"""The menu's "My events" item, as newcomers see it: there while they joined or wait for an
event, gone once they left the only one (the menu asks the database each time it is shown)."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.test_events import join_three


async def test_my_events_leaves_the_menu_with_the_last_event_left(session: Session) -> None:
    await join_three(session)
    before = labels((await session.say("ed", "/menu"))[-1])
    assert "My events" in before
    await session.press("ed", "My events")
    await session.press("ed", "Jobdate Oostende")
    await session.press("ed", "I can't come")
    after = labels((await session.say("ed", "/menu"))[-1])
    assert after == [label for label in before if label != "My events"]
