"""The databases tests run on: a SQLite file always, and PostgreSQL when
BRUG_TEST_POSTGRES_URL names a server (scripts/test-postgres starts one for `scripts/dev test`).
Each test gets a PostgreSQL database of its own, dropped when the test ends."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES = os.environ.get("BRUG_TEST_POSTGRES_URL", "")
# The prefix scripts/test-postgres looks for after a run: none may be left.
PREFIX = "brug_test_"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not POSTGRES, reason="set BRUG_TEST_POSTGRES_URL to run this on PostgreSQL too"))]


async def _admin(statement: str) -> None:
    engine = create_async_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
    await _admin(f"CREATE DATABASE {name}")
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        # FORCE: a process the test started and left hanging must not keep it alive.
        await _admin(f"DROP DATABASE {name} WITH (FORCE)")


@asynccontextmanager
async def database_url(backend: str, folder: Path) -> AsyncIterator[str]:
    """A fresh database on that backend, as a URL Brug accepts."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'brug.db'}"
    else:
        async with postgres_database() as url:
            yield url
