"""One log line per update, and its count and time in the metrics: ids, kind and timings,
never what the person wrote nor what Brug answered."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.services.metrics import Metrics
from bot.types import Incoming

log = logging.getLogger("bot.updates")
# A value that needs no quotes: no spaces, quotes, equals signs or backslashes.
_BARE = re.compile(r'[^\s"=\\]+')


@dataclass
class Seen:
    """What the handler tells about an update it handled."""

    replies: int = 0


@contextmanager
def observe_update(metrics: Metrics, incoming: Incoming) -> Iterator[Seen]:
    """Around the handling of one update: counts it, times it and logs one line."""
    started = time.perf_counter()
    seen = Seen()
    try:
        yield seen
    except Exception:
        seconds = time.perf_counter() - started
        metrics.update(incoming.kind, seconds, failed=True)
        # The error itself is logged where it is caught; this line says which update it was.
        _log(logging.WARNING, incoming, seconds, seen, "error")
        raise
    seconds = time.perf_counter() - started
    metrics.update(incoming.kind, seconds)
    _log(logging.INFO, incoming, seconds, seen, "ok")


def _log(level: int, incoming: Incoming, seconds: float, seen: Seen, result: str) -> None:
    if not log.isEnabledFor(level):
        return
    fields: dict[str, object] = {
        "channel": incoming.channel, "user": incoming.user, "update_id": incoming.update_id,
        "kind": incoming.kind, "replies": seen.replies, "ms": round(seconds * 1000, 2),
        "result": result,
    }
    log.log(level, "update %s", logfmt(fields), extra={"update": fields})


def logfmt(fields: dict[str, object]) -> str:
    """key=value pairs; a value with spaces, quotes or an equals sign is quoted as JSON."""
    parts = []
    for key, value in fields.items():
        shown = "" if value is None else str(value)
        if not _BARE.fullmatch(shown) or not shown.isprintable():
            shown = json.dumps(shown)
        parts.append(f"{key}={shown}")
    return " ".join(parts)
