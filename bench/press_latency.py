"""From a button press to the next question, with a Bot API that takes 50 ms per call.

A press needs three Bot API calls: answer the press, mark the question with the choice, send
the next question. The channel sends them together; "before" is the channel as it was, making
the three calls one after the other. Both run in one process against the fake Bot API of the
tests (tests/fake_telegram/botapi.py, on 127.0.0.1), which holds every call `--latency`
seconds before it records it: the way to Telegram. The time is taken from the moment the press
is available to the bot's getUpdates until the fake records the next question, and given in
round trips (that time over the latency). Presses go one at a time, the two channels taking
turns, so both see the same machine.

Run from the repository root: .venv/bin/python bench/press_latency.py --people 20
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from aiogram.types import CallbackQuery, Message

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_app
from bot.channels.telegram import Sending, TelegramChannel, make_bot
from bot.channels.telegram_polling import Poller
from bot.channels.telegram_render import chosen_label, from_callback
from bot.clock import SystemClock
from bot.config import Settings
from tests.fake_telegram.botapi import FakeBotApi

PRESSES = ("English", "Continue", "Yes, I agree")


class SequentialChannel(TelegramChannel):
    """The channel before: answer the press, then mark the question, then send the replies,
    each call waiting for the one before."""

    async def on_callback(self, query: CallbackQuery, update_id: int) -> Sending | None:
        incoming = from_callback(query, update_id, self.app.clock.now())
        handled = await self.app.handle(incoming, record=True)
        await self._answer_query(query)
        label = chosen_label(query)
        if handled.answered_open_question and label and isinstance(query.message, Message):
            await self.delivery.edit(query.message.chat.id, query.message.message_id,
                                     f"{query.message.text}\n\n✓ {label}")
        await self.sender.send_now(handled.deliveries)
        return None


async def one_bot(channel_class: type[TelegramChannel], folder: Path, latency: float,
                  people: int) -> tuple[FakeBotApi, Any]:
    fake = await FakeBotApi(latency=latency).start()
    settings = Settings(telegram_token=fake.token, telegram_api_base=fake.api_base)
    app = await build_app(settings, SystemClock(), f"sqlite:///{folder}/{channel_class.__name__}.db")
    bot = make_bot(settings)
    channel = channel_class(app, bot)
    stop = asyncio.Event()
    task = asyncio.create_task(Poller(bot, channel.process, timeout=10).run(stop))

    async def close() -> None:
        stop.set()
        await task
        await channel.flush()
        await bot.session.close()
        await app.close()
        await fake.close()

    return fake, close


async def press_time(fake: FakeBotApi, chat: int, label: str) -> float:
    """Press `label` on the chat's last message; seconds until the next question is recorded."""
    before = len(fake.chat(chat))
    start = time.monotonic()
    fake.press(chat, fake.chat(chat)[-1], label)
    await fake.wait_for(lambda: len(fake.chat(chat)) > before, 30)
    took = fake.chat(chat)[before]["at"] - start
    await asyncio.sleep(2 * fake.latency)  # let the press's other calls finish
    return float(took)


async def main(people: int, latency: float) -> None:
    with tempfile.TemporaryDirectory(prefix="brug-press-") as folder:
        bots = {name: await one_bot(cls, Path(folder), latency, people)
                for name, cls in (("before", SequentialChannel), ("after", TelegramChannel))}
        times: dict[str, list[float]] = {name: [] for name in bots}
        for chat in range(1, people + 1):
            for fake, _ in bots.values():
                fake.send_text(chat, "/start")
            for fake, _ in bots.values():
                await fake.next_messages(chat, 0)
            for label in PRESSES:
                for name, (fake, _) in bots.items():
                    times[name].append(await press_time(fake, chat, label))
        for _, close in bots.values():
            await close()
    print(f"press to next question, {people * len(PRESSES)} presses each, Bot API "
          f"{latency * 1000:.0f} ms a call (in round trips of {latency * 1000:.0f} ms):")
    for name, values in times.items():
        trips = [value / latency for value in values]
        print(f"  {name:6}  median {statistics.median(trips):.2f}  mean "
              f"{statistics.fmean(trips):.2f}  max {max(trips):.2f}")
    ratio = statistics.median(times["after"]) / statistics.median(times["before"])
    print(f"  after / before (medians): {ratio:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    options = parser.parse_args()
    asyncio.run(main(options.people, options.latency))
