"""The storage contract, on SQLite always and on PostgreSQL when BRUG_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import make_url, text

from bot.storage.db import create_engine, migrate
from bot.storage.repository import Store, UserRecord
from bot.storage.tables import metadata

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
POSTGRES = os.environ.get("BRUG_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not POSTGRES, reason="set BRUG_TEST_POSTGRES_URL to run the contract on PostgreSQL"))]


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}")
    else:
        # A database of its own per test, so tests never see each other's rows.
        name = f"brug_test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(POSTGRES).execution_options(isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f"CREATE DATABASE {name}"))
        await admin.dispose()
        engine = create_engine(make_url(POSTGRES).set(database=name).render_as_string(False))
    await migrate(engine)
    store = Store(engine)
    yield store
    await store.close()


async def test_the_migration_builds_exactly_the_tables_the_code_uses(store: Store) -> None:
    async with store.engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), metadata))
    assert diff == []


async def test_migrating_twice_changes_nothing(store: Store) -> None:
    await migrate(store.engine)
    async with store.engine.connect() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    assert version == "0001"


async def test_a_user_round_trips_with_state_and_aware_times(store: Store) -> None:
    async with store.transaction() as repo:
        user = UserRecord("telegram", "42", language="ar", created_at=NOW, seen_at=NOW,
                          state={"at": "menu", "flows": {"x": {"answers": {"a": "١٢"}}}})
        user_id = await repo.save_user(user, None)
    async with store.transaction() as repo:
        loaded, replies = await repo.load_user("telegram", "42", update_id=5)
    assert loaded is not None and replies is None
    assert loaded.id == user_id and loaded.language == "ar"
    assert loaded.state["flows"]["x"]["answers"]["a"] == "١٢"
    assert loaded.seen_at == NOW and loaded.seen_at.tzinfo is not None


async def test_a_processed_update_comes_back_with_its_replies(store: Store) -> None:
    async with store.transaction() as repo:
        user = UserRecord("telegram", "7", created_at=NOW, seen_at=NOW, state={})
        await repo.save_user(user, None)
        await repo.mark_processed("telegram", 900, [{"to": "7", "text": "hi"}], NOW)
    async with store.transaction() as repo:
        _, replies = await repo.load_user("telegram", "7", update_id=900)
        _, other = await repo.load_user("telegram", "7", update_id=901)
    assert replies == [{"to": "7", "text": "hi"}] and other is None


async def test_only_due_reminders_and_outbox_rows_are_picked(store: Store) -> None:
    async with store.transaction() as repo:
        user = UserRecord("telegram", "9", created_at=NOW, seen_at=NOW, state={})
        user_id = await repo.save_user(user, None)
        await repo.schedule(user_id, "nudge", NOW + timedelta(hours=1), {"flow": "x"}, NOW)
        await repo.schedule(user_id, "nudge", NOW + timedelta(days=1), {"flow": "y"}, NOW)
        await repo.enqueue(user_id, "telegram", "9", {"to": "9", "text": "a"}, NOW, NOW)
        await repo.enqueue(user_id, "telegram", "9", {"to": "9", "text": "b"},
                           NOW + timedelta(days=1), NOW)
    async with store.transaction() as repo:
        due = await repo.due_reminders(NOW + timedelta(hours=2), limit=10)
        rows = await repo.claim_outbox(NOW, 10, NOW + timedelta(minutes=1), {"telegram"})
    assert [r.data["flow"] for r in due] == ["x"]
    assert [r.message["text"] for r in rows] == ["a"]
    async with store.transaction() as repo:
        # A leased row is not handed out again until its lease runs out.
        assert await repo.claim_outbox(NOW, 10, NOW, {"telegram"}) == []


async def test_deleting_a_user_takes_their_reminders_and_messages(store: Store) -> None:
    async with store.transaction() as repo:
        user = UserRecord("telegram", "11", created_at=NOW, seen_at=NOW, state={})
        user_id = await repo.save_user(user, None)
        await repo.schedule(user_id, "nudge", NOW, {}, NOW)
        await repo.enqueue(user_id, "telegram", "11", {"to": "11", "text": "a"}, NOW, NOW)
        await repo.delete_user(user_id)
    async with store.transaction() as repo:
        assert await repo.get_user("telegram", "11") is None
        assert await repo.due_reminders(NOW + timedelta(days=9), 10) == []
        assert await repo.outbox_counts() == {}
