"""Stored link codes: add, find by hash, count a use, withdraw. Runs on the repository's
connection, inside the update's transaction, like SqlRepository."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from bot.storage.tables import link_codes


@dataclass(frozen=True)
class LinkCodeRow:
    """One stored code: what it opens and whether it still does. The code itself is not
    stored, only its hash."""

    id: int
    kind: str
    code_hash: str
    created_by: int | None
    grants: str
    single_use: bool
    uses: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    withdrawn_at: datetime | None


class LinkCodes:
    """The link_codes table on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, kind: str, code_hash: str, created_by: int | None, grants: str, *,
            single_use: bool, now: datetime, expires_at: datetime) -> int:
        row = self.conn.execute(link_codes.insert().values(
            kind=kind, code_hash=code_hash, created_by=created_by, grants=grants,
            single_use=single_use, uses=0, created_at=now, expires_at=expires_at,
        ).returning(link_codes.c.id)).first()
        assert row is not None  # RETURNING gives the new row's id
        return int(row[0])

    def find(self, code_hash: str) -> LinkCodeRow | None:
        row = self.conn.execute(
            select(link_codes).where(link_codes.c.code_hash == code_hash)).mappings().first()
        return None if row is None else _row(row)

    def claim_single_use(self, code_id: int, now: datetime) -> bool:
        """Take the one use of a single-use code; False if it was taken already (also by an
        update running at the same time: the check and the write are one statement)."""
        result = self.conn.execute(
            update(link_codes)
            .where(link_codes.c.id == code_id, link_codes.c.uses == 0)
            .values(uses=1, used_at=now))
        return result.rowcount == 1

    def count_use(self, code_id: int, now: datetime) -> None:
        self.conn.execute(update(link_codes).where(link_codes.c.id == code_id)
                          .values(uses=link_codes.c.uses + 1, used_at=now))

    def withdraw(self, kind: str, created_by: int, now: datetime) -> int:
        """Every open code of this kind by this maker stops working; returns how many."""
        result = self.conn.execute(
            update(link_codes)
            .where(link_codes.c.kind == kind, link_codes.c.created_by == created_by,
                   link_codes.c.withdrawn_at.is_(None), link_codes.c.expires_at > now)
            .values(withdrawn_at=now))
        return int(result.rowcount)


def _row(row: Any) -> LinkCodeRow:
    return LinkCodeRow(
        id=row["id"], kind=row["kind"], code_hash=row["code_hash"],
        created_by=row["created_by"], grants=row["grants"], single_use=bool(row["single_use"]),
        uses=row["uses"], created_at=row["created_at"], expires_at=row["expires_at"],
        used_at=row["used_at"], withdrawn_at=row["withdrawn_at"],
    )
