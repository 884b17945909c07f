"""What the screen tests share: reading and writing a person's stored state, and the roadmap."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from bot.storage.tables import users
from tests.harness import Session
from tests.test_roadmap import ROADMAP, content, open_roadmap, state_of, step_button, title

CONTENT = content
__all__ = [
    "CONTENT",
    "ROADMAP",
    "open_roadmap",
    "start_a_job",
    "state_of",
    "step_button",
    "store_state",
    "title",
    "version_1",
]


def version_1(state: dict[str, Any]) -> dict[str, Any]:
    """A stored state (version 2) in the shape Brug stored before the schema version: what
    the screen showed beside the other keys, no version."""
    old = {key: value for key, value in state.items() if key not in ("version", "shown")}
    return {**old, **state.get("shown", {})}


async def store_state(session: Session, user: str, state: dict[str, Any]) -> None:
    """Write a stored state as an older version of Brug left it."""
    await session.app.store.run(lambda repo: repo.conn.execute(
        update(users).where(users.c.external_id == user).values(state=state)))


async def start_a_job(session: Session, user: str = "amal") -> list[dict[str, Any]]:
    """Mark the first job done: the first-workday question follows."""
    out = await open_roadmap(session, user)
    await session.press(user, step_button(out, 8))
    await session.press(user, f"⬜ {title('first_job')}")
    return await session.press(user, "✅ Done")
