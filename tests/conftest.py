from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

# The fake Telegram Bot API server, for the Telegram channel's end-to-end tests.
from tests.databases import BACKENDS, database_url
from tests.fake_telegram.server import fake_telegram, fake_telegram_server
from tests.harness import Session
from tests.sample import sample_content

__all__ = ["database", "fake_telegram", "fake_telegram_server", "sample", "session"]


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database of the test's own: a SQLite file, and a PostgreSQL database when
    BRUG_TEST_POSTGRES_URL is set (dropped after the test)."""
    async with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def session(database: str) -> AsyncIterator[Session]:
    """A fresh database and a simulated clock; reloads every user from the database per line."""
    sim = await Session.open(database)
    yield sim
    await sim.close()


@pytest.fixture
async def sample(database: str, tmp_path: Path) -> AsyncIterator[Session]:
    """Like `session`, with the sample flow (every step type) on the menu."""
    sim = await Session.open(database, sample_content(tmp_path))
    yield sim
    await sim.close()
