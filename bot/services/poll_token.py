"""The keyed one-way token under which a person's poll answers for one event are counted:
HMAC-SHA256 of "person:event". The same person answering again gets the same token (their
answer is replaced, not counted twice); without the key, nobody can tell whose it is. The key
is never in the database: `BRUG_POLL_KEY`, else the file `poll.key` in the data folder, made
on first use and readable by its owner only."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "poll.key"
KEY_BYTES = 32


class PollTokens:
    """Makes tokens; the key is read (or made) once, when the first token is asked for."""

    def __init__(self, folder: Path, key: str = "") -> None:
        self.folder = folder
        self._key: bytes | None = key.encode() if key else None

    def key(self) -> bytes:
        if self._key is None:
            self._key = _key_file(self.folder / KEY_FILE)
        return self._key

    def token(self, person_id: int, event_id: int) -> str:
        return hmac.new(self.key(), f"{person_id}:{event_id}".encode(),
                        hashlib.sha256).hexdigest()


def _key_file(path: Path) -> bytes:
    """The key in the file, made first if there is none. It is written whole under another
    name and then linked in place, so two processes at once both read the one that won."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{KEY_FILE}.{secrets.token_hex(8)}")
        handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(KEY_BYTES) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="ascii").strip().encode()
