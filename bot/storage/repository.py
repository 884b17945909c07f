"""The repository: every read and write Brug makes, in SQLAlchemy Core, one transaction each."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.tables import outbox, processed_updates, reminders, users


@dataclass
class UserRecord:
    """A person as the core sees them, with their conversation state."""

    channel: str
    external_id: str
    id: int | None = None
    language: str | None = None
    role: str = "newcomer"
    consent: str | None = None
    consent_version: str | None = None
    consent_at: datetime | None = None
    state: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    seen_at: datetime | None = None


@dataclass(frozen=True)
class OutboxRow:
    id: int
    channel: str
    chat: str
    message: dict[str, Any]
    attempts: int
    due_at: datetime


@dataclass(frozen=True)
class ReminderRow:
    id: int
    user_id: int
    channel: str
    external_id: str
    kind: str
    due_at: datetime
    data: dict[str, Any]


class Repository(Protocol):
    """What the core needs from storage inside one transaction."""

    async def load_user(
        self, channel: str, external_id: str, update_id: int | None = None
    ) -> tuple[UserRecord | None, list[dict[str, Any]] | None]: ...

    async def save_user(self, user: UserRecord, original: UserRecord | None) -> int: ...

    async def mark_processed(
        self, channel: str, update_id: int, replies: list[dict[str, Any]], now: datetime
    ) -> None: ...

    async def enqueue(
        self, user_id: int, channel: str, chat: str, message: dict[str, Any], due_at: datetime,
        now: datetime,
    ) -> None: ...

    async def schedule(
        self, user_id: int, kind: str, due_at: datetime, data: dict[str, Any], now: datetime
    ) -> None: ...

    async def cancel_reminders(self, user_id: int, kind: str, now: datetime) -> None: ...


class SqlRepository:
    """The repository on one SQLAlchemy connection, inside its transaction."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn
        self._postgres = conn.dialect.name == "postgresql"

    async def load_user(
        self, channel: str, external_id: str, update_id: int | None = None
    ) -> tuple[UserRecord | None, list[dict[str, Any]] | None]:
        """The user and, if this update was handled before, the replies it got then."""
        query = select(users, processed_updates.c.replies).select_from(
            users.outerjoin(
                processed_updates,
                and_(
                    processed_updates.c.channel == channel,
                    processed_updates.c.update_id == (update_id if update_id is not None else -1),
                ),
            )
        ).where(users.c.channel == channel, users.c.external_id == external_id)
        if self._postgres:
            # Updates of one person are handled one at a time, even across processes.
            query = query.with_for_update(of=users)
        row = (await self.conn.execute(query)).mappings().first()
        if row is None:
            return None, None
        user = UserRecord(
            id=row["id"],
            channel=row["channel"],
            external_id=row["external_id"],
            language=row["language"],
            role=row["role"],
            consent=row["consent"],
            consent_version=row["consent_version"],
            consent_at=row["consent_at"],
            state=row["state"] or {},
            created_at=row["created_at"],
            seen_at=row["seen_at"],
        )
        return user, row["replies"]

    async def save_user(self, user: UserRecord, original: UserRecord | None) -> int:
        """Insert a new user or write only the columns that changed; returns the id."""
        values = {
            "language": user.language,
            "role": user.role,
            "consent": user.consent,
            "consent_version": user.consent_version,
            "consent_at": user.consent_at,
            "state": user.state,
            "seen_at": user.seen_at,
        }
        if user.id is None:
            result = await self.conn.execute(
                users.insert()
                .values(
                    channel=user.channel,
                    external_id=user.external_id,
                    created_at=user.created_at,
                    **values,
                )
                .returning(users.c.id)
            )
            user.id = int(result.scalar_one())
            return user.id
        if original is not None:
            values = {k: v for k, v in values.items() if getattr(original, k) != v}
        if values:
            await self.conn.execute(update(users).where(users.c.id == user.id).values(**values))
        return user.id

    async def delete_user(self, user_id: int) -> None:
        """Everything about a person: their row, their outbox messages and reminders."""
        await self.conn.execute(delete(outbox).where(outbox.c.user_id == user_id))
        await self.conn.execute(delete(reminders).where(reminders.c.user_id == user_id))
        await self.conn.execute(delete(users).where(users.c.id == user_id))

    async def mark_processed(
        self, channel: str, update_id: int, replies: list[dict[str, Any]], now: datetime
    ) -> None:
        await self.conn.execute(
            processed_updates.insert().values(
                channel=channel, update_id=update_id, replies=replies, created_at=now
            )
        )

    async def enqueue(
        self, user_id: int, channel: str, chat: str, message: dict[str, Any], due_at: datetime,
        now: datetime,
    ) -> None:
        await self.conn.execute(
            outbox.insert().values(
                user_id=user_id, channel=channel, chat=chat, message=message,
                due_at=due_at, created_at=now,
            )
        )

    async def schedule(
        self, user_id: int, kind: str, due_at: datetime, data: dict[str, Any], now: datetime
    ) -> None:
        await self.conn.execute(
            reminders.insert().values(
                user_id=user_id, kind=kind, due_at=due_at, data=data, created_at=now
            )
        )

    async def cancel_reminders(self, user_id: int, kind: str, now: datetime) -> None:
        await self.conn.execute(
            update(reminders)
            .where(
                reminders.c.user_id == user_id,
                reminders.c.kind == kind,
                reminders.c.done_at.is_(None),
            )
            .values(done_at=now)
        )

    # The sender and the sweep.

    async def claim_outbox(
        self, now: datetime, limit: int, lease_until: datetime, channels: set[str]
    ) -> list[OutboxRow]:
        """Due rows for these channels, leased so no other sender takes them meanwhile."""
        query = (
            select(outbox)
            .where(
                outbox.c.status == "pending",
                outbox.c.due_at <= now,
                outbox.c.channel.in_(sorted(channels)),
            )
            .order_by(outbox.c.due_at, outbox.c.id)
            .limit(limit)
        )
        if self._postgres:
            query = query.with_for_update(skip_locked=True)
        rows = (await self.conn.execute(query)).mappings().all()
        if rows:
            await self.conn.execute(
                update(outbox)
                .where(outbox.c.id.in_([r["id"] for r in rows]))
                .values(due_at=lease_until)
            )
        return [
            OutboxRow(r["id"], r["channel"], r["chat"], r["message"], r["attempts"], r["due_at"])
            for r in rows
        ]

    async def mark_sent(self, row_id: int, now: datetime) -> None:
        await self.conn.execute(
            update(outbox).where(outbox.c.id == row_id).values(status="sent", sent_at=now)
        )

    async def mark_retry(
        self, row_id: int, attempts: int, due_at: datetime, error: str, failed: bool
    ) -> None:
        await self.conn.execute(
            update(outbox)
            .where(outbox.c.id == row_id)
            .values(
                attempts=attempts,
                due_at=due_at,
                error=error[:500],
                status="failed" if failed else "pending",
            )
        )

    async def due_reminders(self, now: datetime, limit: int) -> list[ReminderRow]:
        query = (
            select(reminders, users.c.channel, users.c.external_id)
            .join(users, users.c.id == reminders.c.user_id)
            .where(reminders.c.done_at.is_(None), reminders.c.due_at <= now)
            .order_by(reminders.c.due_at, reminders.c.id)
            .limit(limit)
        )
        if self._postgres:
            query = query.with_for_update(of=reminders, skip_locked=True)
        rows = (await self.conn.execute(query)).mappings().all()
        return [
            ReminderRow(
                r["id"], r["user_id"], r["channel"], r["external_id"], r["kind"],
                r["due_at"], r["data"],
            )
            for r in rows
        ]

    async def finish_reminder(self, reminder_id: int, now: datetime) -> None:
        await self.conn.execute(
            update(reminders).where(reminders.c.id == reminder_id).values(done_at=now)
        )

    async def pending_reminders(self, user_id: int) -> list[tuple[str, datetime]]:
        rows = await self.conn.execute(
            select(reminders.c.kind, reminders.c.due_at)
            .where(reminders.c.user_id == user_id, reminders.c.done_at.is_(None))
            .order_by(reminders.c.due_at)
        )
        return [(r.kind, r.due_at) for r in rows]

    async def outbox_counts(self) -> dict[str, int]:
        rows = await self.conn.execute(
            select(outbox.c.status, func.count()).group_by(outbox.c.status)
        )
        return {status: int(count) for status, count in rows}

    async def forget_processed_before(self, cutoff: datetime) -> None:
        await self.conn.execute(
            delete(processed_updates).where(processed_updates.c.created_at < cutoff)
        )

    async def get_user(self, channel: str, external_id: str) -> UserRecord | None:
        user, _ = await self.load_user(channel, external_id)
        return user


class Store:
    """Opens transactions; each yields a repository bound to that transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqlRepository]:
        async with self.engine.begin() as conn:
            yield SqlRepository(conn)

    async def close(self) -> None:
        await self.engine.dispose()


def snapshot(user: UserRecord) -> UserRecord:
    """A deep copy to compare against after the flow has run, so only changes are written."""
    return copy.deepcopy(user)
