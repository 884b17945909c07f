"""The outbox sender: delivers stored messages and records what became of each one.

Every message travels as an outbox row (bot/storage/deliveries.py). Direct replies are sent at
once by `send_now`, by the process that stored them and holds their lease; everything else,
and any reply whose sender vanished, is sent by `drain` at the channel's pace. Both record the
outcome the same way, by the kind of failure the transport reports."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Protocol

from bot.clock import Clock
from bot.services.metrics import Metrics
from bot.services.qr import draw_missing
from bot.services.ratelimit import RateLimiter
from bot.storage import deliveries
from bot.storage.db import Store
from bot.storage.deliveries import Delivery
from bot.types import Outgoing

log = logging.getLogger(__name__)

# A row being sent is hidden from other senders this long; if the sender dies, it comes back.
# Longer than any one request to the channel may take, so a slow send is never doubled.
LEASE = timedelta(seconds=60)
MAX_BACKOFF = timedelta(hours=1)
SENT = "sent"
GIVEN_UP = "given up"
# Confirmations are written together, at most this late: one commit for many messages. Until
# then a confirmed message counts as in flight (a crash may send it once more).
MARK_DELAY = 0.02
# Rows claimed per query, and rows taken per round of `drain` at most (a broadcast to 10 000
# goes on in the next rounds). Chats are sent to at once, up to SENDS_AT_ONCE calls, at the
# limiter's pace.
CLAIM_AT_ONCE = 300
DRAIN_LIMIT = 6_000
SENDS_AT_ONCE = 16


class RetryAfter(Exception):
    """The channel asked us to wait (Telegram's 429 with retry_after)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Undeliverable(Exception):
    """This message can never be delivered as it is (the chat is gone, Telegram refuses it)."""


class Blocked(Undeliverable):
    """The person blocked the bot: nothing is sent to them until they write again."""


class Transport(Protocol):
    """How a channel delivers one message. Any other exception is taken as passing (a server
    error, the network, a time-out) and retried with a growing wait."""

    async def deliver(self, chat: str, message: Outgoing) -> None: ...


@dataclass
class DeliveryStats:
    """What this process's senders did, for the operator's metrics. `resent` counts rows sent
    again after their sender vanished mid-send: each may reach the person twice (the durable
    count is the outbox's `resent` column)."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    blocked: int = 0
    resent: int = 0


class OutboxSender:
    """Sends outbox rows through each channel's transport and records the outcome."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        transports: dict[str, Transport],
        limiter: RateLimiter,
        max_attempts: int = 8,
        lease: timedelta = LEASE,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.transports = transports
        self.limiter = limiter
        self.max_attempts = max_attempts
        self.lease = lease
        self.metrics = metrics if metrics is not None else Metrics()
        self.stats = DeliveryStats()
        self._confirmed: list[int] = []
        self._marking: asyncio.Task[None] | None = None
        # Calls to the channel under way at once, at most: enough to keep the pace when each
        # call takes a round trip, few enough not to crowd the connection pool.
        self._calls = asyncio.Semaphore(SENDS_AT_ONCE)
        self._busy_chats: set[str] = set()  # chats whose rows a drain is sending now

    async def drain(self, limit: int = DRAIN_LIMIT) -> int:
        """Send what is due now, up to `limit` rows; returns how many were sent."""
        with self.metrics.draining():
            return await self._drain(limit)

    async def _drain(self, limit: int) -> int:
        channels = set(self.transports)
        sent = taken = 0
        sending: set[asyncio.Task[int]] = set()
        while taken < limit:
            now = self.clock.now()
            size = min(CLAIM_AT_ONCE, limit - taken)
            rows = await self.store.run(partial(deliveries.claim, now=now, limit=size,
                                                lease_until=now + self.lease, channels=channels))
            if not rows:
                break
            taken += len(rows)
            self._count("resent", sum(row.resend for row in rows))
            # Rows not sent well within the lease go back, before another sender may take them.
            give_up_at = now + self.lease / 2
            # One task per chat sends its rows in order; the chats go at once, within the pace.
            by_chat: dict[str, list[Delivery]] = {}
            for row in rows:
                by_chat.setdefault(row.chat, []).append(row)
            for chat, chat_rows in by_chat.items():
                if chat in self._busy_chats:
                    # Its earlier message is still on its way: this one after it, in order.
                    await self._give_back(chat_rows, self.clock.now() + timedelta(seconds=1),
                                          "after an earlier message")
                    continue
                self._busy_chats.add(chat)
                sending.add(asyncio.ensure_future(self._send_chat(chat_rows, give_up_at)))
            # The next rows are claimed while the last of these wait their turn, so the pace
            # never waits for the query.
            while len(sending) > SENDS_AT_ONCE:
                done, sending = await asyncio.wait(sending, return_when=asyncio.FIRST_COMPLETED)
                sent += sum(task.result() for task in done)
        sent += sum(await asyncio.gather(*sending))
        await self.settle()
        return sent

    async def _send_chat(self, rows: list[Delivery], give_up_at: datetime) -> int:
        """One chat's rows, in order; the rest go back when one must wait. The chat counts
        as busy from the moment the drain hands them over."""
        try:
            return await self._send_rows(rows, give_up_at)
        finally:
            self._busy_chats.discard(rows[0].chat)

    async def _send_rows(self, rows: list[Delivery], give_up_at: datetime) -> int:
        sent = 0
        async with self._calls:
            for index, row in enumerate(rows):
                if self.clock.now() >= give_up_at:
                    await self._give_back(rows[index:], self.clock.now(), "the lease ran short")
                    break
                if not self.limiter.chat_ready(row.chat):
                    # A chat whose earlier message must wait: its later ones wait as long.
                    await self._give_back(rows[index:], self.clock.now() + timedelta(seconds=1),
                                          "waiting for the chat's pace")
                    break
                await self.limiter.acquire(row.chat)
                outcome = await self._send(row, rows[index + 1:])
                if outcome is SENT:
                    sent += 1
                elif isinstance(outcome, datetime):
                    break  # it and the rows after it were given back for that time
        return sent

    def _count(self, result: str, count: int = 1) -> None:
        """This process's tally and the operator's metrics, in one place."""
        setattr(self.stats, result, getattr(self.stats, result) + count)
        if result == "resent":
            self.metrics.duplicate(count)
        else:
            self.metrics.delivery(result)

    async def send_now(self, rows: Sequence[Delivery]) -> None:
        """Send one update's replies at once and in order, without pacing: the person is
        waiting for them. What cannot go now stays in the outbox, in the same order."""
        for index, row in enumerate(rows):
            # Counted in the pace, so bulk sends leave room; it waits only while they fill it.
            await self.limiter.acquire(row.chat, urgent=True)
            if isinstance(await self._send(row, rows[index + 1:]), datetime):
                return

    async def _send(self, row: Delivery, followers: Sequence[Delivery]) -> datetime | str:
        """Send one row and record the outcome: SENT, GIVEN_UP, or when it is due again if it
        must be retried (its followers are then given back for the same time)."""
        transport = self.transports[row.channel]
        message = row.to_send()
        try:
            if message.qr:
                await asyncio.to_thread(draw_missing, message)
            await transport.deliver(row.chat, message)
        except RetryAfter as wait:
            self.limiter.pause(wait.seconds)
            due = self.clock.now() + timedelta(seconds=wait.seconds)
            self._count("retried")
            await self._give_back([row, *followers], due, str(wait))
            return due
        except Blocked:
            log.info("outbox row %s: the person blocked the bot", row.id)
            self._count("blocked")
            now = self.clock.now()
            await self.store.run(
                lambda repo: deliveries.mark_unreachable(repo, row.channel, row.chat, now))
            return GIVEN_UP
        except Undeliverable as error:
            log.warning("outbox row %s cannot be delivered: %s", row.id, error)
            self._count("failed")
            await self._record(row, str(error), row.attempts + 1, self.clock.now(), failed=True)
            return GIVEN_UP
        except Exception as error:
            attempts = row.attempts + 1
            failed = attempts >= self.max_attempts
            log.warning("sending outbox row %s failed (attempt %d): %r", row.id, attempts, error)
            due = self.clock.now() + min(timedelta(seconds=2**attempts), MAX_BACKOFF)
            if failed:
                self._count("failed")
            else:
                self._count("retried")
            await self._record(row, repr(error), attempts, due, failed=failed)
            if followers:
                await self._give_back(followers, due, "after an earlier message")
            return GIVEN_UP if failed else due
        self._count("sent")
        self._confirmed.append(row.id)
        if self._marking is None:
            self._marking = asyncio.ensure_future(self._mark_confirmed())
        return SENT

    async def _mark_confirmed(self) -> None:
        await asyncio.sleep(MARK_DELAY)
        rows, self._confirmed = self._confirmed, []
        now = self.clock.now()
        try:
            await self.store.run(lambda repo: deliveries.mark_sent(repo, rows, now))
        except Exception:
            # They stay leased: after the lease the outbox sends them once more.
            log.exception("could not mark %d delivered messages as sent", len(rows))
        finally:
            more = bool(self._confirmed)
            self._marking = asyncio.ensure_future(self._mark_confirmed()) if more else None

    async def settle(self) -> None:
        """Wait until every confirmation so far is written."""
        while self._marking is not None:
            await asyncio.shield(self._marking)

    async def _give_back(self, rows: Sequence[Delivery], due: datetime, why: str) -> None:
        """Not sent and not the rows' fault: due again at `due`, attempts unchanged."""
        for row in rows:
            await self._record(row, why, row.attempts, due, failed=False)

    async def _record(self, row: Delivery, error: str, attempts: int, due: datetime, *,
                      failed: bool) -> None:
        await self.store.run(
            lambda repo: deliveries.mark_retry(repo, [row.id], attempts, due, error, failed))
