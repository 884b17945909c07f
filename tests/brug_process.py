"""`brug run` as a process, awaited by its readiness line rather than a fixed time: importing
aiogram alone takes several seconds on a loaded machine."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.channels.telegram import READY

ROOT = Path(__file__).resolve().parent.parent
# Generous: the bound only turns a hang into a failure.
BOUND = 120.0
_numbers = itertools.count(1)


def brug_env(token: str, api_base: str, data_dir: Path, **settings: str) -> dict[str, str]:
    env = {**os.environ, "BRUG_TELEGRAM_TOKEN": token, "BRUG_TELEGRAM_API_BASE": api_base,
           "BRUG_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT),
           # The system picks the health and metrics port: processes side by side never clash.
           "BRUG_METRICS_PORT": "0"}
    env.update({f"BRUG_{name.upper()}": value for name, value in settings.items()})
    return env


@dataclass
class BrugProcess:
    process: asyncio.subprocess.Process
    log: Path

    @classmethod
    async def start(cls, env: dict[str, str], *args: str, wait: bool = True) -> BrugProcess:
        folder = Path(env["BRUG_DATA_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / f"brug-run-{next(_numbers)}.log"
        with log.open("w") as stderr:  # a file, not a pipe: a busy bot's log never blocks it
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", *args, env=env, cwd=ROOT,
                stdout=asyncio.subprocess.PIPE, stderr=stderr)
        running = cls(process, log)
        if wait:
            await running.ready()
        return running

    async def ready(self) -> None:
        assert self.process.stdout is not None

        async def line() -> None:
            assert self.process.stdout is not None
            while True:
                text = await self.process.stdout.readline()
                if not text:
                    await self.process.wait()
                    raise AssertionError(f"brug run ended before it was ready:\n{self.stderr()}")
                if text.decode().strip() == READY:
                    return

        await asyncio.wait_for(line(), BOUND)

    def stderr(self) -> str:
        return self.log.read_text()

    async def ended(self) -> int:
        """Wait for the process to end by itself; its exit code."""
        return await asyncio.wait_for(self.process.wait(), BOUND)

    async def stop(self, signum: int = signal.SIGTERM) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signum)
        return await self.ended()


def stored(db: Path, sql: str) -> list[tuple[object, ...]]:
    """A query on the bot's SQLite file, read beside the running process (WAL allows it)."""
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def committed_replies(db: Path) -> Counter[tuple[int, str]]:
    """Every reply the bot committed, by chat and text."""
    replies: Counter[tuple[int, str]] = Counter()
    for (raw,) in stored(db, "SELECT replies FROM processed_updates"):
        for reply in json.loads(str(raw)):
            replies[int(reply["to"]), reply["text"]] += 1
    return replies
