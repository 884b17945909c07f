"""Updates that come again: a redelivery gets the same answer and changes nothing; an update id
belongs to its sender; first updates of a new person arriving together are both handled."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.storage import personal_data
from bot.storage.tables import processed_updates, users
from bot.types import Incoming
from tests.harness import Session, query, texts


async def test_redelivering_the_update_that_erased_a_person_brings_nothing_back(
    session: Session,
) -> None:
    await session.onboard("amal", language="Nederlands")
    await session.say("amal", "/privacy", update_id=10)
    await session.press("amal", 1, update_id=11)  # delete all my data
    erased = await session.press("amal", 1, update_id=12)  # yes, delete everything
    assert texts(erased).startswith("Klaar.")

    again = await session.press("amal", 1, update_id=12)
    assert said(again) == said(erased)
    assert await query(session.app, select(users)) == []
    # Of what was kept to answer redeliveries, only the erasure's own answer is left: the
    # overview of update 10 named what was stored about her. It is kept under a hash of her
    # id, addressed to nobody.
    kept = await query(session.app, select(processed_updates))
    assert [(row["sender"], row["update_id"]) for row in kept] == [
        (personal_data.erased_sender("simulate", "amal"), 12)]
    assert "amal" not in str(kept[0]["replies"])


async def test_an_update_id_someone_else_used_never_returns_their_replies(
    session: Session,
) -> None:
    await session.onboard("amal", language="Nederlands")
    hers = await session.say("amal", "/privacy", update_id=7)
    assert "Nederlands" in texts(hers)

    his = await session.say("omid", "/start", update_id=7)
    assert {line["to"] for line in his} == {"omid"}
    assert "Nederlands" not in texts(his) and "Choose your language." in texts(his)
    assert said(await session.say("amal", "/privacy", update_id=7)) == said(hers)
    stored = await query(session.app, select(users.c.external_id).order_by(users.c.id))
    assert [row["external_id"] for row in stored] == ["amal", "omid"]


async def test_two_first_updates_of_a_new_person_at_once_are_both_handled(
    session: Session,
) -> None:
    # On PostgreSQL both transactions look for the person before either has stored them.
    now = session.clock.now()
    first, second = await asyncio.gather(
        session.app.handle(Incoming("simulate", "amal", now, kind="command", text="/start",
                                    command="start", update_id=1)),
        session.app.handle(Incoming("simulate", "amal", now, text="hello", update_id=2)),
    )
    assert first.replies and second.replies
    assert {reply.to for reply in (*first.replies, *second.replies)} == {"amal"}
    stored = await query(session.app, select(users.c.external_id))
    assert stored == [{"external_id": "amal"}]
    handled = await query(session.app, select(processed_updates.c.update_id))
    assert sorted(row["update_id"] for row in handled) == [1, 2]


def said(lines: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    """The messages without the step they came at."""
    return [(line["to"], line["text"], line.get("options")) for line in lines]
