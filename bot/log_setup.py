"""Logging for every `brug` command: one line per record, UTC timestamps, a chosen level."""

from __future__ import annotations

import logging
import sys
import time

FORMAT = "%(asctime)s.%(msecs)03dZ %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
# Libraries that log at INFO what an operator never needs: every update (Brug logs its own
# line per update instead), every plugin loaded at start.
CHATTY = ("aiogram.event", "alembic.runtime.plugins")


class UtcFormatter(logging.Formatter):
    """Timestamps in UTC, so lines from several machines sort together."""

    def converter(self, seconds: float | None) -> time.struct_time:
        return time.gmtime(seconds)


def configure_logging(level: str | int) -> None:
    """Send log records to standard error at this level (a name such as INFO, or a number)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(UtcFormatter(FORMAT, DATE_FORMAT))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in CHATTY:
        logging.getLogger(name).setLevel(
            logging.NOTSET if root.level <= logging.DEBUG else logging.WARNING)
