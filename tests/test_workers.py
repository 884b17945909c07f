"""Several workers on one database: three app instances, each with a store of its own (as three
`brug run` processes have), pick up the same due reminders and drain the same outbox; each
reminder is handled once and each message goes out once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import Select, func, select

from bot.app import Brug, build_app
from bot.clock import FakeClock
from bot.config import Settings
from bot.storage import deliveries
from bot.storage.repository import SqlRepository, UserRecord
from bot.storage.tables import reminders
from bot.types import Outgoing
from tests.harness import START

PEOPLE = 1000
WORKERS = 3
CHANNEL = "telegram"


class Recorder:
    """A transport that keeps what one worker delivered."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, str]] = []

    async def deliver(self, chat: str, message: Outgoing) -> None:
        self.delivered.append((chat, message.text))
        await asyncio.sleep(0)  # as a real send would, let the other workers run meanwhile


@pytest.fixture
async def workers(database: str) -> AsyncIterator[list[Brug]]:
    clock = FakeClock(START)
    apps = [await build_app(Settings(), clock, database) for _ in range(WORKERS)]
    yield apps
    for app in apps:
        await app.close()


def people_who_agreed(repo: SqlRepository) -> None:
    """People who went through the first questions, agreed that Brug keeps answers and are at
    the menu (stored directly: a thousand conversations would only slow the test down)."""
    for number in range(PEOPLE):
        repo.save_user(UserRecord(CHANNEL, str(number), language="en", consent="agree",
                                  state={"at": "menu", "turn": 1, "flows": {}},
                                  created_at=START, seen_at=START))


async def work_until_nothing_is_left(app: Brug, transport: Recorder) -> None:
    sender = app.sender({CHANNEL: transport}, paced=False)
    # Bounded: a worker that found nothing to do in a round stops.
    for _ in range(10 * PEOPLE):
        swept = await app.sweep(limit=20)
        sent = await sender.drain(limit=20)
        if swept == 0 and sent == 0:
            return
    raise AssertionError("the workers never ran out of work")


async def test_due_reminders_and_the_outbox_are_handled_once_by_three_workers(
    workers: list[Brug],
) -> None:
    first = workers[0]
    await first.store.run(people_who_agreed)
    report = await first.ask_again_after_event(CHANNEL, "Jobdate",
                                               [str(n) for n in range(PEOPLE)])
    assert len(report.asked) == PEOPLE  # a thousand reminders, all due now

    transports = [Recorder() for _ in workers]
    await asyncio.gather(*(work_until_nothing_is_left(app, transport)
                           for app, transport in zip(workers, transports, strict=True)))

    delivered = Counter(item for transport in transports for item in transport.delivered)
    assert delivered, "nothing was sent"
    assert [item for item, times in delivered.items() if times > 1] == []
    intros = [chat for chat, text in delivered if text.startswith("You took part in: Jobdate.")]
    assert sorted(intros, key=int) == [str(n) for n in range(PEOPLE)]
    # Every reminder that was due is done (the questions set new ones, for later), and every
    # message is marked sent.
    assert await count(first, select(func.count()).select_from(reminders).where(
        reminders.c.done_at.is_(None), reminders.c.due_at <= START)) == 0
    counts = await first.store.run(deliveries.counts)
    assert (counts.pending, counts.sent, counts.failed) == (0, len(delivered), 0)
    # The work was shared, not done by one worker while the others waited.
    assert sum(1 for transport in transports if transport.delivered) > 1


async def count(app: Brug, statement: Select[tuple[int]]) -> int:
    return int(await app.store.run(lambda repo: repo.conn.execute(statement).scalar_one()))
