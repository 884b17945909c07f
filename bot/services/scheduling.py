"""APScheduler runs the small periodic jobs: draining the outbox and the reminder sweep."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


def start_scheduler(jobs: list[tuple[str, Job, float]]) -> AsyncIOScheduler:
    """Runs each job every so many seconds; a slow run is never doubled (max_instances=1)."""
    quiet_scheduler_logs()
    scheduler = AsyncIOScheduler()
    for name, job, seconds in jobs:
        scheduler.add_job(
            job, "interval", seconds=seconds, id=name, max_instances=1, coalesce=True,
            misfire_grace_time=None,
        )
    scheduler.start()
    return scheduler


def quiet_scheduler_logs() -> None:
    """APScheduler logs two lines at INFO for every run of every job (each second), and a
    warning for every run skipped while the last one still goes: both are the design here.
    Errors in jobs still show; at DEBUG everything does."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        return
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
