"""How long a conversation waits behind `brug after-event` for 10 000 people.

A person keeps talking to the bot (one update at a time, through the app, on a SQLite file)
while the after-event list is written: in the same process (as the events capability would
call it) and as the `brug after-event` command in a process of its own (as an operator runs
it beside `brug run`). Each is measured written in slices (as now) and in one transaction
(as before). Prints the longest and the 99th-percentile time of one update while the list
was being written, and how long the list took.
Run from the repository root: .venv/bin/python bench/after_event_wait.py --people 10000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot import app as app_module
from bot.app import Brug, build_app
from bot.clock import SystemClock
from bot.config import Settings
from bot.flows import onboarding
from bot.storage.repository import SqlRepository, UserRecord
from bot.types import Incoming

ROOT = Path(__file__).resolve().parent.parent
SLICE = app_module.AFTER_EVENT_SLICE_SECONDS
ONE_TRANSACTION = 3600.0  # a slice this long holds the whole list: the one transaction of before


async def people_who_agreed(app: Brug, count: int) -> list[str]:
    names = [f"p{n}" for n in range(count)]
    now = app.clock.now()

    def work(repo: SqlRepository, part: list[str]) -> None:
        for name in part:
            repo.save_user(UserRecord("simulate", name, consent=onboarding.AGREE,
                                      consent_at=now, created_at=now, seen_at=now))

    for start in range(0, count, 1000):
        await app.store.run(lambda repo, part=names[start:start + 1000]: work(repo, part))
    return names


async def conversation_during(app: Brug, writing: Callable[[], Awaitable[None]]
                              ) -> tuple[list[float], float]:
    """How long each update waits, from the moment the person sends it to its answer, for
    updates sent one after the other (a millisecond apart) while `writing` runs. Timed from
    the sending, so a loop that stands still behind a long transaction counts too."""
    waits: list[float] = []
    task = asyncio.create_task(writing())
    start = time.perf_counter()
    n = 0
    while not task.done():
        n += 1
        sent = time.perf_counter() + 0.001
        await asyncio.sleep(0.001)
        await app.handle(Incoming(channel="simulate", user="talker", time=app.clock.now(),
                                  kind="text", text=f"hello {n}"))
        waits.append(time.perf_counter() - sent)
    await task
    return waits, time.perf_counter() - start


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(people: int, slice_seconds: float, in_process: bool) -> str:
    with tempfile.TemporaryDirectory(prefix="brug-bench-") as folder:
        url = f"sqlite:///{folder}/bench.db"
        app = await build_app(Settings(), SystemClock(), url)
        try:
            names = await people_who_agreed(app, people)
            await app.handle(Incoming(channel="simulate", user="talker", time=app.clock.now(),
                                      kind="command", text="/start", command="start"))
            app_module.AFTER_EVENT_SLICE_SECONDS = slice_seconds

            async def in_this_process() -> None:
                report = await app.ask_again_after_event("simulate", "Jobdate", names)
                assert len(report.asked) == people

            async def as_a_command() -> None:
                # The command's own process reads the slice from the environment of this run.
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-c", COMMAND, str(slice_seconds), url, *names, cwd=ROOT,
                    env={**os.environ, "PYTHONPATH": str(ROOT)},
                    stdout=asyncio.subprocess.DEVNULL)
                assert await process.wait() == 0

            waits, seconds = await conversation_during(
                app, in_this_process if in_process else as_a_command)
        finally:
            await app.close()
    where = "same process" if in_process else "brug after-event"
    how = "one transaction" if slice_seconds >= ONE_TRANSACTION else "slices"
    return (f"{where:<18}{how:<17}{len(waits):>8}{ms(waits, 0.5):>9.1f}{ms(waits, 0.99):>9.1f}"
            f"{1000 * max(waits):>9.1f}{seconds:>9.2f}")


# `brug after-event` as the command line runs it, with the slice of this run.
COMMAND = """
import sys
from bot import app as app_module
from bot import cli
app_module.AFTER_EVENT_SLICE_SECONDS = float(sys.argv[1])
import os
os.environ["BRUG_DATABASE_URL"] = sys.argv[2]
sys.argv = ["brug", "after-event", "Jobdate", *sys.argv[3:], "--channel", "simulate"]
cli.main()
"""


async def main(people: int) -> None:
    print(f"{people} people, one conversation meanwhile; update times in ms")
    print(f"{'written by':<18}{'as':<17}{'updates':>8}{'p50':>9}{'p99':>9}{'max':>9}"
          f"{'list s':>9}")
    for in_process in (True, False):
        for slice_seconds in (SLICE, ONE_TRANSACTION):
            print(await measure(people, slice_seconds, in_process), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(main(args.people))
