"""Link codes: the payload of a `t.me/<bot>?start=<payload>` link. A payload is a short kind
prefix and a random token (`c_` + 22 characters); only its SHA-256 is stored, so a copy of
the database opens no link."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.storage.link_codes import LinkCodeRow, LinkCodes

# Telegram passes at most 64 characters of A-Za-z0-9_- as a /start payload.
MAX_PAYLOAD = 64
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_PREFIX = re.compile(r"[a-z]{1,3}")
# 16 random bytes, 22 characters: guessing one of a million open codes takes 2^108 tries.
TOKEN_BYTES = 16

Refusal = Literal["malformed", "unknown", "expired", "withdrawn", "used"]


@dataclass(frozen=True)
class Issued:
    """A new code: the payload to put in the link (shown once, never stored) and its row."""

    payload: str
    code_id: int


def new_payload(prefix: str) -> str:
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"a kind prefix is one to three small letters, not {prefix!r}")
    return f"{prefix}_{secrets.token_urlsafe(TOKEN_BYTES)}"


def hash_payload(payload: str) -> str:
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def prefix_of(payload: str) -> str | None:
    """The kind prefix of a well-formed payload; None for anything Telegram would not pass
    or that has no prefix."""
    if not _PAYLOAD.fullmatch(payload):
        return None
    prefix, separator, token = payload.partition("_")
    return prefix if separator and token and _PREFIX.fullmatch(prefix) else None


def link_url(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def issue(codes: LinkCodes, kind: str, prefix: str, created_by: int | None, *, grants: str = "",
          single_use: bool, now: datetime, lifetime: timedelta) -> Issued:
    payload = new_payload(prefix)
    code_id = codes.add(kind, hash_payload(payload), created_by, grants,
                        single_use=single_use, now=now, expires_at=now + lifetime)
    return Issued(payload, code_id)


def look_up(codes: LinkCodes, kind: str, payload: str, now: datetime
            ) -> LinkCodeRow | Refusal:
    """The stored code a payload names if it still opens, else why not. A single-use code's
    use is taken here, in the update's transaction.

    The row is found by the hash of the payload. That lookup needs no constant-time
    comparison: its timing could at most tell something about a hash, and a hash of 128
    random bits says nothing about any other code."""
    row = codes.find(hash_payload(payload))
    if row is None or row.kind != kind:
        return "unknown"
    if row.withdrawn_at is not None:
        return "withdrawn"
    if row.expires_at <= now:
        return "expired"
    if row.single_use and not codes.claim_single_use(row.id, now):
        return "used"
    return row
