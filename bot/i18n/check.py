"""Extraction into bot.pot, catalog updates, and the completeness check behind `brug i18n check`."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.i18n.catalogs import DOMAIN, LOCALES, po_path
from bot.i18n.languages import KNOWN_LANGUAGES, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
METHOD_MAP = [("bot/**.py", "python"), ("content/**.yaml", "brug_yaml")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def extract(root: Path = ROOT) -> Catalog:
    """Every translatable string in the code and the content, with where it is."""
    catalog = Catalog(project="brug", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        root, METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if filename.startswith(("bot/i18n/check.py",)):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _read(code: str, locales: Path) -> Catalog:
    with po_path(code, locales).open("rb") as handle:
        return read_po(handle, locale=code)


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        # Old strings live on in git; the catalog keeps only what the bot can show.
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False,
                 ignore_obsolete=True)


def update_catalogs(root: Path = ROOT, locales: Path = LOCALES,
                    add: tuple[str, ...] = ()) -> list[str]:
    """Write bot.pot and merge it into every catalog (and new ones for `add`)."""
    template = extract(root)
    _write(template, locales / f"{DOMAIN}.pot")
    lines = [f"{len(template)} messages in {DOMAIN}.pot"]
    for language in KNOWN_LANGUAGES:
        code = language.code
        path = po_path(code, locales)
        if code == SOURCE_LANGUAGE or not (path.exists() or code in add):
            continue
        catalog = _read(code, locales) if path.exists() else Catalog(locale=code, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        _write(catalog, path)
        lines.append(f"updated {path.relative_to(root) if path.is_relative_to(root) else path}")
    return lines


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def check_catalogs(root: Path = ROOT, locales: Path = LOCALES) -> tuple[list[str], bool]:
    """A line per language with its completeness; False if a complete language lacks a
    string or any translation breaks a placeholder."""
    template = extract(root)
    wanted = [m for m in template if m.id]
    # English is written in the code and the content themselves: complete by construction.
    report = [f"{SOURCE_LANGUAGE}: {len(wanted)}/{len(wanted)} (100%), the source language"]
    ok = True
    for language in KNOWN_LANGUAGES:
        code = language.code
        if code == SOURCE_LANGUAGE or not po_path(code, locales).exists():
            continue
        catalog = _read(code, locales)
        missing, broken = [], []
        for message in wanted:
            found = catalog.get(message.id, context=message.context)
            plural = isinstance(message.id, tuple | list)
            raw = found.string if found else None
            values = list(raw) if isinstance(raw, tuple | list) else [raw]
            strings = [str(s) for s in values if s]
            if not found or not strings or found.fuzzy:
                missing.append(message.id)
                continue
            source = " ".join(message.id) if plural else str(message.id)
            if any(_placeholders(s) != _placeholders(source) for s in strings):
                broken.append(message.id)
        done = len(wanted) - len(missing)
        share = 100.0 * done / len(wanted) if wanted else 100.0
        status = "complete" if language.complete else "partial"
        report.append(f"{code}: {done}/{len(wanted)} ({share:.0f}%), {status}, "
                      f"{len(broken)} broken placeholders")
        for message_id in missing[:20]:
            report.append(f"  missing: {message_id!r}"[:160])
        for message_id in broken:
            report.append(f"  broken placeholder: {message_id!r}"[:160])
        if broken or (language.complete and missing):
            ok = False
    return report, ok
