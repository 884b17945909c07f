"""Another process holds SQLite's write lock: the bot keeps its loop free, waits, and loses
nothing, in process and as `brug simulate`."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import app as app_module
from bot.flows import onboarding
from bot.flows.content import AFTER_EVENT
from bot.storage.repository import SqlRepository, UserRecord
from bot.storage.tables import processed_updates, reminders, users
from bot.types import Incoming
from tests.harness import ROOT, Session, query

# Generous bound for a process to say it is ready on a loaded machine; not a fixed wait.
READY = 120
# Holds the write lock until it reads a line, then commits and exits.
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


@asynccontextmanager
async def write_lock_held(db: Path) -> AsyncIterator[None]:
    """Another process holds the write lock inside the block."""
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLDER, str(db), stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE)
    assert holder.stdin is not None and holder.stdout is not None
    try:
        line = await asyncio.wait_for(holder.stdout.readline(), READY)
        assert line.strip() == b"locked", line
        yield
    finally:
        holder.stdin.write(b"release\n")
        await holder.stdin.drain()
        assert await asyncio.wait_for(holder.wait(), READY) == 0


@pytest.fixture
async def sqlite_session(tmp_path: Path) -> AsyncIterator[Session]:
    """The write lock is SQLite's: this test runs on a SQLite file only."""
    sim = await Session.open(tmp_path / "brug.db")
    yield sim
    await sim.close()


async def test_updates_wait_for_another_writer_without_blocking_the_loop(
    sqlite_session: Session, tmp_path: Path,
) -> None:
    session = sqlite_session
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    async with write_lock_held(tmp_path / "brug.db"):
        now = session.clock.now()
        updates = [asyncio.create_task(session.app.handle(Incoming(
            channel="simulate", user=f"person{n}", time=now, kind="command", text="/start",
            command="start", update_id=1000 + n))) for n in range(20)]
        # The loop goes on while the updates wait: the ticker ticks a hundred times.
        start = ticks
        while ticks < start + 100:
            await asyncio.sleep(0.005)
            assert not any(update.done() for update in updates)
    handled = await asyncio.wait_for(asyncio.gather(*updates), READY)
    ticking.cancel()
    assert all(h.replies[-1].text.startswith("Choose your language") for h in handled)
    [row] = await query(session.app, select(func.count()).select_from(processed_updates))
    assert list(row.values()) == [20]


async def read_step(process: asyncio.subprocess.Process) -> list[dict[str, Any]]:
    """The lines of one simulate step, up to its `done` line."""
    assert process.stdout is not None
    lines = []
    while True:
        raw = await asyncio.wait_for(process.stdout.readline(), READY)
        assert raw, "brug simulate ended"
        line = json.loads(raw)
        if line.get("done"):
            return lines
        lines.append(line)


async def test_brug_simulate_waits_for_another_writer_and_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "brug.db"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "simulate", "--db", str(db), cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    assert process.stdin is not None and process.stderr is not None

    async def send(line: dict[str, Any]) -> None:
        assert process.stdin is not None
        process.stdin.write((json.dumps(line) + "\n").encode())
        await process.stdin.drain()

    try:
        await send({"user": "amal", "text": "/start"})
        assert (await read_step(process))[-1]["text"].startswith("Choose your language")
        async with write_lock_held(db):
            await send({"user": "amal", "press": "English"})
            await send({"advance": "P3D"})  # the sweep waits for the lock too
            # Held until the bot says it has waited for it for a while (five seconds, longer
            # than SQLite's busy timeout ever was).
            warning = await asyncio.wait_for(process.stderr.readline(), READY)
            assert b"held the SQLite write lock" in warning, warning
        out = await read_step(process)
        assert out[-1]["to"] == "amal" and "error" not in out[-1]
        assert await read_step(process) == []
        await send({"user": "amal", "text": "/menu"})
        assert (await read_step(process))[-1]["text"].startswith("What do you want to do?")
    finally:
        process.stdin.close()
        assert await asyncio.wait_for(process.wait(), READY) == 0


async def people_who_agreed(session: Session, count: int) -> list[str]:
    """People who agreed that Brug keeps their answers, written straight into the store."""
    names = [f"p{n}" for n in range(count)]
    now = session.clock.now()

    def work(repo: SqlRepository) -> None:
        for name in names:
            repo.save_user(UserRecord("simulate", name, consent=onboarding.AGREE,
                                      consent_at=now, created_at=now, seen_at=now))

    await session.app.store.run(work)
    return names


async def after_event_reminders(session: Session) -> list[int]:
    """Who is asked (or was asked already: the sweep may have run meanwhile), once a row."""
    rows = await query(session.app, select(reminders.c.user_id).where(
        reminders.c.kind == AFTER_EVENT))
    return sorted(row["user_id"] for row in rows)


async def test_a_long_after_event_list_lets_conversations_in_between(
    sqlite_session: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # SQLite's one write lock is what a long list would hold; PostgreSQL locks rows.
    session = sqlite_session
    names = await people_who_agreed(session, 400)
    # One person per slice: the smallest slices there can be.
    monkeypatch.setattr(app_module, "AFTER_EVENT_SLICE_SECONDS", 0)
    asking = asyncio.create_task(
        session.app.ask_again_after_event("simulate", "Jobdate", names))
    # The update itself, as a channel hands it over (a simulate step would also run the
    # reminder sweep, which goes on while the list keeps making reminders due).
    handled = await session.app.handle(Incoming(
        channel="simulate", user="amal", time=session.clock.now(), kind="command",
        text="/start", command="start", update_id=1))
    assert handled.replies[-1].text.startswith("Choose your language")
    assert not asking.done()  # amal was answered while the list was being written
    report = await asking
    assert report.asked == names
    assert await after_event_reminders(session) == sorted(set(
        await after_event_reminders(session)))
    assert len(await after_event_reminders(session)) == len(names)


async def test_an_after_event_list_that_stopped_half_way_asks_nobody_twice_when_run_again(
    session: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = await people_who_agreed(session, 30)
    monkeypatch.setattr(app_module, "AFTER_EVENT_SLICE_SECONDS", 0)
    schedule = SqlRepository.schedule
    [twentieth] = await query(session.app, select(users.c.id).where(
        users.c.external_id == names[19]))

    def failing_at_the_twentieth(self: SqlRepository, user_id: int, *args: Any) -> None:
        if user_id == twentieth["id"]:
            raise OSError("disk full")
        schedule(self, user_id, *args)

    monkeypatch.setattr(SqlRepository, "schedule", failing_at_the_twentieth)
    with pytest.raises(OSError):
        await session.app.ask_again_after_event("simulate", "Jobdate", names)
    assert len(await after_event_reminders(session)) == 19
    monkeypatch.setattr(SqlRepository, "schedule", schedule)
    report = await session.app.ask_again_after_event("simulate", "Jobdate", names)
    assert report.asked == names
    asked = await after_event_reminders(session)
    assert len(asked) == len(set(asked)) == len(names)
