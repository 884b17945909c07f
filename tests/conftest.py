from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

# The fake Telegram Bot API server, for the Telegram channel's end-to-end tests.
from tests.fake_telegram.server import fake_telegram, fake_telegram_server
from tests.harness import Session
from tests.sample import sample_content

__all__ = ["fake_telegram", "fake_telegram_server", "sample", "session"]


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Session]:
    """A fresh database and a simulated clock; reloads every user from the database per line."""
    sim = await Session.open(tmp_path / "brug.db")
    yield sim
    await sim.close()


@pytest.fixture
async def sample(tmp_path: Path) -> AsyncIterator[Session]:
    """Like `session`, with the sample flow (every step type) on the menu."""
    sim = await Session.open(tmp_path / "brug.db", sample_content(tmp_path))
    yield sim
    await sim.close()
