"""Logging for every `brug` command: one line per record, UTC timestamps, a chosen level."""

from __future__ import annotations

import logging
import sys
import time
import traceback
from typing import Any

FORMAT = "%(asctime)s.%(msecs)03dZ %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
# Libraries that log at INFO what an operator never needs: every update (Brug logs its own
# line per update instead), every plugin loaded at start.
CHATTY = ("aiogram.event", "alembic.runtime.plugins")


class UtcFormatter(logging.Formatter):
    """Timestamps in UTC, so lines from several machines sort together. Discreet: an error is
    logged by its type and where it happened, never its message (which may quote what a
    person wrote, or a URL with the bot's token), and the secrets never show."""

    def __init__(self, fmt: str, datefmt: str, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt, datefmt)
        self.secrets = tuple(secret for secret in secrets if secret)

    def converter(self, seconds: float | None) -> time.struct_time:
        return time.gmtime(seconds)

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.args, tuple):
            record.args = tuple(_discreet(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _discreet(arg) for key, arg in record.args.items()}
        # Another handler may have cached the error's full text: this one writes its own.
        record.exc_text = None
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "[secret]")
        return text

    def formatException(self, ei: Any) -> str:
        """The traceback's frames and each exception's type, without its message."""
        lines: list[str] = []
        error: BaseException | None = ei[1]
        seen: set[int] = set()
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            frames = traceback.extract_tb(error.__traceback__)
            lines[:0] = ["Traceback (most recent call last):\n", *frames.format(),
                         f"{type(error).__module__}.{type(error).__qualname__} (message not "
                         "logged)\n"]
            error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
            if error is not None:
                lines[:0] = ["\n"]
        return "".join(lines).rstrip("\n")


def _discreet(arg: object) -> object:
    """An error passed to a log call shows as its type only."""
    return f"<{type(arg).__qualname__}>" if isinstance(arg, BaseException) else arg


def configure_logging(level: str | int, secrets: tuple[str, ...] = ()) -> None:
    """Send log records to standard error at this level (a name such as INFO, or a number);
    `secrets` (the bot's token) are blotted out wherever they would appear."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(UtcFormatter(FORMAT, DATE_FORMAT, secrets))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in CHATTY:
        logging.getLogger(name).setLevel(
            logging.NOTSET if root.level <= logging.DEBUG else logging.WARNING)
