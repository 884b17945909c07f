"""The storage contract, on SQLite always and on PostgreSQL when BRUG_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, column, select, table, text

from bot.storage import consents, deliveries
from bot.storage.db import CHECKPOINT_EVERY, MIGRATIONS, Store, migrate, open_store
from bot.storage.repository import SqlRepository, UserRecord
from bot.storage.tables import UtcDateTime, metadata, users

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    store = open_store(database)
    await migrate(store)
    yield store
    await store.close()


def new_user(repo: SqlRepository, external_id: str, **fields: Any) -> int:
    fields.setdefault("state", {})
    user = UserRecord("telegram", external_id, created_at=NOW, seen_at=NOW, **fields)
    return repo.save_user(user)


async def test_the_migration_builds_exactly_the_tables_the_code_uses(store: Store) -> None:
    diff = await store.run(
        lambda repo: compare_metadata(MigrationContext.configure(repo.conn), metadata))
    assert diff == []


async def test_migrating_twice_changes_nothing(store: Store) -> None:
    await migrate(store)
    version = await store.run(
        lambda repo: repo.conn.execute(text("SELECT version_num FROM alembic_version")).scalar())
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


async def test_updates_handled_before_the_upgrade_are_matched_to_their_sender(
    database: str,
) -> None:
    store = open_store(database)
    try:
        await store.run(lambda repo: upgrade(repo, "0002"))
        before = table("processed_updates", column("channel"), column("update_id"),
                       column("replies", JSON), column("created_at", UtcDateTime()))
        await store.run(lambda repo: repo.conn.execute(before.insert(), [
            {"channel": "telegram", "update_id": 900, "replies": [{"to": "7", "text": "hi"}],
             "created_at": NOW},
            # Answered with silence: nobody to match it to.
            {"channel": "telegram", "update_id": 901, "replies": [], "created_at": NOW},
        ]))
        await migrate(store)
        _, replies = await store.run(lambda repo: repo.load_user("telegram", "7", 900))
        _, someone_else = await store.run(lambda repo: repo.load_user("telegram", "8", 900))
        assert replies == [{"to": "7", "text": "hi"}] and someone_else is None
    finally:
        await store.close()


def upgrade(repo: SqlRepository, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = repo.conn
    command.upgrade(config, revision)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def test_a_user_round_trips_with_state_and_aware_times(store: Store) -> None:
    state = {"at": "menu", "flows": {"x": {"answers": {"a": "١٢"}}}}
    user_id = await store.run(lambda repo: new_user(repo, "42", language="ar", state=state))
    loaded, replies = await store.run(lambda repo: repo.load_user("telegram", "42", 5))
    assert loaded is not None and replies is None
    assert loaded.id == user_id and loaded.language == "ar"
    assert loaded.state["flows"]["x"]["answers"]["a"] == "١٢"
    assert loaded.seen_at == NOW and loaded.seen_at.tzinfo is not None


async def test_the_hot_path_and_sqlalchemy_store_and_read_the_same_values(store: Store) -> None:
    # Loading and saving a person skip SQLAlchemy's execution on SQLite (bot/storage/hot.py);
    # the other queries do not, so each must read what the other wrote.
    brussels = timezone(timedelta(hours=2))
    state = {"at": "flow", "flows": {"intake": {"answers": {"city": "Gent 🌷", "n": 3}}}}

    def write_hot(repo: SqlRepository) -> None:
        new_user(repo, "hot", consent="agree", consent_at=NOW.astimezone(brussels), state=state)

    await store.run(write_hot)
    row = await store.run(lambda repo: repo.conn.execute(
        select(users).where(users.c.external_id == "hot")).mappings().one())
    assert row["state"] == state and row["consent_at"] == NOW and row["created_at"] == NOW

    await store.run(lambda repo: repo.conn.execute(users.insert().values(
        channel="telegram", external_id="core", language="nl", role="coach", state=state,
        consent_at=NOW.astimezone(brussels), created_at=NOW, seen_at=NOW)))
    loaded, _ = await store.run(lambda repo: repo.load_user("telegram", "core"))
    assert loaded is not None
    assert (loaded.language, loaded.role, loaded.state) == ("nl", "coach", state)
    assert loaded.consent_at == NOW and loaded.consent_at.utcoffset() == timedelta(0)


async def test_saving_again_updates_the_row_and_keeps_its_creation(store: Store) -> None:
    await store.run(lambda repo: new_user(repo, "8", language="nl"))

    def change(repo: SqlRepository) -> None:
        user = repo.get_user("telegram", "8")
        assert user is not None
        user.language = "ar"
        repo.save_user(user)

    await store.run(change)
    loaded = await store.run(lambda repo: repo.get_user("telegram", "8"))
    assert loaded is not None and loaded.language == "ar" and loaded.created_at == NOW


async def test_a_processed_update_comes_back_with_its_replies(store: Store) -> None:
    def work(repo: SqlRepository) -> None:
        new_user(repo, "7")
        repo.mark_processed("telegram", 900, [{"to": "7", "text": "hi"}], NOW, sender="7")

    await store.run(work)
    _, replies = await store.run(lambda repo: repo.load_user("telegram", "7", 900))
    _, other = await store.run(lambda repo: repo.load_user("telegram", "7", 901))
    assert replies == [{"to": "7", "text": "hi"}] and other is None


async def test_only_due_reminders_and_outbox_rows_are_picked(store: Store) -> None:
    def work(repo: SqlRepository) -> None:
        user_id = new_user(repo, "9")
        repo.schedule(user_id, "nudge", NOW + timedelta(hours=1), {"flow": "x"}, NOW)
        repo.schedule(user_id, "nudge", NOW + timedelta(days=1), {"flow": "y"}, NOW)
        repo.enqueue(user_id, "telegram", "9", {"to": "9", "text": "a"}, NOW, NOW)
        repo.enqueue(user_id, "telegram", "9", {"to": "9", "text": "b"},
                     NOW + timedelta(days=1), NOW)

    await store.run(work)
    due = await store.run(lambda repo: repo.due_reminders(NOW + timedelta(hours=2), 10))
    rows = await store.run(lambda repo: deliveries.claim(
        repo, NOW, 10, NOW + timedelta(minutes=1), {"telegram"}))
    assert [r.data["flow"] for r in due] == ["x"]
    assert [r.message["text"] for r in rows] == ["a"]
    # A leased row is not handed out again until its lease runs out.
    assert await store.run(
        lambda repo: deliveries.claim(repo, NOW, 10, NOW, {"telegram"})) == []


async def test_deleting_a_user_takes_their_reminders_and_messages(store: Store) -> None:
    def work(repo: SqlRepository) -> None:
        user_id = new_user(repo, "11")
        repo.schedule(user_id, "nudge", NOW, {}, NOW)
        repo.enqueue(user_id, "telegram", "11", {"to": "11", "text": "a"}, NOW, NOW)
        repo.delete_user(user_id)

    await store.run(work)
    assert await store.run(lambda repo: repo.get_user("telegram", "11")) is None
    assert await store.run(lambda repo: repo.due_reminders(NOW + timedelta(days=9), 10)) == []
    counts = await store.run(deliveries.counts)
    assert (counts.pending, counts.sent, counts.failed) == (0, 0, 0)


async def test_work_that_fails_stores_nothing_and_others_beside_it_are_kept(store: Store) -> None:
    def failing(repo: SqlRepository) -> None:
        new_user(repo, "bad")
        raise RuntimeError("the conversation broke")

    # Sent together, so the SQLite writer commits them in one batch.
    results = await asyncio.gather(
        store.run(lambda repo: new_user(repo, "a")),
        store.run(failing),
        store.run(lambda repo: new_user(repo, "b")),
        return_exceptions=True,
    )
    assert isinstance(results[1], RuntimeError)
    stored = await store.run(
        lambda repo: sorted(r.external_id for r in repo.conn.execute(select(users))))
    assert stored == ["a", "b"]


async def test_sqlite_copies_its_log_into_the_database_file_while_it_runs(
    tmp_path: Path,
) -> None:
    # Commits only append to the write-ahead log; a thread beside the event loop copies the
    # log into the file. Without it the file would keep its empty size until the bot stops.
    path = tmp_path / "brug.db"
    store = open_store(f"sqlite:///{path}")
    await migrate(store)
    empty = path.stat().st_size
    for number in range(CHECKPOINT_EVERY + 1):
        await store.run(lambda repo, n=number: new_user(repo, str(n), state={"note": "x" * 2000}))
    for _ in range(1000):
        if path.stat().st_size > empty + CHECKPOINT_EVERY * 2000:
            break
        await asyncio.sleep(0.01)
    assert path.stat().st_size > empty + CHECKPOINT_EVERY * 2000
    assert len(await store.run(lambda repo: repo.conn.execute(select(users.c.id)).all())) == (
        CHECKPOINT_EVERY + 1)
    await store.close()


async def test_a_database_that_cannot_be_opened_fails_at_once_instead_of_hanging(
    tmp_path: Path,
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'missing' / 'folder' / 'brug.db'}")
    for _ in range(2):
        with pytest.raises(Exception, match="unable to open database file"):
            await asyncio.wait_for(migrate(store), 10)
    await store.close()


async def test_only_coaches_a_newcomer_shares_with_are_named_for_help(store: Store) -> None:
    def setup(repo: SqlRepository) -> int:
        newcomer = new_user(repo, "n", consent="agree")
        for name, shared in (("c1", True), ("c2", False), ("c3", True)):
            coach = new_user(repo, name, role="coach", language="nl")
            repo.link(coach, newcomer, f"label-{name}", NOW)
            repo.set_shared(coach, newcomer, NOW if shared else None)
        return newcomer

    newcomer = await store.run(setup)
    # The links alone do not open the profile: the purpose "my coach may see my profile" does.
    assert await store.run(lambda repo: repo.coaches_sharing(newcomer)) == []
    await store.run(lambda repo: consents.record(repo.conn, newcomer, "coach_profile", True,
                                                 "2026-11-24", NOW))
    coaches = await store.run(lambda repo: repo.coaches_sharing(newcomer))
    assert [(c.external_id, c.language, c.label) for c in coaches] == [
        ("c1", "nl", "label-c1"), ("c3", "nl", "label-c3")]
    # Taking back consent to Brug keeping answers closes the profile to every coach.
    await store.run(lambda repo: repo.conn.execute(
        users.update().where(users.c.id == newcomer).values(consent="decline")))
    assert await store.run(lambda repo: repo.coaches_sharing(newcomer)) == []
