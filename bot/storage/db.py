"""Stores: where a unit of work meets the database. Each `run(work)` is one transaction.

SQLite runs on the event loop's own thread, on one connection of the standard driver. Units
of work that arrive in the same turn of the loop are committed together in one transaction
(group commit); if any unit of a batch fails, the batch is rolled back and each unit runs
again alone, so a failure never takes its neighbours down. Units of work must therefore do
nothing but database work (the conversation is pure). A unit takes about a tenth of a
millisecond, less than handing it to a thread and back would; through aiosqlite every
statement would be such a hand-over (see BENCHMARKS.md).

Durability is bounded by time (see BENCHMARKS.md and the README): a commit appends to SQLite's
write-ahead log without waiting for the disk (synchronous=NORMAL), so it survives a killed
process at once; a thread syncs the log to the disk at most SYNC_DELAY after a commit, and
`durable()` returns once a sync that began after every commit so far is done. A channel
acknowledges an update to Telegram only after that, so what Telegram was told is handled
survives a power loss; an update whose commit a power loss undid comes again. Copying the log
into the database file waits for the disk much longer, so it runs on an aiosqlite
connection, whose thread does the waiting.

While another process (an admin command) holds SQLite's write lock, the loop does not wait
for it: SQLite gives up after a short busy timeout, the waiting units go back to the front
of the queue, and they are tried again after an asynchronous back-off, so other tasks run
meanwhile and no unit is lost. PostgreSQL runs the same work through asyncpg."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, event, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import StaticPool

from bot.storage import fast_json
from bot.storage.repository import SqlRepository

log = logging.getLogger(__name__)
T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Units of work that arrive together are committed together, up to this many at a time.
MAX_BATCH = 64
# The log is copied into the database file after this many units of work: about a thousand
# pages, SQLite's own default.
CHECKPOINT_EVERY = 300
# How long SQLite itself waits for another process's write lock; the loop stands still that
# long, so it is short. After that the store waits without blocking, doubling the pause from
# the first to the last, and tries again.
BUSY_TIMEOUT_MS = 5
FIRST_PAUSE, LONGEST_PAUSE = 0.002, 0.02
# Waiting this long for the write lock is worth a line in the log (and again every as long).
WARN_AFTER = 5.0
# NORMAL: a commit does not wait for the disk; the timed sync below makes it survive a power
# loss. (FULL would sync the log in every commit, on the loop's thread; bench/
# onboarding_vs_echo.py sets it to compare the two.)
SYNCHRONOUS = "NORMAL"
# The log is synced to the disk at most this long (seconds) after a commit, plus the sync's own
# time: the window a power loss can undo. Commits that arrive meanwhile share the sync.
SYNC_DELAY = 0.02


class Store(Protocol):
    """Runs a unit of work on a repository inside one transaction."""

    async def run(self, work: Callable[[SqlRepository], T]) -> T: ...

    async def durable(self) -> None:
        """Return once every transaction committed so far would survive a power loss."""

    async def close(self) -> None: ...


_Job = tuple[Callable[[SqlRepository], Any], asyncio.Future[Any]]
_Outcome = tuple[Any, BaseException | None]


class _Busy(Exception):
    """Another process holds the write lock: the unit of work is tried again later."""


def _is_busy(error: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED (any extended code), raw or wrapped by SQLAlchemy."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    return isinstance(original, sqlite3.OperationalError) and code is not None and (
        code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED))


class SqliteStore:
    """One SQLite connection, used on the event loop's thread; every transaction of this
    process goes through it."""

    def __init__(self, path: str) -> None:
        self.engine = create_engine(f"sqlite+pysqlite:///{path}", poolclass=StaticPool,
                                    json_serializer=fast_json.dumps,
                                    json_deserializer=fast_json.loads)
        _prepare_sqlite(self.engine)
        self._path = path
        self._conn: Connection | None = None
        self._waiting: list[_Job] = []
        self._since_checkpoint = 0
        self._checkpointing: asyncio.Task[None] | None = None
        # While the write lock is held elsewhere: the pending retry, the next pause, and
        # since when (monotonic seconds) the queue has waited.
        self._retry: asyncio.TimerHandle | None = None
        self._pause = FIRST_PAUSE
        self._busy_since: float | None = None
        self._warned_at = 0.0
        # Batches committed, and how many of them the last finished sync of the log covers.
        self._committed = 0
        self._synced = 0
        self._syncing: asyncio.Task[None] | None = None
        self._sync_waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._folder_synced = False

    async def run(self, work: Callable[[SqlRepository], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        if not self._waiting:
            # After the callbacks already due: units of work that other tasks submit in this
            # same turn of the loop join the batch.
            loop.call_soon(self._commit_waiting)
        self._waiting.append((work, future))
        return await future

    async def durable(self) -> None:
        target = self._committed
        if self._synced >= target:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._sync_waiters.append((target, future))
        self._start_sync()
        await future

    def _start_sync(self) -> None:
        if self._syncing is None and self._synced < self._committed:
            self._syncing = asyncio.get_running_loop().create_task(self._sync_soon())

    async def _sync_soon(self) -> None:
        """Sync the log SYNC_DELAY after the first unsynced commit, on a thread; again while
        commits came meanwhile."""
        try:
            while self._synced < self._committed:
                await asyncio.sleep(SYNC_DELAY)
                await self._sync()
        except Exception:
            pass  # logged, and told to whoever waited; the next commit tries again
        finally:
            self._syncing = None

    async def _sync(self) -> None:
        covered = self._committed  # written to the log already: the sync below takes them
        try:
            await asyncio.to_thread(_sync_log, self._path, not self._folder_synced)
        except Exception as error:
            log.error("could not sync the SQLite log to the disk: %s", error)
            # Nothing is acknowledged on a failed sync: the updates come again and are tried.
            waiting, self._sync_waiters = self._sync_waiters, []
            for _target, future in waiting:
                if not future.done():
                    future.set_exception(error)
            raise
        self._folder_synced = True
        self._synced = max(self._synced, covered)
        still: list[tuple[int, asyncio.Future[None]]] = []
        for target, future in self._sync_waiters:
            if target > covered:
                still.append((target, future))
            elif not future.done():
                future.set_result(None)
        self._sync_waiters = still

    async def close(self) -> None:
        if self._retry is not None:
            self._retry.cancel()
            self._retry = None
        # What is still waiting is committed first, waiting for the write lock if need be.
        while self._waiting:
            self._commit_waiting()
            if self._retry is not None:
                self._retry.cancel()
                self._retry = None
                await asyncio.sleep(self._pause)
        if self._checkpointing is not None:
            await asyncio.wait([self._checkpointing])
        if self._syncing is not None:
            self._syncing.cancel()  # no waiting out the delay: the sync below is now
            await asyncio.wait([self._syncing])
        if self._synced < self._committed:
            with contextlib.suppress(Exception):  # logged
                await self._sync()  # what the last commits wrote is on the disk before we go
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.engine.dispose()

    def _commit_waiting(self) -> None:
        self._retry = None
        batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
        if not batch:  # close() committed them already
            return
        busy: list[_Job] = []
        outcomes = self._commit(batch)
        if not all(isinstance(error, _Busy) for _, error in outcomes):
            self._committed += 1
            self._start_sync()
        for job, (result, error) in zip(batch, outcomes, strict=True):
            future = job[1]
            if isinstance(error, _Busy):
                busy.append(job)
            elif future.cancelled():
                continue
            elif error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)
        loop = asyncio.get_running_loop()
        if busy:
            # First come, first served: they go back to the front of the queue.
            self._waiting[:0] = busy
            self._retry = loop.call_later(self._pause, self._commit_waiting)
            self._pause = min(self._pause * 2, LONGEST_PAUSE)
            self._note_waiting()
            return
        self._pause, self._busy_since = FIRST_PAUSE, None
        if self._waiting:
            loop.call_soon(self._commit_waiting)
        self._since_checkpoint += len(batch)
        if self._since_checkpoint >= CHECKPOINT_EVERY:
            self._start_checkpoint()

    def _note_waiting(self) -> None:
        now = time.monotonic()
        if self._busy_since is None:
            self._busy_since = self._warned_at = now
        elif now - self._warned_at >= WARN_AFTER:
            self._warned_at = now
            log.warning("another process has held the SQLite write lock for %.0f s; "
                        "%d units of work wait", now - self._busy_since, len(self._waiting))

    def _start_checkpoint(self) -> None:
        if self._checkpointing is not None:
            return  # the one running now will do
        self._since_checkpoint = 0
        self._checkpointing = asyncio.get_running_loop().create_task(_checkpoint(self._path))
        self._checkpointing.add_done_callback(self._checkpointed)

    def _checkpointed(self, done: asyncio.Task[None]) -> None:
        self._checkpointing = None
        if not done.cancelled() and done.exception() is not None:
            log.warning("could not copy the log into the SQLite database: %s", done.exception())

    def _commit(self, batch: list[_Job]) -> list[_Outcome]:
        try:
            conn = self._connection()
        except Exception as error:
            # Opened again next time: the folder may have appeared meanwhile.
            log.error("cannot open the SQLite database: %s", error)
            return [(None, error)] * len(batch)
        try:
            return self._transaction(conn, [work for work, _ in batch])
        except Exception as error:
            if _is_busy(error):
                return [(None, _Busy())] * len(batch)
            # Rolled back: each unit again on its own, so only the failing one fails.
            if len(batch) > 1:
                log.info("a batch of %d failed; running each alone", len(batch))
            return [self._alone(conn, work) for work, _ in batch]

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect()
        return self._conn

    @staticmethod
    def _transaction(conn: Connection, works: list[Callable[[SqlRepository], Any]]
                     ) -> list[_Outcome]:
        repo = SqlRepository(conn)
        with conn.begin():
            return [(work(repo), None) for work in works]

    def _alone(self, conn: Connection, work: Callable[[SqlRepository], Any]) -> _Outcome:
        try:
            return self._transaction(conn, [work])[0]
        except Exception as error:
            return None, _Busy() if _is_busy(error) else error


def _sync_log(path: str, folder: bool) -> None:
    """fsync SQLite's write-ahead log (a descriptor of our own syncs the file's data all the
    same), and the first time its folder too, so the log's own entry is on the disk."""
    if not _fsync(f"{path}-wal"):
        _fsync(path)  # no log: the database file holds every commit
    if folder:
        _fsync(os.path.dirname(os.path.abspath(path)))


def _fsync(name: str) -> bool:
    try:
        descriptor = os.open(name, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return True


async def _checkpoint(path: str) -> None:
    """Copy what the write-ahead log holds into the database file, on a connection of its own
    whose thread does the waiting for the disk. PASSIVE: it never waits for a lock, and
    commits go on meanwhile."""
    async with aiosqlite.connect(path, timeout=5) as conn:
        await conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _prepare_sqlite(engine: Any) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions, so savepoints work.
        dbapi_connection.isolation_level = None
        # Copying the log into the file is done by _checkpoint, off the event loop, not by
        # the committing connection.
        for pragma in ("journal_mode=WAL", f"synchronous={SYNCHRONOUS}", "wal_autocheckpoint=0",
                       "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # IMMEDIATE: take the write lock at the start, so another process waits, never deadlocks.
        # Straight to the driver: this runs for every update.
        driver = conn.connection.driver_connection
        assert driver is not None  # an open connection has its driver's connection
        driver.execute("BEGIN IMMEDIATE")


class PostgresStore:
    """PostgreSQL through asyncpg; the same synchronous work runs through SQLAlchemy's bridge."""

    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url, pool_size=10, max_overflow=5, pool_pre_ping=True)

    async def run(self, work: Callable[[SqlRepository], T]) -> T:
        async with self.engine.begin() as conn:
            return await conn.run_sync(lambda sync: work(SqlRepository(sync)))

    async def durable(self) -> None:
        """PostgreSQL syncs its log in every commit (synchronous_commit=on)."""

    async def close(self) -> None:
        await self.engine.dispose()


def open_store(url: str) -> Store:
    """The store for a database URL: any sqlite URL (`sqlite:///file`, `sqlite+aiosqlite:///
    file`) gets the SQLite store; postgresql URLs go through asyncpg."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("use a SQLite file: the log is copied into it from a second "
                             "connection, which needs a path")
        return SqliteStore(parsed.database)
    if parsed.get_backend_name() == "postgresql":
        return PostgresStore(parsed.set(drivername="postgresql+asyncpg")
                             .render_as_string(hide_password=False))
    raise ValueError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or "
                     "postgresql")


def _upgrade(conn: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


async def migrate(store: Store) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    await store.run(lambda repo: _upgrade(repo.conn))
