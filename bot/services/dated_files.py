"""Files the bot writes for a person to fetch (an export, an event's results), named
`<prefix><who>-<stamp>...` so that the daily job can find and remove the old ones."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

STAMP = "%Y%m%dT%H%M%SZ"


def made_before(folder: Path, pattern: str, before: datetime) -> list[Path]:
    """The files matching `pattern` whose stamp (the third part of the name, split on "-")
    is older than `before`; files not named this way are left alone."""
    old = []
    for path in folder.glob(pattern) if folder.is_dir() else ():
        parts = path.stem.split("-")
        try:
            made = datetime.strptime(parts[2], STAMP).replace(tzinfo=UTC)
        except (IndexError, ValueError):
            continue  # not one of ours
        if made < before:
            old.append(path)
    return old
