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
from typing import Protocol

from bot.clock import Clock
from bot.services.metrics import Metrics
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

    async def drain(self, limit: int = 200) -> int:
        """Send what is due now; returns how many were sent."""
        with self.metrics.draining():
            return await self._drain(limit)

    async def _drain(self, limit: int) -> int:
        now = self.clock.now()
        channels = set(self.transports)
        rows = await self.store.run(
            lambda repo: deliveries.claim(repo, now, limit, now + self.lease, channels))
        self._count("resent", sum(row.resend for row in rows))
        # Rows not sent well within the lease go back, before another sender may take them.
        give_up_at = now + self.lease / 2
        # A chat whose earlier message must wait: its later ones wait as long, to keep order.
        held: dict[str, datetime] = {}
        sent = 0
        for index, row in enumerate(rows):
            if self.clock.now() >= give_up_at:
                await self._give_back(rows[index:], self.clock.now(), "the lease ran short")
                break
            if row.chat in held:
                await self._give_back([row], held[row.chat], "after an earlier message")
                continue
            if not self.limiter.chat_ready(row.chat):
                held[row.chat] = self.clock.now() + timedelta(seconds=1)
                await self._give_back([row], held[row.chat], "waiting for the chat's pace")
                continue
            await self.limiter.acquire(row.chat)
            outcome = await self._send(row, ())
            if outcome is SENT:
                sent += 1
            elif isinstance(outcome, datetime):
                held[row.chat] = outcome
        await self.settle()
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
            if isinstance(await self._send(row, rows[index + 1:]), datetime):
                return

    async def _send(self, row: Delivery, followers: Sequence[Delivery]) -> datetime | str:
        """Send one row and record the outcome: SENT, GIVEN_UP, or when it is due again if it
        must be retried (its followers are then given back for the same time)."""
        transport = self.transports[row.channel]
        try:
            await transport.deliver(row.chat, row.to_send())
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
