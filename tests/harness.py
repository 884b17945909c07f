"""A simulated user's session: the simulate protocol, in process or as a `brug simulate` process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Executable

from bot.app import Brug, build_app
from bot.channels.simulate import Simulator
from bot.clock import FakeClock
from bot.config import Settings

START = datetime.fromisoformat("2026-01-05T09:00:00+00:00")
ROOT = Path(__file__).resolve().parent.parent


async def query(app: Brug, statement: Executable) -> list[dict[str, Any]]:
    """What is stored, read through the app's own store."""
    return await app.store.run(
        lambda repo: [dict(row) for row in repo.conn.execute(statement).mappings()])


def files_beside(url: str) -> Path:
    """Where images are written: beside a SQLite file; for a database server, in one folder
    (the names are unique)."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).parent / "files"
    return Path(tempfile.gettempdir()) / "brug-test-files"


class Session:
    """Talks to the real core through the simulate protocol; each call returns that step's lines."""

    def __init__(self, app: Brug, clock: FakeClock) -> None:
        self.app = app
        self.clock = clock
        self.lines: list[dict[str, Any]] = []
        self.simulator = Simulator(app, clock, self.lines.append)

    @classmethod
    async def open(cls, db: Path | str, content_dir: Path | None = None, *,
                   flood: bool = False) -> Session:
        """On a SQLite file, or on any database URL Brug accepts. A scripted session sends its
        lines in no time on the simulated clock, so flood control is off unless `flood`."""
        settings = Settings(content_dir=content_dir) if content_dir else Settings()
        if not flood:
            settings = settings.model_copy(update={"flood_limit": 0})
        clock = FakeClock(START)
        url = db if isinstance(db, str) else f"sqlite:///{db}"
        app = await build_app(settings, clock, url, files_beside(url))
        return cls(app, clock)

    async def feed(self, line: dict[str, Any] | str) -> list[dict[str, Any]]:
        start = len(self.lines)
        await self.simulator.feed(line if isinstance(line, str) else json.dumps(line))
        out = self.lines[start:]
        assert out[-1].get("done") is True, out
        return out[:-1]

    async def say(self, user: str, text: str, **extra: Any) -> list[dict[str, Any]]:
        return await self.feed({"user": user, "text": text, **extra})

    async def press(self, user: str, option: int | str, **extra: Any) -> list[dict[str, Any]]:
        return await self.feed({"user": user, "press": option, **extra})

    async def advance(self, duration: str) -> list[dict[str, Any]]:
        return await self.feed({"advance": duration})

    async def onboard(self, user: str, language: str = "English", agree: bool = True) -> None:
        await self.say(user, "/start")
        await self.press(user, language)
        await self.press(user, 1)
        out = await self.press(user, 1 if agree else 2)
        assert out[-1]["options"], out

    async def close(self) -> None:
        await self.app.close()


def messages(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if "text" in line]


def texts(lines: list[dict[str, Any]]) -> str:
    return "\n".join(line["text"] for line in lines if "text" in line)


def labels(line: dict[str, Any]) -> list[str]:
    return [option["label"] for option in line.get("options", [])]


def run_simulate(lines: list[dict[str, Any]], db: Path | str | None = None
                 ) -> list[dict[str, Any]]:
    """`brug simulate` as a separate process, as a content writer would run it; `db` is a
    SQLite file or a database URL."""
    args = [sys.executable, "-m", "bot", "simulate"]
    if db is not None:
        args += ["--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        args, input="\n".join(json.dumps(line) for line in lines) + "\n",
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]
