"""Deliveries: the outbox rows every message travels in, direct replies included. A reply is
stored in its update's transaction, leased to the process that sends it at once, and marked
sent when the channel confirms; a row whose lease ran out is taken by the outbox sender."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, func, select, update

from bot.storage.hot import HotStatement
from bot.storage.repository import SqlRepository
from bot.storage.tables import outbox, unreachable_chats, users
from bot.types import Outgoing


@dataclass(frozen=True)
class Delivery:
    """One message to send, as the sender holding its lease sees it."""

    id: int
    channel: str
    chat: str
    message: dict[str, Any]
    attempts: int = 0
    # The row's last sender vanished mid-send: Telegram may have it already.
    resend: bool = False
    # The message itself, when the caller has it already (a direct reply): not parsed again.
    outgoing: Outgoing | None = None

    def to_send(self) -> Outgoing:
        return self.outgoing or Outgoing.from_json(self.message)


# The person's id, or None once they are erased (the erasure's own reply is still sent).
_RECORD = HotStatement(outbox.insert().values(
    user_id=select(users.c.id).where(users.c.channel == bindparam("channel"),
                                     users.c.external_id == bindparam("chat"))
    .scalar_subquery(),
    channel=bindparam("channel"), chat=bindparam("chat"), message=bindparam("message"),
    due_at=bindparam("due_at"),  # status, attempts and resent: the columns' defaults
    created_at=bindparam("created_at"), claimed_at=bindparam("created_at"),
).returning(outbox.c.id))
_SENT = HotStatement(update(outbox).where(outbox.c.id == bindparam("row_id"))
                     .values(status=bindparam("status"), sent_at=bindparam("now"),
                             claimed_at=bindparam("claimed_at")))


def record(repo: SqlRepository, channel: str, chat: str, messages: Iterable[dict[str, Any]],
           now: datetime, lease_until: datetime) -> list[int]:
    """Store replies for the person who just wrote, leased to the caller until `lease_until`."""
    ids = []
    for message in messages:
        row = _RECORD.first(repo.conn, {"channel": channel, "chat": chat, "message": message,
                                        "due_at": lease_until, "created_at": now})
        assert row is not None  # RETURNING gives the new row's id
        ids.append(int(row["id"]))
    return ids


def claim(repo: SqlRepository, now: datetime, limit: int, lease_until: datetime,
          channels: set[str]) -> list[Delivery]:
    """Due rows for these channels, leased so no other sender takes them meanwhile. Rows for
    people who blocked the bot fail here; a row still claimed by someone whose lease ran out
    is counted as resent."""
    blocked = _blocked(outbox.c.channel, outbox.c.chat)
    repo.conn.execute(update(outbox).where(outbox.c.status == "pending", outbox.c.due_at <= now,
                                           blocked)
                      .values(status="failed", error="the person blocked the bot",
                              claimed_at=None))
    query = (
        select(outbox)
        .where(outbox.c.status == "pending", outbox.c.due_at <= now,
               outbox.c.channel.in_(sorted(channels)))
        .order_by(outbox.c.due_at, outbox.c.id)
        .limit(limit)
    )
    if repo.conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = repo.conn.execute(query).mappings().all()
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    repo.conn.execute(update(outbox).where(outbox.c.id.in_(ids))
                      .values(due_at=lease_until, claimed_at=now))
    lost = [r["id"] for r in rows if r["claimed_at"] is not None]
    if lost:
        repo.conn.execute(update(outbox).where(outbox.c.id.in_(lost))
                          .values(resent=outbox.c.resent + 1))
    return [Delivery(r["id"], r["channel"], r["chat"], r["message"], r["attempts"],
                     r["claimed_at"] is not None) for r in rows]


def mark_sent(repo: SqlRepository, row_ids: list[int], now: datetime) -> None:
    _SENT.execute_many(repo.conn, [{"row_id": row_id, "now": now, "status": "sent",
                                    "claimed_at": None} for row_id in row_ids])


def mark_retry(repo: SqlRepository, row_ids: list[int], attempts: int, due_at: datetime,
               error: str, failed: bool) -> None:
    """Give the rows back, due again at `due_at` (or failed for good)."""
    repo.conn.execute(update(outbox).where(outbox.c.id.in_(row_ids)).values(
        attempts=attempts, due_at=due_at, error=error[:500], claimed_at=None,
        status="failed" if failed else "pending",
    ))


def _blocked(channel: Any, chat: Any) -> Any:
    """Whether the person blocked the bot and has not written since (the core sets `seen_at`
    with every update, so writing again needs no write of its own here)."""
    return exists().where(
        unreachable_chats.c.channel == channel, unreachable_chats.c.chat == chat,
        users.c.channel == channel, users.c.external_id == chat,
        unreachable_chats.c.since >= users.c.seen_at)


def forget_before(repo: SqlRepository, cutoff: datetime) -> None:
    """Messages sent or given up before `cutoff`: nothing is kept of them."""
    repo.conn.execute(delete(outbox).where(outbox.c.status != "pending",
                                           outbox.c.created_at < cutoff))


def mark_unreachable(repo: SqlRepository, channel: str, chat: str, now: datetime) -> None:
    """The person blocked the bot: nothing more is sent to them until they write again."""
    where = (unreachable_chats.c.channel == channel, unreachable_chats.c.chat == chat)
    if repo.conn.execute(select(unreachable_chats.c.chat).where(*where)).first() is None:
        repo.conn.execute(unreachable_chats.insert().values(channel=channel, chat=chat,
                                                            since=now))
    else:
        repo.conn.execute(update(unreachable_chats).where(*where).values(since=now))
    repo.conn.execute(update(outbox).where(
        and_(outbox.c.channel == channel, outbox.c.chat == chat, outbox.c.status == "pending")
    ).values(status="failed", error="the person blocked the bot", claimed_at=None))


def is_unreachable(repo: SqlRepository, channel: str, chat: str) -> bool:
    return bool(repo.conn.execute(select(_blocked(channel, chat))).scalar())


@dataclass(frozen=True)
class DeliveryCounts:
    """The outbox as an operator watches it."""

    pending: int
    sent: int
    failed: int
    resent: int  # rows sent again after their sender vanished mid-send (possible duplicates)
    oldest_pending: datetime | None


def counts(repo: SqlRepository) -> DeliveryCounts:
    by_status: dict[str, int] = {status: int(count) for status, count in repo.conn.execute(
        select(outbox.c.status, func.count()).group_by(outbox.c.status))}
    resent = repo.conn.execute(select(func.coalesce(func.sum(outbox.c.resent), 0))).scalar()
    oldest = repo.conn.execute(select(func.min(outbox.c.created_at))
                               .where(outbox.c.status == "pending")).scalar()
    return DeliveryCounts(int(by_status.get("pending", 0)), int(by_status.get("sent", 0)),
                          int(by_status.get("failed", 0)), int(resent or 0), oldest)
