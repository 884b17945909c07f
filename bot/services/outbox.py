"""The outbox sender: delivers stored messages at the channel's pace and marks each one sent."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Protocol

from bot.clock import Clock
from bot.services.metrics import Metrics
from bot.services.ratelimit import RateLimiter
from bot.storage.db import Store
from bot.storage.repository import OutboxRow
from bot.types import Outgoing

log = logging.getLogger(__name__)

# A row being sent is hidden from other senders this long; if the sender dies, it comes back.
LEASE = timedelta(seconds=60)
MAX_BACKOFF = timedelta(hours=1)


class RetryAfter(Exception):
    """The channel asked us to wait (Telegram's 429 with retry_after)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Undeliverable(Exception):
    """The message can never be delivered (the person blocked the bot, the chat is gone)."""


class Transport(Protocol):
    """How a channel delivers one message."""

    async def deliver(self, chat: str, message: Outgoing) -> None: ...


class OutboxSender:
    """Drains due outbox rows through each channel's transport."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        transports: dict[str, Transport],
        limiter: RateLimiter,
        max_attempts: int = 8,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.transports = transports
        self.limiter = limiter
        self.max_attempts = max_attempts
        self.metrics = metrics if metrics is not None else Metrics()

    async def drain(self, limit: int = 200) -> int:
        """Send what is due now; returns how many were sent."""
        with self.metrics.draining():
            return await self._drain(limit)

    async def _drain(self, limit: int) -> int:
        now = self.clock.now()
        channels = set(self.transports)
        rows = await self.store.run(
            lambda repo: repo.claim_outbox(now, limit, now + LEASE, channels))
        sent = 0
        for row in rows:
            if not self.limiter.chat_ready(row.chat):
                await self._later(row, "waiting for the chat's pace", attempts=row.attempts,
                                  delay=timedelta(seconds=1))
                continue
            await self.limiter.acquire(row.chat)
            try:
                message = Outgoing.from_json(row.message)
                await self.transports[row.channel].deliver(row.chat, message)
            except RetryAfter as wait:
                self.metrics.delivery("rate_limited")
                self.limiter.pause(wait.seconds)
                await self._later(row, str(wait), attempts=row.attempts,
                                  delay=timedelta(seconds=wait.seconds))
            except Undeliverable as error:
                self.metrics.delivery("failed")
                await self._later(row, str(error), attempts=row.attempts + 1, failed=True)
            except Exception as error:
                log.warning("sending outbox row %s failed: %s", row.id, error)
                attempts = row.attempts + 1
                self.metrics.delivery("failed" if attempts >= self.max_attempts else "retried")
                backoff = min(timedelta(seconds=2**attempts), MAX_BACKOFF)
                await self._later(row, repr(error), attempts=attempts, delay=backoff,
                                  failed=attempts >= self.max_attempts)
            else:
                self.metrics.delivery("sent")
                await self._sent(row)
                sent += 1
        return sent

    async def _sent(self, row: OutboxRow) -> None:
        now = self.clock.now()
        await self.store.run(lambda repo: repo.mark_sent(row.id, now))

    async def _later(self, row: OutboxRow, error: str, *, attempts: int,
                     delay: timedelta = timedelta(0), failed: bool = False) -> None:
        due = self.clock.now() + delay
        await self.store.run(lambda repo: repo.mark_retry(row.id, attempts, due, error, failed))
