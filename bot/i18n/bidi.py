"""Right-to-left text: inserted values kept in one piece, arrows pointing the way the reader reads.

Catalogs keep the source's arrows ("⬅ Back", "Next step ➡"); for a right-to-left language the
translated text gets them mirrored, so "back" points right and "next" points left. A value filled
into a right-to-left template (a number, a date, a link, a Dutch name) is wrapped in Unicode
isolates (FSI … PDI), so its own direction cannot reorder the sentence around it.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

FSI = "\u2068"  # first strong isolate: the value's first letter decides its direction
PDI = "\u2069"  # pop directional isolate
# Right-to-left mark: a line that begins with a Latin name (VDAB, CV) still reads right to left.
RLM = "\u200f"

# Each arrow and its mirror image, both ways.
_ARROW_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (pair[0], pair[1]) for pair in ("⬅➡", "←→", "◀▶", "◁▷", "◂▸", "◃▹", "⇦⇨", "⇐⇒", "⟵⟶", "↩↪",
                                    "⏪⏩", "⏮⏭", "👈👉", "↞↠", "↢↣", "⇠⇢"))
_MIRROR = str.maketrans({**{left: right for left, right in _ARROW_PAIRS},
                         **{right: left for left, right in _ARROW_PAIRS}})

# Characters whose direction is not plain right to left: Latin letters, digits and the signs
# inside numbers, and explicit direction controls. A value with none of them reads correctly
# inside a right-to-left sentence as it is.
_NEEDS_ISOLATE = frozenset({"L", "EN", "AN", "ES", "ET", "CS",
                            "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


@lru_cache(maxsize=64)
def is_rtl(code: str) -> bool:
    """True for a language written right to left (ar, fa_AF, ps), from Babel's locale data."""
    try:
        return bool(Locale.parse(code.replace("-", "_")).character_order == "right-to-left")
    except (UnknownLocaleError, ValueError):
        return False


def mirror_arrows(text: str) -> str:
    """The text with every left/right arrow turned the other way."""
    return text.translate(_MIRROR)


def _needs_isolate(line: str) -> bool:
    if line.startswith(FSI) and line.endswith(PDI):
        return False
    return any(unicodedata.bidirectional(char) in _NEEDS_ISOLATE for char in line)


def isolate(value: str) -> str:
    """The value wrapped in FSI … PDI where it holds anything not right to left; line by line,
    since an isolate ends at a new line."""
    return "\n".join(f"{FSI}{line}{PDI}" if _needs_isolate(line) else line
                     for line in value.split("\n"))


class _IsolatingFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return isolate(super().format_field(value, format_spec))


_FORMATTER = _IsolatingFormatter()


class RightToLeftTemplate(str):
    """A translated right-to-left text whose `format` isolates every value it fills in."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        return _FORMATTER.vformat(str(self), args, kwargs)

    def format_map(self, mapping: Mapping[str, Any]) -> str:  # type: ignore[override]
        return _FORMATTER.vformat(str(self), (), mapping)


def right_to_left(text: str) -> str:
    """A translated text as a right-to-left reader should get it; a template (with braces)
    stays one whose `format` isolates, any other text is a plain string."""
    mirrored = mirror_arrows(text)
    return RightToLeftTemplate(mirrored) if "{" in mirrored else mirrored


def shape_for(code: str, text: str) -> str:
    """The translated text for a language: right-to-left shaped where it reads that way."""
    return right_to_left(text) if is_rtl(code) else text
