"""JSON for the SQLite engine's JSON columns through orjson: every update writes its state,
its replies and their outbox rows as JSON, and the standard library's encoder was a tenth of
the transaction (see BENCHMARKS.md). What orjson refuses (an integer wider than 64 bits, NaN
when reading) goes through the standard library as before, so every value that was stored
before is stored now, as the same JSON value."""

from __future__ import annotations

import json
from typing import Any

import orjson

# json.dumps writes non-string keys as strings; orjson needs to be told.
_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(value: Any) -> str:
    try:
        return orjson.dumps(value, option=_OPTIONS).decode()
    except TypeError:
        return json.dumps(value)


def loads(text: str | bytes) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
