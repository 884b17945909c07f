"""APScheduler runs the periodic jobs: the outbox sender and the reminder sweep."""

from __future__ import annotations

import asyncio

from bot.services.scheduling import start_scheduler


async def test_jobs_run_on_their_interval_and_stop_with_the_scheduler() -> None:
    runs: list[str] = []

    async def drain() -> None:
        runs.append("outbox")

    async def sweep() -> None:
        runs.append("sweep")

    scheduler = start_scheduler([("outbox", drain, 0.05), ("sweep", sweep, 0.05)])
    try:
        for _ in range(100):
            if runs.count("outbox") >= 2 and runs.count("sweep") >= 2:
                break
            await asyncio.sleep(0.02)
    finally:
        scheduler.shutdown(wait=False)
    assert runs.count("outbox") >= 2 and runs.count("sweep") >= 2
    settled = len(runs)
    await asyncio.sleep(0.15)
    assert len(runs) <= settled + 2  # nothing runs on after shutdown but what was in flight
