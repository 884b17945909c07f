"""Stores: where a unit of work meets the database. Each `run(work)` is one transaction.

SQLite gets one writer thread on the standard driver: a whole transaction costs one hop to
that thread instead of a dozen through an async driver, and work that arrives while a batch
is committing goes into the next batch together (group commit). If any unit of a batch fails,
the batch is rolled back and each unit runs again alone, so a failure never takes its
neighbours down. Units of work must therefore do nothing but database work (the conversation
is pure). PostgreSQL runs the same work through asyncpg."""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, event, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import StaticPool

from bot.storage.repository import SqlRepository

log = logging.getLogger(__name__)
T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Updates that arrive together are committed together, up to this many at a time.
MAX_BATCH = 64


class Store(Protocol):
    """Runs a unit of work on a repository inside one transaction."""

    async def run(self, work: Callable[[SqlRepository], T]) -> T: ...

    async def close(self) -> None: ...


_Job = tuple[Callable[[SqlRepository], Any], asyncio.Future[Any], asyncio.AbstractEventLoop]


_Outcome = tuple[Any, BaseException | None]


def _settle(settled: list[tuple[asyncio.Future[Any], _Outcome]]) -> None:
    for future, (result, error) in settled:
        if future.cancelled():
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


class SqliteStore:
    """One SQLite connection on one thread; every transaction of this process goes through it."""

    def __init__(self, path: str) -> None:
        self.engine = create_engine(f"sqlite+pysqlite:///{path}", poolclass=StaticPool)
        _prepare_sqlite(self.engine)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        # Set when the database cannot be opened: then every unit of work fails with it.
        self._broken: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, name="brug-sqlite-writer",
                                        daemon=True)
        self._thread.start()

    async def run(self, work: Callable[[SqlRepository], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put((work, future, loop))
        if self._broken is not None:
            self._fail_waiting()
        return await future

    async def close(self) -> None:
        self._jobs.put(None)
        await asyncio.to_thread(self._thread.join)
        self.engine.dispose()

    def _fail_waiting(self) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                _work, future, loop = job
                loop.call_soon_threadsafe(_settle, [(future, (None, self._broken))])

    def _serve(self) -> None:
        try:
            conn = self.engine.connect()
        except Exception as error:
            log.error("cannot open the SQLite database: %s", error)
            self._broken = error
            self._fail_waiting()
            return
        with conn:
            while True:
                first = self._jobs.get()
                if first is None:
                    return
                batch = [first]
                stop = False
                while len(batch) < MAX_BATCH:
                    try:
                        job = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if job is None:
                        stop = True
                        break
                    batch.append(job)
                self._commit(conn, batch)
                if stop:
                    return

    def _commit(self, conn: Connection, batch: list[_Job]) -> None:
        try:
            outcomes = self._transaction(conn, [work for work, _, _ in batch])
        except Exception:
            # Rolled back: each unit again on its own, so only the failing one fails.
            if len(batch) > 1:
                log.info("a batch of %d failed; running each alone", len(batch))
            outcomes = [self._alone(conn, work) for work, _, _ in batch]
        # One wake-up per event loop for the whole batch: each wake-up is a GIL hand-over.
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Any], _Outcome]]] = {}
        for (_work, future, loop), outcome in zip(batch, outcomes, strict=True):
            by_loop.setdefault(loop, []).append((future, outcome))
        for loop, settled in by_loop.items():
            loop.call_soon_threadsafe(_settle, settled)

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
            return None, error

def _prepare_sqlite(engine: Any) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions, so savepoints work.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                       "busy_timeout=5000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # IMMEDIATE: take the write lock at the start, so another process waits, never deadlocks.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class PostgresStore:
    """PostgreSQL through asyncpg; the same synchronous work runs through SQLAlchemy's bridge."""

    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url, pool_size=10, max_overflow=5, pool_pre_ping=True)

    async def run(self, work: Callable[[SqlRepository], T]) -> T:
        async with self.engine.begin() as conn:
            return await conn.run_sync(lambda sync: work(SqlRepository(sync)))

    async def close(self) -> None:
        await self.engine.dispose()


def open_store(url: str) -> Store:
    """The store for a database URL: any sqlite URL (`sqlite:///file`, `sqlite+aiosqlite:///
    file`) gets the writer thread; postgresql URLs go through asyncpg."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("use a SQLite file: the writer thread needs a path")
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
