"""Memory of the Telegram channel as more and more distinct people write to it.

Each person sends /start once through the real TelegramChannel and the real app on a SQLite
file (the Bot's session answers at once, see onboarding_vs_echo.py), 50 at a time. The
resident set size (RSS) is read after 1 000 people and after 100 000, each time after a full
garbage collection. Every variant runs in a fresh process of its own: as `brug run` builds it
(no aiogram Dispatcher, so no FSM), and through an aiogram Dispatcher with its default FSM
middleware (what the channel did at first).
Run from the repository root: .venv/bin/python bench/rss_people.py --people 100000
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.types import CallbackQuery, Message, Update
from onboarding_vs_echo import TOKEN, InstantSession, freeze_heap, next_update

from bot.app import build_app
from bot.channels.telegram import TelegramChannel
from bot.clock import SystemClock
from bot.config import Settings

FIRST_UPDATE_ID = 900_000_000
WIDTH = 50
FIRST_CHAT = 10_000


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


async def measure(people: int, early: int, with_fsm: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="brug-bench-") as folder:
        app = await build_app(Settings(), SystemClock(), f"sqlite:///{folder}/bench.db")
        session = InstantSession()
        bot = Bot(TOKEN, session=session)
        channel = TelegramChannel(app, bot, post=session.post)
        feed = channel.feed if not with_fsm else with_aiogram_fsm(channel)
        frozen = freeze_heap()
        figures = []
        try:
            done = 0
            for until in (early, people):
                while done < until:
                    wave = range(done, min(until, done + WIDTH))
                    updates = [next_update(session, bot, FIRST_UPDATE_ID + n, FIRST_CHAT + n, 0,
                                           True) for n in wave]
                    # The benchmark's fake Telegram remembers each chat's last message: that
                    # is the benchmark's memory, not the bot's.
                    await asyncio.gather(*(feed(update) for update in updates))
                    session.last.clear()
                    session.keyboard.clear()
                    done = wave.stop
                gc.collect()
                figures.append((until, rss_mib(), len(gc.get_objects())))
        finally:
            frozen.close()
            await app.close()
    (n1, rss1, objects1), (n2, rss2, objects2) = figures
    name = "with aiogram's FSM" if with_fsm else "as brug run (no FSM)"
    print(f"{name:<24}{n1:>9}{rss1:>9.1f}{objects1:>11}{n2:>9}{rss2:>9.1f}{objects2:>11}"
          f"{rss2 / rss1:>8.3f}", flush=True)


def with_aiogram_fsm(channel: TelegramChannel) -> Callable[[Update], Awaitable[object]]:
    """The channel behind an aiogram Dispatcher with its default FSM, as it began."""

    async def on_message(message: Message, event_update: Update) -> object:
        return await channel.on_message(message, event_update.update_id)

    async def on_callback(query: CallbackQuery, event_update: Update) -> object:
        return await channel.on_callback(query, event_update.update_id)

    router = Router(name="brug")
    router.message.register(on_message)
    router.callback_query.register(on_callback)
    dispatcher = Dispatcher()  # FSM on, as aiogram's default
    dispatcher.include_router(router)
    return partial(dispatcher.feed_update, channel.bot)


def main(people: int, early: int) -> None:
    print(f"{'channel':<24}{'people':>9}{'RSS MiB':>9}{'objects':>11}{'people':>9}"
          f"{'RSS MiB':>9}{'objects':>11}{'ratio':>8}", flush=True)
    for with_fsm in (False, True):
        # A fresh process for each: RSS is the process's, and memory once taken stays.
        subprocess.run([sys.executable, __file__, "--people", str(people), "--early",
                        str(early), "--variant", "fsm" if with_fsm else "lean"], check=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--early", type=int, default=1_000)
    parser.add_argument("--variant", choices=("lean", "fsm"))
    args = parser.parse_args()
    if args.variant is None:
        main(args.people, args.early)
    else:
        asyncio.run(measure(args.people, args.early, args.variant == "fsm"))
