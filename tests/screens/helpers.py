"""What the screen tests share: reading and writing a person's stored state, and the roadmap."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from bot.flows.content import load_content
from bot.flows.roadmap_content import Roadmap
from bot.storage.tables import users
from tests.harness import ROOT, Session, labels, query

CONTENT = load_content(ROOT / "content")
assert CONTENT.roadmap is not None
ROADMAP: Roadmap = CONTENT.roadmap


async def state_of(session: Session, user: str) -> Any:
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    return row["state"]


async def store_state(session: Session, user: str, state: dict[str, Any]) -> None:
    """Write a stored state as an older version of Brug left it."""
    await session.app.store.run(lambda repo: repo.conn.execute(
        update(users).where(users.c.external_id == user).values(state=state)))


def title(item_id: str) -> str:
    item = ROADMAP.item(item_id)
    assert item is not None, item_id
    return item.title


def step_button(out: list[dict[str, Any]], number: int) -> str:
    """The overview's button for step `number` (1 to 9), progress mark included."""
    return next(label for label in labels(out[-1]) if label.startswith(f"{number}. "))


async def open_roadmap(session: Session, user: str = "amal", agree: bool = True
                       ) -> list[dict[str, Any]]:
    await session.onboard(user, agree=agree)
    return await session.press(user, "Steps to a job")


async def start_a_job(session: Session, user: str = "amal") -> list[dict[str, Any]]:
    """Mark the first job done: the first-workday question follows."""
    out = await open_roadmap(session, user)
    await session.press(user, step_button(out, 8))
    await session.press(user, f"⬜ {title('first_job')}")
    return await session.press(user, "✅ Done")
