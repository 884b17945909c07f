"""The outbox sender: paces sends, waits when told to, retries, gives up, marks rows sent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import Brug, build_app
from bot.clock import FakeClock
from bot.config import Settings
from bot.services.outbox import OutboxSender, RetryAfter, Undeliverable
from bot.services.ratelimit import RateLimiter
from bot.storage.tables import outbox
from bot.types import Incoming, Outgoing
from tests.harness import START, query


class FakeTime:
    """A monotonic clock and a sleep that only move it, to test pacing without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Recorder:
    """A transport that records deliveries and can be told to fail."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, str]] = []
        self.failures: list[Exception] = []

    async def deliver(self, chat: str, message: Outgoing) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.delivered.append((chat, message.text))


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Brug]:
    app = await build_app(Settings(), FakeClock(START), f"sqlite:///{tmp_path}/o.db")
    yield app
    await app.close()


async def queue(app: Brug, chat: str, *texts: str) -> None:
    await app.handle(Incoming("test", chat, app.clock.now(), kind="command", command="start"))
    await app.defer([Outgoing(to=chat, text=text, channel="test") for text in texts])


async def statuses(app: Brug) -> list[tuple[str, int]]:
    rows = await query(app, select(outbox.c.status, outbox.c.attempts).order_by(outbox.c.id))
    return [(r["status"], r["attempts"]) for r in rows]


def sender(app: Brug, transport: Recorder, time: FakeTime, total: float = 30,
           per_chat: float = 1) -> OutboxSender:
    limiter = RateLimiter(total, per_chat, time.monotonic, time.sleep)
    return OutboxSender(app.store, app.clock, {"test": transport}, limiter, max_attempts=3)


async def test_rows_are_sent_once_and_marked(app: Brug) -> None:
    transport, time = Recorder(), FakeTime()
    await queue(app, "a", "one")
    await queue(app, "b", "two")
    drain = sender(app, transport, time)
    assert await drain.drain() == 2
    assert await drain.drain() == 0
    assert transport.delivered == [("a", "one"), ("b", "two")]
    assert await statuses(app) == [("sent", 0), ("sent", 0)]


async def test_one_message_per_second_per_chat_and_a_global_pace(app: Brug) -> None:
    transport, time = Recorder(), FakeTime()
    await queue(app, "a", "1", "2", "3")
    await queue(app, "b", "x")
    drain = sender(app, transport, time, total=1)
    assert await drain.drain() == 2  # "a" once, "b" once; a's other two wait their turn
    assert transport.delivered == [("a", "1"), ("b", "x")]
    # 1/s overall: "x" waits until "1" has left the window (a second, and 0.5 % to spare).
    assert time.slept == [pytest.approx(1.005)]
    app.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]
    time.now += 1
    assert await drain.drain() == 1
    assert transport.delivered[-1] == ("a", "2")


async def test_retry_after_is_honoured_then_the_same_message_goes(app: Brug) -> None:

    transport, time = Recorder(), FakeTime()
    transport.failures = [RetryAfter(5)]
    await queue(app, "a", "hello")
    drain = sender(app, transport, time)
    assert await drain.drain() == 0
    assert await statuses(app) == [("pending", 0)]
    app.clock.advance(timedelta(seconds=4))  # type: ignore[attr-defined]
    time.now += 4
    assert await drain.drain() == 0  # not yet due
    app.clock.advance(timedelta(seconds=2))  # type: ignore[attr-defined]
    time.now += 2
    assert await drain.drain() == 1
    assert transport.delivered == [("a", "hello")]


async def test_errors_back_off_and_give_up_after_the_last_attempt(app: Brug) -> None:

    transport, time = Recorder(), FakeTime()
    transport.failures = [OSError("down")] * 3
    await queue(app, "a", "hello")
    drain = sender(app, transport, time)
    for attempt in range(1, 4):
        assert await drain.drain() == 0
        app.clock.advance(timedelta(seconds=2 ** attempt))  # type: ignore[attr-defined]
        time.now += 2 ** attempt
    assert await statuses(app) == [("failed", 3)]
    assert transport.delivered == []


async def test_a_blocked_chat_is_given_up_at_once(app: Brug) -> None:
    transport, time = Recorder(), FakeTime()
    transport.failures = [Undeliverable("bot was blocked by the user")]
    await queue(app, "a", "hello")
    assert await sender(app, transport, time).drain() == 0
    assert await statuses(app) == [("failed", 1)]


async def test_a_chat_keeps_its_order_when_its_first_message_must_wait(app: Brug) -> None:
    transport, time = Recorder(), FakeTime()
    transport.failures = [OSError("connection reset")]
    await queue(app, "a", "first", "second")
    drain = sender(app, transport, time, per_chat=0)
    assert await drain.drain() == 0  # "second" waits for "first", though it could go
    app.clock.advance(timedelta(seconds=2))  # type: ignore[attr-defined]
    assert await drain.drain() == 2
    assert transport.delivered == [("a", "first"), ("a", "second")]


class SlowTransport(Recorder):
    """Each send takes 20 s of the bot's clock."""

    def __init__(self, app: Brug) -> None:
        super().__init__()
        self.app = app

    async def deliver(self, chat: str, message: Outgoing) -> None:
        self.app.clock.advance(timedelta(seconds=20))  # type: ignore[attr-defined]
        await super().deliver(chat, message)


async def test_rows_not_sent_well_within_the_lease_are_given_back(app: Brug) -> None:
    transport, time = SlowTransport(app), FakeTime()
    for chat in "abcd":
        await queue(app, chat, f"to {chat}")
    drain = sender(app, transport, time)
    # The lease is 60 s: after two sends of 20 s the rest goes back rather than risk being
    # taken by another sender while this one still holds it.
    assert await drain.drain() == 2
    assert await statuses(app) == [("sent", 0), ("sent", 0), ("pending", 0), ("pending", 0)]
    assert await drain.drain() == 2
    assert [chat for chat, _ in transport.delivered] == ["a", "b", "c", "d"]


async def test_sent_messages_are_forgotten_with_the_handled_updates(app: Brug) -> None:
    transport, time = Recorder(), FakeTime()
    await queue(app, "a", "sent long ago")
    assert await sender(app, transport, time).drain() == 1
    app.clock.advance(timedelta(days=app.settings.processed_update_days, hours=1))  # type: ignore[attr-defined]
    await queue(app, "b", "still to send")
    await app.housekeeping()
    rows = await query(app, select(outbox.c.chat, outbox.c.status))
    assert [(r["chat"], r["status"]) for r in rows] == [("b", "pending")]
