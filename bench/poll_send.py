"""Sending an event's smiley poll to 10 000 people who joined: how long each transaction of
the fan-out holds the database (the organiser's press writes the first part of the list, a
reminder brings each next part), and how long until every attendee's poll is in the outbox.
The reminder sweep runs as `brug run` runs it; nothing is sent (the outbox is only filled).
Run from the repository root: .venv/bin/python bench/poll_send.py --people 10000
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from bot.app import build_app
from bot.clock import FakeClock
from bot.config import Settings
from bot.flows import onboarding
from bot.flows.poll_sending import POLL_DUE
from bot.storage.gatherings import NewGathering
from bot.storage.repository import SqlRepository, UserRecord
from bot.storage.tables import attendance, outbox
from tests.harness import START

CHANNEL = "simulate"


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="brug-poll-send-"))
    clock = FakeClock(START)
    app = await build_app(Settings(data_dir=folder, flood_limit=0), clock)
    now = clock.now()

    def setup(repo: SqlRepository) -> int:
        organiser = UserRecord(CHANNEL, "olga", language="en", role="organiser",
                               consent=onboarding.AGREE, consent_at=now,
                               state={"at": "menu", "turn": 1}, created_at=now, seen_at=now)
        repo.save_user(organiser)
        assert organiser.id is not None
        event = repo.gatherings().add(organiser.id, NewGathering(
            "Jobdate", "jobdate", now + timedelta(days=1), now + timedelta(days=1, hours=2),
            "Oostende", None, ("nl",), count, "", ()), now)
        for n in range(count):
            person = UserRecord(CHANNEL, f"p{n}", language="en", consent=onboarding.AGREE,
                                consent_at=now, state={"at": "menu", "turn": 1},
                                created_at=now, seen_at=now)
            repo.save_user(person)
            repo.conn.execute(attendance.insert().values(
                event_id=event, user_id=person.id, status="joined", since=now))
        repo.schedule(organiser.id, POLL_DUE, now, {"event": event}, now)
        return event

    await app.store.run(setup)
    held: list[float] = []
    run = app.store.run

    async def timed(work: Any) -> Any:
        started = time.perf_counter()
        try:
            return await run(work)
        finally:
            held.append(time.perf_counter() - started)

    app.store.run = timed  # type: ignore[method-assign]
    started = time.perf_counter()
    while await app.sweep():
        pass
    took = time.perf_counter() - started
    app.store.run = run  # type: ignore[method-assign]
    queued = await app.store.run(lambda repo: repo.conn.execute(
        select(func.count()).select_from(outbox)).scalar_one())
    print(f"attendees {count}, polls in the outbox {queued - 1} (+1 line to the organiser)")
    print(f"all in the outbox after {took:.1f} s; transactions {len(held)}, held "
          f"p50 {ms(held, 0.5):.1f} ms, p99 {ms(held, 0.99):.1f} ms, "
          f"longest {max(held) * 1000:.1f} ms")
    await app.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().people))
