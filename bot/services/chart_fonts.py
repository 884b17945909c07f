"""The fonts a chart is drawn with. matplotlib's own DejaVu Sans has Latin, Cyrillic and most
Arabic-script letters, but no Ethiopic (Tigrinya) and not Pashto's ۍ: system fonts fill those
in, glyph by glyph (matplotlib falls back along a list of families). They are found by their
files, so a font installed after matplotlib made its font cache is found too, and nothing here
imports matplotlib until a chart is drawn."""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                Path.home() / ".local/share/fonts")


@dataclass(frozen=True)
class ExtraFont:
    """A font for letters DejaVu Sans lacks: the first file found of `files` (patterns)."""

    letters: str
    package: str  # the Debian package that brings it
    files: tuple[str, ...]


EXTRA_FONTS = (
    ExtraFont("Ethiopic (Tigrinya)", "fonts-sil-abyssinica",
              ("AbyssinicaSIL-Regular.ttf", "NotoSansEthiopic-Regular.ttf")),
    ExtraFont("Arabic script (Pashto's ۍ)", "fonts-sil-scheherazade",
              ("Scheherazade*-Regular.ttf", "NotoSansArabic-Regular.ttf")),
)


def _dejavu_sans() -> Path:
    # matplotlib's own copy, found without importing matplotlib (that takes half a second).
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


def _find(font: ExtraFont) -> Path | None:
    for pattern in font.files:
        for folder in FONT_FOLDERS:
            found = sorted(folder.rglob(pattern)) if folder.is_dir() else []
            if found:
                return found[0]
    return None


@cache
def font_files() -> tuple[Path, ...]:
    """DejaVu Sans, then each extra font that is installed (a warning, once, for each one
    that is not: text needing it is then drawn otherwise, never as boxes)."""
    files = [_dejavu_sans()]
    for font in EXTRA_FONTS:
        path = _find(font)
        if path is None:
            log.warning("no font for %s letters: charts show such text otherwise "
                        "(install the %s package)", font.letters, font.package)
        else:
            files.append(path)
    return tuple(files)


def missing_packages() -> list[str]:
    """The packages of the extra fonts that are not installed (for the set-up scripts)."""
    return [font.package for font in EXTRA_FONTS if _find(font) is None]


@cache
def _characters() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for path in font_files():
        with TTFont(path, lazy=True) as font:
            found.update(font.getBestCmap())
    return frozenset(found)


def drawable(text: str) -> bool:
    """Whether every character of `text` (as laid out for drawing) has a glyph in the
    chart's fonts."""
    characters = _characters()
    return all(ord(char) in characters for char in text)


@cache
def families() -> tuple[str, ...]:
    """The chart's font families, in fallback order; the extra fonts are made known to
    matplotlib (by file: its font cache may predate them). Imports matplotlib."""
    from matplotlib import font_manager

    dejavu, *extra = font_files()
    names = [font_manager.FontProperties(fname=dejavu).get_name()]
    for path in extra:
        font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=path).get_name())
    return tuple(names)
