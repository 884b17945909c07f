"""Durability bounded by time: a commit is synced to the disk by a thread within a few
milliseconds, and an update is acknowledged to Telegram only once a sync that began after its
commit is done, so a power loss never undoes what Telegram was told is handled."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage import db
from bot.storage.db import SqliteStore, migrate, open_store
from bot.storage.tables import processed_updates
from tests.fake_telegram.botapi import FakeBotApi
from tests.harness import START
from tests.test_delivery import start_bot

CHAT = 5151
GENEROUS = 30.0  # seconds: a bound for waits on a loaded machine, never a pace


class HeldSync:
    """Stands in for the log's sync: records which handled update ids the log held when each
    sync began (read through a connection of its own), then syncs for real, once let go."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.let_go = threading.Event()
        self.began = threading.Event()
        self.finished: list[set[int]] = []  # per finished sync: the update ids it covered
        self._real = db._sync_log

    def __call__(self, path: str, folder: bool) -> None:
        with sqlite3.connect(self.database) as reader:
            held = {row[0] for row in reader.execute("SELECT update_id FROM processed_updates")}
        self.began.set()
        if not self.let_go.wait(GENEROUS):
            raise TimeoutError("the test never let the sync go")
        self._real(path, folder)
        self.finished.append(held)

    def covered(self) -> set[int]:
        return set().union(*self.finished)


@pytest.fixture
def held_sync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HeldSync:
    sync = HeldSync(tmp_path / "b.db")
    monkeypatch.setattr(db, "_sync_log", sync)
    return sync


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    server = await FakeBotApi().start()
    yield server
    await server.close()


async def test_an_update_is_acknowledged_only_once_its_commit_is_on_the_disk(
    fake: FakeBotApi, tmp_path: Path, held_sync: HeldSync,
) -> None:
    _, shut_down = await start_bot(fake, tmp_path)
    try:
        update = fake.send_text(CHAT, "/start")
        # The answer goes at the commit: the person does not wait for the disk.
        [picker] = await fake.next_messages(CHAT, 0)
        assert "language" in picker["text"].lower()
        await asyncio.to_thread(held_sync.began.wait, GENEROUS)
        # The bot asks Telegram again meanwhile, without acknowledging the update.
        polls = sum(method == "getUpdates" for method, _ in fake.calls)
        await fake.wait_for(
            lambda: sum(method == "getUpdates" for method, _ in fake.calls) >= polls + 2)
        assert fake.offset <= update and update in {u["update_id"] for u in fake.updates}
        assert held_sync.finished == []
        held_sync.let_go.set()
        await fake.wait_for(lambda: fake.offset > update)
        # A sync that finished before the acknowledgement held the update's commit.
        assert update in held_sync.covered()
        assert fake.chat(CHAT) == [picker]  # handled once
    finally:
        held_sync.let_go.set()
        await shut_down()


async def test_durable_waits_for_a_sync_that_began_after_the_commit(
    tmp_path: Path, held_sync: HeldSync,
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    assert isinstance(store, SqliteStore)
    await migrate(store)
    insert = processed_updates.insert().values(channel="telegram", sender="1", update_id=1,
                                               replies=[], created_at=START)
    try:
        held_sync.let_go.set()
        await store.durable()  # the migration's commits
        held_sync.let_go.clear()
        held_sync.finished.clear()
        await store.run(lambda repo: repo.conn.execute(insert))
        waiting = asyncio.ensure_future(store.durable())
        await asyncio.to_thread(held_sync.began.wait, GENEROUS)
        # Committed, visible to any reader, and not yet said to be durable.
        assert not waiting.done()
        held_sync.let_go.set()
        await asyncio.wait_for(waiting, GENEROUS)
        assert 1 in held_sync.covered()
        # Nothing committed since: no wait, and no sync of its own.
        syncs = len(held_sync.finished)
        await store.durable()
        assert len(held_sync.finished) == syncs
    finally:
        held_sync.let_go.set()
        await store.close()


async def test_a_failed_sync_is_never_taken_for_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    await migrate(store)
    await store.durable()

    def failing(path: str, folder: bool) -> None:
        raise OSError(5, "Input/output error")

    real = db._sync_log
    monkeypatch.setattr(db, "_sync_log", failing)
    try:
        await store.run(lambda repo: repo.conn.execute(text("CREATE TABLE t (x INTEGER)")))
        with pytest.raises(OSError):
            await store.durable()
        monkeypatch.setattr(db, "_sync_log", real)
        await asyncio.wait_for(store.durable(), GENEROUS)  # tried again, and done
    finally:
        await store.close()
