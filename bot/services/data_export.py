"""An export of everything stored about a person (GDPR art. 15 and 20): read in the update's
transaction, written as a JSON file after the commit, sent as a document. The files are
personal data too: named by a hash of the person, removed when they erase and after a day."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from bot.services.dated_files import STAMP, made_before
from bot.storage import personal_data
from bot.types import Outgoing

PREFIX = "export-"


def _owner(channel: str, external_id: str) -> str:
    return hashlib.sha256(f"export:{channel}:{external_id}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Export:
    """The document to send and the file it is written to."""

    data: dict[str, Any]
    path: Path

    def write(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data, ensure_ascii=False, indent=2),
                             encoding="utf-8")
        return self.path

    def message(self, to: str, channel: str, caption: str) -> Outgoing:
        return Outgoing(to=to, text="", kind="document", file=str(self.path), caption=caption,
                        channel=channel)


def prepare(conn: Connection, person: personal_data.Person, summary: str, now: datetime,
            folder: Path) -> Export:
    """Everything about the person now, and the file it goes to (written by `write`)."""
    data = {"summary": summary, **personal_data.export(conn, person, now)}
    # When it was made (the injected clock) is in the name, for the retention job.
    name = (f"{PREFIX}{_owner(person.channel, person.external_id)}-"
            f"{now.astimezone(UTC).strftime(STAMP)}-{secrets.token_hex(6)}.json")
    return Export(data, folder / name)


def remove_files(folder: Path, channel: str, external_id: str) -> int:
    """The person's export files: gone with them."""
    gone = 0
    for path in folder.glob(f"{PREFIX}{_owner(channel, external_id)}-*.json"):
        path.unlink(missing_ok=True)
        gone += 1
    return gone


def old_files(folder: Path, before: datetime) -> list[Path]:
    """Export files made before `before` (sent long ago: a day is plenty)."""
    return made_before(folder, f"{PREFIX}*.json", before)
