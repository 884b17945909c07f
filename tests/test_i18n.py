"""Languages: catalogs complete, placeholders intact, digits in any script, long text split."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from bot.i18n.catalogs import Catalogs
from bot.i18n.check import check_catalogs
from bot.i18n.numbers import normalize_digits, parse_number
from bot.i18n.text import split_text, utf16_length

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "bot" / "i18n" / "locales"


def test_i18n_check_passes_for_the_shipped_catalogs() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "i18n", "check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("en: ") and lines[0].endswith("the source language")
    assert any(line.startswith("nl: ") and "(100%), complete" in line for line in lines)
    assert any(line.startswith("ar: ") and "(100%), complete" in line for line in lines)


def test_i18n_check_fails_on_a_missing_string_or_a_broken_placeholder(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    path = locales / "nl" / "LC_MESSAGES" / "bot.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    with_placeholder = next(m for m in catalog if m.id and "{limit}" in str(m.id))
    with_placeholder.string = "Te lang: maximaal {limiet} tekens."
    first_plain = next(m for m in catalog if m.id and "{" not in str(m.id))
    first_plain.string = ""
    with path.open("wb") as handle:
        write_po(handle, catalog)
    report, ok = check_catalogs(ROOT, locales)
    assert not ok
    text = "\n".join(report)
    assert "broken placeholder" in text and "missing" in text


def test_languages_on_offer_and_phone_hints() -> None:
    catalogs = Catalogs()
    codes = [language.code for language in catalogs.languages]
    assert codes == ["en", "nl", "fr", "ar", "fa_AF", "ps", "ti", "so", "uk", "ru", "tr", "es"]
    assert catalogs.choose("nl-BE") == "nl"
    assert catalogs.choose("ar_SY") == "ar"
    assert catalogs.choose("xx") is None
    assert next(lang for lang in catalogs.languages if lang.code == "ar").rtl


def test_digits_of_every_script_are_numbers() -> None:
    assert normalize_digits("٢٠٢٦-١١-٢٤") == "2026-11-24"
    assert normalize_digits("۱۲۳") == "123"
    assert normalize_digits("१२") == "12"
    assert parse_number("٣٫٥") == 3.5
    assert parse_number("2,5") == 2.5
    assert parse_number("twelve") is None


def test_long_text_is_split_at_sentences_within_telegram_limits() -> None:
    sentence = "Bring your residence card and your diploma. "
    pieces = split_text(sentence * 200, 4096)
    assert len(pieces) == 3
    assert all(utf16_length(p) <= 4096 for p in pieces)
    assert all(p.endswith("diploma.") for p in pieces)
    emoji = "😀" * 3000  # 2 UTF-16 units each
    assert all(utf16_length(p) <= 4096 for p in split_text(emoji, 4096))
    assert "".join(split_text(emoji, 4096)) == emoji


def test_the_twelve_languages_are_all_complete() -> None:
    """Dutch, English, French, Arabic, Dari, Pashto, Tigrinya, Ukrainian, Russian, Turkish,
    Somali and Spanish: each offered, none with a string missing."""
    from bot.i18n.catalogs import Catalogs

    offered = {language.code for language in Catalogs().languages}
    assert offered == {"nl", "en", "fr", "ar", "fa_AF", "ps", "ti", "uk", "ru", "tr", "so",
                       "es"}
