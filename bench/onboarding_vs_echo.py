"""Onboarding through the real app and Telegram channel, against a bare aiogram echo bot.

Both get pre-built aiogram Updates, the echo through its Dispatcher.feed_update and the app
through TelegramChannel.feed (as polling and the webhook hand them over), with a Bot whose
session answers at once (no network), so the figures are the bot's own in-process cost per
update.
Run from the repository root: .venv/bin/python bench/onboarding_vs_echo.py --users 200
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import tempfile
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response
from aiogram.types import CallbackQuery, Message, Update
from sqlalchemy import text

from bot.app import Brug, build_app
from bot.channels.telegram import TelegramChannel
from bot.clock import SystemClock
from bot.config import Settings
from bot.storage import db

TOKEN = "123456789:AAHbenchbenchbenchbenchbenchbenchbe"
BOT_USER_JSON = json.dumps({"id": 123456789, "is_bot": True, "first_name": "Brug"})
PRESSES = ("English", "Continue", "Yes, I agree")  # the buttons each user taps after /start
STEPS = 1 + len(PRESSES)
FIRST_UPDATE_ID = 781_000_000  # Telegram-sized ids; every update gets a new, higher one
PACED_RATE = 200.0
# The loop thread's CPU time inside feed_one, summed: the bot's own work, which other
# processes on a loaded machine change much less than they change the wall time.
CPU_SECONDS = [0.0]


class InstantSession(BaseSession):
    """Answers every call at once, as Telegram would, and remembers each chat's last message
    and last keyboard, so that presses use the buttons the bot really sent."""

    def __init__(self) -> None:
        super().__init__()
        self.message_id = 0
        # As JSON text: the benchmark reads them only when it builds the next update.
        self.last: dict[int, str] = {}
        self.keyboard: dict[int, str] = {}

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        # The bot's side of a call, as the aiohttp session does it: every field serialised,
        # and the answer parsed into pydantic objects through check_response. Telegram's side,
        # building that answer, happens on Telegram's servers: here it is kept to a few
        # string joins, so it adds little to either bot.
        params = {k: self.prepare_value(v, bot=bot, files={})
                  for k, v in method.model_dump(warnings=False).items()}
        result = "true"  # AnswerCallbackQuery and anything else
        if method.__api_method__ in ("sendMessage", "editMessageText"):
            result = self.message(method.__api_method__ == "editMessageText", params)
        return self.check_response(bot, method, 200, f'{{"ok":true,"result":{result}}}').result

    async def post(self, name: str, body: bytes) -> tuple[int, str]:
        """The channel's own calls (bot/channels/telegram_calls.py) arrive as the JSON body it
        built; reading that body is Telegram's side of the call, and is timed all the same."""
        params = orjson.loads(body)
        if "reply_markup" in params:
            params["reply_markup"] = orjson.dumps(params["reply_markup"]).decode()
        result = "true"
        if name in ("sendMessage", "editMessageText"):
            result = self.message(name == "editMessageText", params)
        return 200, f'{{"ok":true,"result":{result}}}'

    def message(self, edit: bool, params: dict[str, Any]) -> str:
        """The message Telegram answers with, as JSON text."""
        chat, now = int(params["chat_id"]), int(time.time())
        fields = [f'"date":{now}', f'"text":{json.dumps(params["text"])}',
                  f'"from":{BOT_USER_JSON}', f'"chat":{{"id":{chat},"type":"private"}}']
        if edit:
            fields += [f'"message_id":{int(params["message_id"])}', f'"edit_date":{now}']
            return "{" + ",".join(fields) + "}"
        self.message_id += 1
        fields.append(f'"message_id":{self.message_id}')
        if params.get("reply_markup"):
            fields.append(f'"reply_markup":{params["reply_markup"]}')
        result = "{" + ",".join(fields) + "}"
        self.last[chat] = result
        if params.get("reply_markup"):
            self.keyboard[chat] = result
        return result

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""  # no downloads in this benchmark

    async def close(self) -> None:
        pass


def next_update(session: InstantSession, bot: Bot, update_id: int, chat: int, step: int,
                follow: bool) -> Update:
    """Step 0 is /start; later steps press a button of the last message the chat got
    (the named button of the last keyboard when following the real flow)."""
    person = {"id": chat, "is_bot": False, "first_name": f"U{chat}", "language_code": "en"}
    if step == 0:
        raw: dict[str, Any] = {"message": {
            "message_id": update_id, "date": int(time.time()), "from": person, "text": "/start",
            "chat": {"id": chat, "type": "private", "first_name": person["first_name"]},
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    else:
        message = json.loads(session.keyboard[chat] if follow else session.last[chat])
        data = button(message, PRESSES[step - 1]) if follow else "1:echo"
        raw = {"callback_query": {"id": str(update_id), "from": person, "data": data,
                                  "chat_instance": str(chat), "message": message}}
    # Mounted on the bot as polling does, so feed_update does not re-validate it.
    return Update.model_validate({"update_id": update_id, **raw}, context={"bot": bot})


def button(message: dict[str, Any], label: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for key in row:
            if key["text"] == label:
                return str(key["callback_data"])
    raise AssertionError(f"no button {label!r} in {message['text'][:60]!r}")


@dataclass
class Target:
    """One system under test; app is None for the echo bot."""

    # Takes one update and returns once it is handled (for the channel: also the task
    # sending its replies, which `feed` waits for).
    feed: Callable[[Update], Awaitable[Any]]
    bot: Bot
    session: InstantSession
    app: Brug | None = None


class freeze_heap:
    """What start-up built stays out of the collector's full passes, as `brug run` does."""

    def __init__(self) -> None:
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        gc.unfreeze()


@asynccontextmanager
async def full_flow(synchronous: str = "NORMAL") -> AsyncIterator[Target]:
    """The app as production builds it, on a fresh SQLite file: commits at NORMAL, the log
    synced by a thread within db.SYNC_DELAY. `synchronous` FULL gives the durable commit of
    before, every commit syncing the log on the loop's thread."""
    db.SYNCHRONOUS = synchronous
    with tempfile.TemporaryDirectory(prefix="brug-bench-") as folder:
        app = await build_app(Settings(), SystemClock(), f"sqlite:///{folder}/bench.db")
        session = InstantSession()
        bot = Bot(TOKEN, session=session)
        channel = TelegramChannel(app, bot, post=session.post)
        frozen = freeze_heap()
        try:
            yield Target(channel.feed, bot, session, app)
        finally:
            frozen.close()
            await channel.flush()  # the last confirmations are written
            await app.close()


@asynccontextmanager
async def echo() -> AsyncIterator[Target]:
    """The floor: aiogram with one unfiltered handler per update kind that sends one message."""

    async def on_message(message: Message, bot: Bot) -> None:
        await bot.send_message(message.chat.id, message.text or "")

    async def on_callback(query: CallbackQuery, bot: Bot) -> None:
        await bot.send_message(query.from_user.id, query.data or "")

    router = Router(name="echo")
    router.message.register(on_message)
    router.callback_query.register(on_callback)
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    session = InstantSession()
    bot = Bot(TOKEN, session=session)
    # The echo gets the same help the channel has: pydantic holds this generic class weakly
    # and would rebuild it after collections (about 3 ms each time), slowing the echo.
    keep_alive = Response[Message]
    frozen = freeze_heap()
    try:
        yield Target(partial(dispatcher.feed_update, bot), bot, session)
    finally:
        frozen.close()
        del keep_alive


def schedule(users: int) -> list[tuple[int, int]]:
    """(step, chat) in round robin: everyone's /start, then everyone's first press, ..."""
    return [(step, 10_000 + user) for step in range(STEPS) for user in range(users)]


async def feed_one(target: Target, update_id: int, chat: int, step: int) -> float:
    update = next_update(target.session, target.bot, update_id, chat, step, target.app is not None)
    cpu = time.thread_time()  # read outside the wall time, which it would add to
    start = time.perf_counter()  # only the handling is timed
    await feed(target, update)
    seconds = time.perf_counter() - start
    CPU_SECONDS[0] += time.thread_time() - cpu
    return seconds


async def feed(target: Target, update: Update) -> None:
    """The update handled and, for the channel, the sending of the replies it starts."""
    sending = await target.feed(update)
    if isinstance(sending, asyncio.Future):
        await sending


async def run_sequential(target: Target, users: int) -> list[float]:
    gc.collect()  # start clean: no run pays for the garbage of the runs before it
    return [await feed_one(target, FIRST_UPDATE_ID + i, chat, step)
            for i, (step, chat) in enumerate(schedule(users))]


async def run_concurrent(target: Target, users: int, width: int) -> tuple[list[float], float]:
    """Updates that arrive together: `width` users' next updates fed at once (asyncio.gather),
    wave after wave; returns each update's own time and the time the waves took."""
    latencies: list[float] = []

    async def one(update: Update) -> None:
        start = time.perf_counter()
        await feed(target, update)
        latencies.append(time.perf_counter() - start)

    gc.collect()  # as in run_sequential
    update_id, busy = FIRST_UPDATE_ID, 0.0
    for step in range(STEPS):
        for first in range(0, users, width):
            wave = []
            for chat in range(10_000 + first, 10_000 + min(users, first + width)):
                wave.append(next_update(target.session, target.bot, update_id, chat, step,
                                        target.app is not None))
                update_id += 1
            start = time.perf_counter()  # building the updates is not timed
            await asyncio.gather(*(one(update) for update in wave))
            busy += time.perf_counter() - start
    return latencies, busy


async def run_paced(target: Target, users: int,
                    rate: float) -> tuple[list[float], list[float], float]:
    """Start update i at t0 + i/rate whatever is still running; returns each update's own
    feed_update time, its time from its slot to done, and the run's wall time."""
    own: list[float] = []
    from_slot: list[float] = []
    # A person presses only once the question is there: on a loaded machine an update may
    # still be on its way when the same person's next slot comes, and then that next one waits.
    last: dict[int, asyncio.Task[None]] = {}

    async def one(slot: float, update_id: int, chat: int, step: int,
                  before: asyncio.Task[None] | None) -> None:
        if before is not None:
            await before
        own.append(await feed_one(target, update_id, chat, step))
        from_slot.append(time.perf_counter() - slot)

    tasks = []
    gc.collect()  # as in run_sequential
    t0 = time.perf_counter()
    for i, (step, chat) in enumerate(schedule(users)):
        slot = t0 + i / rate
        if (delay := slot - time.perf_counter()) > 0:
            await asyncio.sleep(delay)
        last[chat] = asyncio.create_task(one(slot, FIRST_UPDATE_ID + i, chat, step,
                                             last.get(chat)))
        tasks.append(last[chat])
    await asyncio.gather(*tasks)
    return own, from_slot, time.perf_counter() - t0


async def check_consent(target: Target, users: int) -> None:
    """The flow really ran: every user is stored, and agreed."""
    assert target.app is not None
    query = text("SELECT consent, count(*) FROM users GROUP BY consent")
    rows: dict[str, int] = await target.app.store.run(
        lambda repo: {consent: count for consent, count in repo.conn.execute(query)})
    assert rows == {"agree": users}, f"expected {users} users who agreed, found {rows}"


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Figures:
    updates: int
    seconds: float
    p50: float
    p99: float

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    @staticmethod
    def of(latencies: list[float], seconds: float | None = None) -> Figures:
        """Sequential runs count only the time inside feed_update; paced ones the wall time."""
        return Figures(len(latencies), seconds or sum(latencies), ms(latencies, 0.5),
                       ms(latencies, 0.99))

    @staticmethod
    def median(runs: list[Figures]) -> Figures:
        return Figures(runs[0].updates, *(statistics.median(getattr(r, k) for r in runs)
                                          for k in ("seconds", "p50", "p99")))


async def sequential_only(users: int, repeats: int) -> None:
    """Only the one-at-a-time rows of the shipped flow (NORMAL, the timed sync) and the echo,
    alternating: a quicker before/after check of the per-update cost. Prints every run, so
    the spread shows, and the median."""
    full_runs, echo_runs, ratios, cpu_full, cpu_echo = [], [], [], [], []
    updates = users * STEPS
    for _ in range(repeats):
        CPU_SECONDS[0] = 0.0
        async with full_flow("NORMAL") as target:
            full_runs.append(Figures.of(await run_sequential(target, users)))
            await check_consent(target, users)
        cpu_full.append(1000 * CPU_SECONDS[0] / updates)
        CPU_SECONDS[0] = 0.0
        async with echo() as target:
            echo_runs.append(Figures.of(await run_sequential(target, users)))
        cpu_echo.append(1000 * CPU_SECONDS[0] / updates)
        ratios.append(full_runs[-1].rate / echo_runs[-1].rate)
        print(f"full {full_runs[-1].rate:6.0f}/s p50 {full_runs[-1].p50:.2f} ms "
              f"cpu {cpu_full[-1]:.3f} ms   echo {echo_runs[-1].rate:6.0f}/s p50 "
              f"{echo_runs[-1].p50:.2f} ms cpu {cpu_echo[-1]:.3f} ms   ratio {ratios[-1]:.3f}",
              flush=True)
    full, base = Figures.median(full_runs), Figures.median(echo_runs)
    print(f"median of {repeats}: full {full.rate:.0f}/s, echo {base.rate:.0f}/s, "
          f"ratio of medians {full.rate / base.rate:.3f}, median ratio "
          f"{statistics.median(ratios):.3f} (runs {min(ratios):.3f} to {max(ratios):.3f})")
    full_cpu, echo_cpu = statistics.median(cpu_full), statistics.median(cpu_echo)
    print(f"loop thread CPU an update, median: full {full_cpu:.3f} ms (runs "
          f"{min(cpu_full):.3f} to {max(cpu_full):.3f}), echo {echo_cpu:.3f} ms (runs "
          f"{min(cpu_echo):.3f} to {max(cpu_echo):.3f}), echo/full {echo_cpu / full_cpu:.3f}")


async def interleaved(users: int, repeats: int, block: int) -> None:
    """The shipped flow and the echo side by side in one process, one at a time, taking
    turns every `block` updates (the same kinds of update for both; which goes first
    alternates): a machine whose speed drifts from one second to the next slows both alike.
    Prints the ratio of each repeat and the median of the blocks' ratios."""
    overall, medians = [], []
    for _ in range(repeats):
        async with full_flow("NORMAL") as full, echo() as bare:
            gc.collect()
            times: dict[str, float] = {"full": 0.0, "echo": 0.0}
            blocks: list[float] = []
            order = list(enumerate(schedule(users)))
            for number, first in enumerate(range(0, len(order), block)):
                part = order[first:first + block]
                spent: dict[str, float] = {}
                turns = (("full", full), ("echo", bare))
                for name, target in turns if number % 2 == 0 else turns[::-1]:
                    spent[name] = sum([await feed_one(target, FIRST_UPDATE_ID + i, chat, step)
                                       for i, (step, chat) in part])
                    times[name] += spent[name]
                blocks.append(spent["echo"] / spent["full"])
            await check_consent(full, users)
        overall.append(times["echo"] / times["full"])
        medians.append(statistics.median(blocks))
        print(f"full {len(order) / times['full']:6.0f}/s   echo {len(order) / times['echo']:6.0f}/s"
              f"   ratio {overall[-1]:.3f}   median of {len(blocks)} blocks {medians[-1]:.3f} "
              f"(blocks {min(blocks):.3f} to {max(blocks):.3f})", flush=True)
    print(f"median of {repeats}: ratio {statistics.median(overall):.3f} (runs {min(overall):.3f}"
          f" to {max(overall):.3f}), median of the blocks' medians "
          f"{statistics.median(medians):.3f}")


async def main(users: int, repeats: int, width: int, profile: bool) -> None:
    modes = ("NORMAL", "FULL")  # synced on a timer (now), and every commit synced (before)
    full_runs: dict[str, list[Figures]] = {mode: [] for mode in modes}
    full_wide: dict[str, list[Figures]] = {mode: [] for mode in modes}
    echo_runs, echo_wide = [], []
    for _ in range(repeats):  # alternate, so drift on the machine hits all alike
        for mode in modes:
            async with full_flow(mode) as target:
                full_runs[mode].append(Figures.of(await run_sequential(target, users)))
                await check_consent(target, users)
        async with echo() as target:
            echo_runs.append(Figures.of(await run_sequential(target, users)))
        for mode in modes:
            async with full_flow(mode) as target:
                full_wide[mode].append(Figures.of(*await run_concurrent(target, users, width)))
                await check_consent(target, users)
        async with echo() as target:
            echo_wide.append(Figures.of(*await run_concurrent(target, users, width)))
    async with full_flow() as target:
        own, from_slot, seconds = await run_paced(target, users, PACED_RATE)
        await check_consent(target, users)

    base, base_wide = Figures.median(echo_runs), Figures.median(echo_wide)
    full = {mode: Figures.median(full_runs[mode]) for mode in modes}
    wide = {mode: Figures.median(full_wide[mode]) for mode in modes}
    paced = Figures.of(own, seconds)
    print(f"{users} users x {STEPS} updates; other rows: median of {repeats} runs")
    print(f"{'run':<30}{'updates':>8}{'seconds':>9}{'upd/s':>8}{'p50 ms':>8}{'p99 ms':>8}")
    rows = (("echo, one at a time", base),
            *((f"full {mode}, one at a time", full[mode]) for mode in modes),
            (f"echo, {width} at a time", base_wide),
            *((f"full {mode}, {width} at a time", wide[mode]) for mode in modes),
            (f"full NORMAL, paced {PACED_RATE:.0f}/s", paced))
    for name, f in rows:
        print(f"{name:<30}{f.updates:>8}{f.seconds:>9.3f}{f.rate:>8.0f}{f.p50:>8.2f}{f.p99:>8.2f}")
    slot_p99 = ms(from_slot, 0.99)
    for mode in modes:
        for name, ratio in (("one at a time", full[mode].rate / base.rate),
                            (f"{width} at a time", wide[mode].rate / base_wide.rate)):
            verdict = "met" if ratio >= 1 / 3 else "NOT met"
            print(f"full {mode}/echo rate, {name}: {ratio:.3f} (target >= 0.333 {verdict})")
    for name, ratio in (("one at a time", full["NORMAL"].rate / full["FULL"].rate),
                        (f"{width} at a time", wide["NORMAL"].rate / wide["FULL"].rate)):
        print(f"timed sync against a sync per commit: NORMAL/FULL rate, {name}: {ratio:.3f}")
    print(f"paced p99 from its slot {slot_p99:.2f} ms: target < 25 ms "
          f"{'met' if max(slot_p99, paced.p99) < 25 else 'NOT met'}")
    if profile:  # one more full-flow run, sampled (.venv/bin/pip install pyinstrument)
        from pyinstrument import Profiler

        async with full_flow() as target:
            with Profiler(interval=0.0002) as profiler:
                await run_sequential(target, users)
        print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--width", type=int, default=50,
                        help="updates fed at once in the concurrent rows")
    parser.add_argument("--profile", action="store_true", help="also profile one full-flow run")
    parser.add_argument("--sequential", action="store_true",
                        help="only the shipped flow and the echo, one at a time, every run "
                             "printed")
    parser.add_argument("--interleaved", type=int, metavar="BLOCK", default=0,
                        help="only the shipped flow and the echo, one at a time, in one "
                             "process, taking turns every BLOCK updates")
    args = parser.parse_args()
    if args.interleaved:
        asyncio.run(interleaved(args.users, args.repeats, args.interleaved))
    elif args.sequential:
        asyncio.run(sequential_only(args.users, args.repeats))
    else:
        asyncio.run(main(args.users, args.repeats, args.width, args.profile))
