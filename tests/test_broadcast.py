"""Pushing a message to many people: due reminders for all of them become messages in one run
of the sweep, and the outbox sender delivers every one exactly once, several calls at once,
without a refusal from a transport that enforces Telegram's limits (one message a second to a
chat, so many a second overall)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import Brug, build_app
from bot.clock import SystemClock
from bot.config import Settings
from bot.flows import onboarding
from bot.storage.repository import SqlRepository, UserRecord
from bot.storage.tables import outbox
from bot.types import Outgoing
from tests.fake_telegram.limited import LimitedTransport
from tests.harness import query

CHANNEL = "simulate"
ROUNDS = 200  # drains at most, each after the sender's usual pause: a bound, not a pace


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Brug]:
    # A higher rate than Telegram's keeps the test short; the limits work the same way.
    settings = Settings(send_rate_total=100, send_rate_per_chat=1)
    app = await build_app(settings, SystemClock(), f"sqlite:///{tmp_path}/b.db")
    yield app
    await app.close()


async def people_who_agreed(app: Brug, count: int) -> list[str]:
    names = [f"p{n}" for n in range(count)]
    now = app.clock.now()

    def work(repo: SqlRepository) -> None:
        for name in names:
            # Onboarded: at the menu, in English.
            repo.save_user(UserRecord(CHANNEL, name, language="en", consent=onboarding.AGREE,
                                      consent_at=now, state={"at": "menu", "turn": 1},
                                      created_at=now, seen_at=now))

    await app.store.run(work)
    return names


async def pending(app: Brug) -> int:
    [row] = await query(app, select(func.count().label("n")).where(outbox.c.status == "pending"))
    return int(row["n"])


async def drain_all(app: Brug, transport: LimitedTransport) -> None:
    """Drain as `brug run` does, round after round, until nothing waits."""
    sender = app.sender({CHANNEL: transport})
    for _ in range(ROUNDS):
        await sender.drain()
        if not await pending(app):
            return
        await asyncio.sleep(app.settings.outbox_interval_seconds)
    raise AssertionError(f"{await pending(app)} messages still wait after {ROUNDS} rounds")


async def test_due_reminders_for_many_people_become_messages_in_one_sweep(app: Brug) -> None:
    names = await people_who_agreed(app, 700)  # more than the 500 a run took before
    await app.ask_again_after_event(CHANNEL, "Jobdate", names)
    assert await app.sweep() == len(names)
    rows = await query(app, select(outbox.c.chat, outbox.c.message))
    assert sorted(row["chat"] for row in rows) == sorted(names)
    assert all("Jobdate" in row["message"]["text"] for row in rows)
    assert await app.sweep() == 0  # each asked once


async def test_a_bulk_send_is_refused_nowhere_and_reaches_everyone_once(app: Brug) -> None:
    names = await people_who_agreed(app, 250)
    # Two messages for some people: the second must wait a second for their chat.
    messages = [Outgoing(to=name, text=f"poll for {name}", channel=CHANNEL) for name in names]
    messages += [Outgoing(to=name, text=f"reminder for {name}", channel=CHANNEL)
                 for name in names[:20]]
    await app.defer(messages)
    transport = LimitedTransport(latency=0.05, total=100)
    await drain_all(app, transport)
    assert transport.refused == []
    assert transport.delivered == {
        name: [f"poll for {name}", *([f"reminder for {name}"] if name in names[:20] else [])]
        for name in names}
    statuses = await query(app, select(outbox.c.status))
    assert [row["status"] for row in statuses] == ["sent"] * len(messages)
    # Several calls were under way at once: one at a time could not keep the pace.
    assert transport.most_in_flight > 1
