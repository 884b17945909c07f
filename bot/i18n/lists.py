"""Items in one line, joined the way the reader's language writes a list: Arabic script
writes "،" and "؛", Tigrinya "፣" and "፤", where English writes "," and ";"."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.i18n import N_

# TRANSLATORS: Put between the items of a list written in one line ("tea, coffee, water"):
# your language's comma and a space ("، " in Arabic script, "፣ " in Tigrinya).
COMMA = N_(", ")
# TRANSLATORS: Put between groups of a list written in one line ("tea, coffee; bread"): your
# language's semicolon and a space ("؛ " in Arabic script, "፤ " in Tigrinya).
SEMICOLON = N_("; ")


def listed(items: Iterable[str], _: Callable[[str], str]) -> str:
    """`items` joined by the reader's comma."""
    return _(COMMA).join(items)


def grouped(groups: Iterable[str], _: Callable[[str], str]) -> str:
    """`groups` (each a list already) joined by the reader's semicolon."""
    return _(SEMICOLON).join(groups)
