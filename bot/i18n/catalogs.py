"""Gettext catalogs read from the PO files, and a translator per language."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.i18n.bidi import shape_for
from bot.i18n.languages import KNOWN_LANGUAGES, SOURCE_LANGUAGE, Language, base_code

LOCALES = Path(__file__).resolve().parent / "locales"
_BELGIAN = frozenset({"en", "nl", "fr", "de"})
DOMAIN = "bot"


@dataclass(frozen=True)
class Translator:
    """Translates source strings into one language; English is the source and the fallback."""

    language: Language
    translations: NullTranslations

    def gettext(self, message: str) -> str:
        # Hook for right-to-left languages (bot/i18n/bidi.py): mirrored arrows, isolated values.
        return shape_for(self.code, self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return shape_for(self.code, self.translations.ngettext(singular, plural, n))

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def locale(self) -> str:
        """For dates and numbers: the Belgian way where the language has one (1 December)."""
        return f"{self.code}_BE" if self.code in _BELGIAN else self.code


def po_path(code: str, locales: Path = LOCALES) -> Path:
    return locales / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(code: str, locales: Path) -> NullTranslations:
    # Compiled in memory: the PO file stays the only thing translators and git see.
    with po_path(code, locales).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


class Catalogs:
    """All translators, loaded once at start."""

    def __init__(self, locales: Path = LOCALES) -> None:
        self._translators: dict[str, Translator] = {}
        for language in KNOWN_LANGUAGES:
            if language.code == SOURCE_LANGUAGE:
                self._translators[language.code] = Translator(language, NullTranslations())
            elif po_path(language.code, locales).exists():
                self._translators[language.code] = Translator(
                    language, _load(language.code, locales)
                )

    @property
    def languages(self) -> list[Language]:
        """The languages on offer, in picker order."""
        return [t.language for t in self._translators.values()]

    def supports(self, code: str | None) -> bool:
        return base_code(code) in self._translators

    def get(self, code: str | None) -> Translator:
        return self._translators.get(base_code(code), self._translators[SOURCE_LANGUAGE])

    def choose(self, hint: str | None) -> str | None:
        """The language to preselect for a phone's language code, if we speak it."""
        code = base_code(hint)
        return code if code in self._translators else None
