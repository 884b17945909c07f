"""A message for 10 000 people through the real sweep and outbox sender, against a transport
that behaves like Telegram's limits, while other people keep talking to the bot.

The people have agreed and are at the menu; the after-event questions are asked of all of
them (`ask_again_after_event`, as "send the poll" would), so the reminder sweep turns each
into a message in the outbox, and the sender delivers them, both run by the scheduler as
`brug run` runs them. The transport (tests/fake_telegram/limited.py) takes 50 ms per call
and refuses (429) a second message to a chat within a second, or one more than the total
rate in any second. Meanwhile 20 other people write one message a second between them;
each is handled through the app with its reply recorded and sent at once, as the Telegram
channel does. Reports the achieved rate of the broadcast as a ratio of the configured rate
(BRUG_SEND_RATE_TOTAL), the refusals, and how long the other people's updates took.
Run from the repository root: .venv/bin/python bench/broadcast.py --people 10000
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import Brug, build_app
from bot.clock import SystemClock
from bot.config import Settings
from bot.flows import onboarding
from bot.services.scheduling import start_scheduler
from bot.storage.deliveries import Delivery
from bot.storage.repository import SqlRepository, UserRecord
from bot.types import Incoming
from tests.fake_telegram.limited import LimitedTransport

CHANNEL = "simulate"
TALKERS = 20
TALK_EVERY = 1.0  # seconds between two updates of the other people, whose replies count too


async def people(app: Brug, names: list[str]) -> None:
    """Onboarded people, written straight into the store (not timed)."""
    now = app.clock.now()

    def work(repo: SqlRepository, part: list[str]) -> None:
        for name in part:
            repo.save_user(UserRecord(CHANNEL, name, language="en", consent=onboarding.AGREE,
                                      consent_at=now, state={"at": "menu", "turn": 1},
                                      created_at=now, seen_at=now))

    for start in range(0, len(names), 1000):
        await app.store.run(lambda repo, part=names[start:start + 1000]: work(repo, part))


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(count: int) -> None:
    settings = Settings()
    rate = settings.send_rate_total
    with tempfile.TemporaryDirectory(prefix="brug-bench-") as folder:
        app = await build_app(settings, SystemClock(), f"sqlite:///{folder}/bench.db")
        names = [f"p{n}" for n in range(count)]
        talkers = [f"talker{n}" for n in range(TALKERS)]
        await people(app, names + talkers)
        transport = LimitedTransport(latency=0.05, total=round(rate),
                                     chat_seconds=1.0 / settings.send_rate_per_chat)
        sender = app.sender({CHANNEL: transport})
        handled: list[float] = []  # from the moment an update is sent to its commit
        answered: list[float] = []  # from then to its reply being taken by the transport
        replies: list[asyncio.Task[None]] = []
        done = asyncio.Event()

        async def talk() -> None:
            start, n = time.perf_counter(), 0
            while not done.is_set():
                sent = start + n * TALK_EVERY
                if (delay := sent - time.perf_counter()) > 0:
                    await asyncio.sleep(delay)
                who = talkers[n % TALKERS]
                result = await app.handle(Incoming(channel=CHANNEL, user=who,
                                                   time=app.clock.now(), kind="text",
                                                   text=f"hello {n}"), record=True)
                handled.append(time.perf_counter() - sent)

                async def reply(rows: tuple[Delivery, ...] = result.deliveries,
                                sent: float = sent) -> None:
                    await sender.send_now(rows)
                    answered.append(time.perf_counter() - sent)

                replies.append(asyncio.create_task(reply()))
                n += 1

        scheduler = start_scheduler([
            ("outbox", sender.drain, settings.outbox_interval_seconds),
            ("sweep", app.sweep, settings.sweep_interval_seconds),
        ])
        talking = asyncio.create_task(talk())
        began = time.perf_counter()
        report = await app.ask_again_after_event(CHANNEL, "Jobdate", names)
        assert len(report.asked) == count
        written = time.perf_counter() - began
        # Bounded: the broadcast's own time, the sweep's first turn, and room for a loaded machine.
        deadline = began + 3 * count / rate + 2 * settings.sweep_interval_seconds + 60
        while (delivered := len(transport.delivered) - sum(
                1 for t in talkers if t in transport.delivered)) < count:
            if time.perf_counter() > deadline:
                break
            await asyncio.sleep(0.5)
        done.set()
        await talking
        await asyncio.gather(*replies)
        scheduler.shutdown(wait=False)
        await sender.settle()
        await app.close()

    recipients = set(names)
    times = [when for chat, when in transport.taken if chat in recipients]
    twice = sum(1 for n in names if len(transport.delivered.get(n, ())) > 1)
    achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    print(f"{count} people, configured {rate:g} messages/s overall, "
          f"{settings.send_rate_per_chat:g}/s per chat, 50 ms per call")
    print(f"fan-out written in {written:.1f} s; first message {times[0] - began:.1f} s after "
          f"the start, last {times[-1] - began:.1f} s")
    print(f"delivered {delivered} of {count} (twice: {twice}); refused {len(transport.refused)}; "
          f"at most {transport.most_in_flight} calls at once")
    for why, times_refused in Counter(why for _, why in transport.refused).items():
        print(f"  refused {times_refused}: {why}")
    span = [when for _, when in transport.taken if times[0] <= when <= times[-1]]
    overall = (len(span) - 1) / (times[-1] - times[0]) if len(span) > 1 else 0.0
    print(f"broadcast: {achieved:.2f} messages/s, ratio {achieved / rate:.3f}; with the other "
          f"people's replies: {overall:.2f} messages/s, ratio {overall / rate:.3f} "
          "(target >= 0.95)")
    print(f"other people's updates meanwhile: {len(handled)}; handled p50 {ms(handled, 0.5):.1f} "
          f"ms, p99 {ms(handled, 0.99):.1f} ms, max {1000 * max(handled):.1f} ms "
          f"(target p99 < 100 ms); reply taken p50 {ms(answered, 0.5):.1f} ms, "
          f"p99 {ms(answered, 0.99):.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(main(args.people))
