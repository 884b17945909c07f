"""Whether this process is healthy (the database answers, the outbox sender goes round), and
the outbox figures that only the database knows, read when metrics are scraped."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from sqlalchemy import text

from bot.clock import Clock
from bot.services.metrics import Metrics
from bot.storage import deliveries
from bot.storage.db import Store
from bot.storage.repository import SqlRepository

# A database that takes longer than this to answer a trivial query is as good as unreachable.
DATABASE_TIMEOUT = 10.0
# One round of the sender may wait long on Telegram (retry_after); past this it is stuck.
STUCK_AFTER = 600.0


def _ping(repo: SqlRepository) -> None:
    repo.conn.execute(text("SELECT 1"))


@dataclass
class Health:
    """Checks one Brug process: its database and its outbox sender."""

    store: Store
    metrics: Metrics
    clock: Clock
    # The sender goes round every this many seconds; well past that, it has stopped.
    sender_interval: float = 1.0

    async def problems(self) -> list[str]:
        """Short reasons this process is unhealthy; none when it is healthy."""
        found = []
        try:
            await asyncio.wait_for(self.store.run(_ping), DATABASE_TIMEOUT)
        except Exception as error:
            found.append(f"database unreachable: {_describe(error)}")
        sender = self.sender_problem(time.monotonic())
        if sender:
            found.append(sender)
        return found

    def sender_problem(self, now: float) -> str | None:
        """Why the outbox sender is not alive, from the times of its rounds (monotonic)."""
        started, finished = self.metrics.drain_started_at, self.metrics.drain_finished_at
        if started is None:
            return "outbox sender has not run yet"
        if finished is None or started > finished:
            if now - started > STUCK_AFTER:
                return f"outbox sender stuck in one round for {now - started:.0f} s"
            return None
        stale_after = max(60.0, 10 * self.sender_interval)
        if now - finished > stale_after:
            return f"outbox sender stopped: last round {now - finished:.0f} s ago"
        return None

    async def refresh_metrics(self) -> None:
        """Put the outbox's depth and the age of its oldest waiting message in the metrics."""
        counts = await asyncio.wait_for(self.store.run(deliveries.counts), DATABASE_TIMEOUT)
        oldest = counts.oldest_pending
        age = (self.clock.now() - oldest).total_seconds() if oldest is not None else 0.0
        self.metrics.outbox(counts.pending, age)


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return f"no answer within {DATABASE_TIMEOUT:.0f} s"
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__
