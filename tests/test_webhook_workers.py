"""Three `brug run --webhook` processes on one PostgreSQL database, against the fake Bot API
server: a thousand reminders fall due at once, and each person gets their message once."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import build_app
from bot.clock import SystemClock
from bot.config import Settings
from bot.storage import deliveries
from bot.storage.repository import SqlRepository, UserRecord
from bot.storage.tables import reminders
from tests.databases import POSTGRES, postgres_database
from tests.fake_telegram.server import FakeTelegram
from tests.harness import ROOT

pytestmark = pytest.mark.skipif(not POSTGRES, reason="set BRUG_TEST_POSTGRES_URL to run it")

PEOPLE = 1000
WORKERS = 3
FIRST_CHAT = 7_000_000
# Generous bounds for a loaded two-core machine: starting a process imports aiogram.
READY_WITHIN = 240
DONE_WITHIN = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def database() -> AsyncIterator[str]:
    async with postgres_database() as url:
        yield url


async def start_worker(fake: FakeTelegram, database: str, folder: Path
                       ) -> asyncio.subprocess.Process:
    port = free_port()
    folder.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "BRUG_DATABASE_URL": database,
        "BRUG_DATA_DIR": str(folder),
        "BRUG_TELEGRAM_TOKEN": fake.token,
        "BRUG_TELEGRAM_API_BASE": fake.api_base,
        "BRUG_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "BRUG_WEBHOOK_PORT": str(port),
        "BRUG_WEBHOOK_SECRET": "three-workers-share-one-database-0123456789",
        "BRUG_METRICS_PORT": str(free_port()),
        "BRUG_SWEEP_INTERVAL_SECONDS": "1",
        "BRUG_OUTBOX_INTERVAL_SECONDS": "0.2",
        "BRUG_SEND_RATE_TOTAL": "1000",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--webhook", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)


def people_at_the_menu(repo: SqlRepository) -> None:
    """People who agreed that Brug keeps answers and are at the menu."""
    now = SystemClock().now()
    for number in range(PEOPLE):
        repo.save_user(UserRecord("telegram", str(FIRST_CHAT + number), language="en",
                                  consent="agree", state={"at": "menu", "turn": 1, "flows": {}},
                                  created_at=now, seen_at=now))


async def test_three_webhook_processes_send_each_due_reminder_once(
    fake_telegram: FakeTelegram, database: str, tmp_path: Path,
) -> None:
    admin = await build_app(Settings(), SystemClock(), database)
    await admin.store.run(people_at_the_menu)
    workers = [await start_worker(fake_telegram, database, tmp_path / f"worker{n}")
               for n in range(WORKERS)]
    try:
        async def all_listening() -> bool:
            events = (await fake_telegram.inspect())["events"]
            return sum(e["method"].lower() == "setwebhook" for e in events) >= WORKERS

        await fake_telegram.wait_for(all_listening, timeout=READY_WITHIN, interval=0.5)
        people = [str(FIRST_CHAT + n) for n in range(PEOPLE)]
        report = await admin.ask_again_after_event("telegram", "Jobdate", people)
        assert len(report.asked) == PEOPLE

        async def sent() -> list[tuple[int, str]] | None:
            events = (await fake_telegram.inspect())["events"]
            messages = [(e["chat_id"], e["params"]["text"]) for e in events
                        if e["method"].lower() == "sendmessage" and "error" not in e]
            return messages if len({chat for chat, _ in messages}) >= PEOPLE else None

        await fake_telegram.wait_for(sent, timeout=DONE_WITHIN, interval=0.5)

        async def settled() -> bool:
            # Nothing due is left, and nothing is waiting in the outbox.
            due = await admin.store.run(lambda repo: repo.conn.execute(
                select(func.count()).select_from(reminders).where(
                    reminders.c.done_at.is_(None),
                    reminders.c.due_at <= SystemClock().now())).scalar_one())
            counts = await admin.store.run(deliveries.counts)
            return due == 0 and counts.pending == 0

        await fake_telegram.wait_for(settled, timeout=DONE_WITHIN, interval=0.5)
    finally:
        for worker in workers:
            if worker.returncode is None:
                worker.send_signal(signal.SIGTERM)
        errors = [(await asyncio.wait_for(worker.communicate(), 60))[1] for worker in workers]
        await admin.close()
    for worker, stderr in zip(workers, errors, strict=True):
        assert worker.returncode == 0, stderr.decode()[-2000:]

    messages = await sent()
    assert messages is not None
    assert [item for item, times in Counter(messages).items() if times > 1] == []
    intros = Counter(chat for chat, text in messages
                     if text.startswith("You took part in: Jobdate."))
    assert sorted(intros) == [FIRST_CHAT + n for n in range(PEOPLE)]
    assert set(intros.values()) == {1}
