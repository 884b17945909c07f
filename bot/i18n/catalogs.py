"""Gettext catalogs read from the PO files, and a translator per language."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.i18n.bidi import shape_for
from bot.i18n.languages import SOURCE_LANGUAGE, Language, language, picker_key, resolve

LOCALES = Path(__file__).resolve().parent / "locales"
_BELGIAN = frozenset({"en", "nl", "fr", "de"})
DOMAIN = "bot"
# A translator comment starting with this marks a translation no native speaker checked yet
# (docs/translating.md); it is served all the same.
DRAFT_MARK = "draft"
DRAFT_COMMENT = "draft: machine-assisted, not yet checked by a native speaker"

# (context, msgid) of a message; msgid is the singular of a plural message.
Key = tuple[str | None, str]


def message_key(message: Message) -> Key:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return (message.context, str(msgid))


def is_draft(message: Message) -> bool:
    return any(comment.strip().lower().startswith(DRAFT_MARK)
               for comment in message.user_comments)


def is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return bool(strings) and all(strings) and not message.fuzzy


@dataclass(frozen=True)
class Translator:
    """Translates source strings into one language; English is the source and the fallback."""

    language: Language
    translations: NullTranslations
    # The messages whose translation here is a draft (not checked by a native speaker).
    drafts: frozenset[Key] = field(default_factory=frozenset)

    def gettext(self, message: str) -> str:
        return self.shown(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for `n` by the language's plural rule (Arabic has six)."""
        return self.shown(self.translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        """A short text that means something else elsewhere, told apart by its context."""
        return self.shown(str(self.translations.pgettext(context, message)))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.shown(str(self.translations.npgettext(context, singular, plural, n)))

    def shown(self, text: str) -> str:
        """Every translated text passes here on its way out: one place for what a language
        needs done to all its texts."""
        # Right-to-left languages (bot/i18n/bidi.py): mirrored arrows, isolated values.
        return shape_for(self.code, text)

    def is_draft(self, message: str, context: str | None = None) -> bool:
        """Whether this message's translation here is machine-assisted and unchecked (never
        for the source language: the English is the original)."""
        return (context, message) in self.drafts

    def with_translations(self, translations: NullTranslations) -> Translator:
        """This language with other translations (a turn's noting ones): built directly, as
        `dataclasses.replace` looks its fields up again on each of these, one a turn."""
        return Translator(self.language, translations, self.drafts)

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def locale(self) -> str:
        """For dates and numbers: the Belgian way where the language has one (1 December)."""
        return f"{self.code}_BE" if self.code in _BELGIAN else self.code


def po_path(code: str, locales: Path = LOCALES) -> Path:
    return locales / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, code: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def present(locales: Path = LOCALES) -> list[str]:
    """The codes of the catalogs in `locales`, in the picker's order."""
    codes = [path.parent.parent.name for path in locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")]
    return sorted(codes, key=picker_key)


RESOLVED_AT_MOST = 1024


@dataclass(frozen=True)
class _Loaded:
    translations: NullTranslations
    drafts: frozenset[Key]
    translated: frozenset[Key]


@lru_cache(maxsize=64)
def _load(path: Path, code: str, stamp: tuple[int, int]) -> _Loaded:
    # Compiled in memory: the PO file stays the only thing translators and git see. Cached by
    # the file's time and size, so every app built in one process reads a catalog once.
    catalog = read_catalog(path, code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    messages = [m for m in catalog if m.id]
    return _Loaded(Translations(fp=buffer, domain=DOMAIN),
                   frozenset(message_key(m) for m in messages if is_draft(m) and m.string),
                   frozenset(message_key(m) for m in messages if is_translated(m)))


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _wanted(path: Path, stamp: tuple[int, int]) -> frozenset[Key]:
    return frozenset(message_key(m) for m in read_catalog(path) if m.id)


class Catalogs:
    """All translators, loaded once at start: one per catalog present, English always.
    Only complete catalogs (every message of bot.pot translated, drafts allowed) are offered
    in the picker; a person who chose a language keeps it while it is being completed."""

    def __init__(self, locales: Path = LOCALES) -> None:
        source = language(SOURCE_LANGUAGE)
        self._translators: dict[str, Translator] = {
            SOURCE_LANGUAGE: Translator(source, NullTranslations())}
        template = locales / f"{DOMAIN}.pot"
        wanted = _wanted(template, _stamp(template)) if template.exists() else None
        for code in present(locales):
            if code == SOURCE_LANGUAGE:
                continue
            path = po_path(code, locales)
            loaded = _load(path, code, _stamp(path))
            complete = wanted is not None and wanted <= loaded.translated
            self._translators[code] = Translator(language(code, complete), loaded.translations,
                                                 loaded.drafts)
        self._known = frozenset(self._translators)
        # Codes as asked, resolved: every update asks several times (a few phones' codes).
        self._codes: dict[str | None, str] = {}

    @property
    def languages(self) -> list[Language]:
        """The languages on offer, in picker order: English and every complete catalog."""
        return list(self._offered)

    @cached_property
    def _offered(self) -> tuple[Language, ...]:
        # Sorted once: every update's context asks for them.
        offered = [t.language for t in self._translators.values() if t.language.complete]
        return tuple(sorted(offered, key=lambda lang: picker_key(lang.code)))

    @property
    def all_languages(self) -> list[Language]:
        """Every catalog present, complete or not."""
        return sorted((t.language for t in self._translators.values()),
                      key=lambda lang: picker_key(lang.code))

    def code_for(self, code: str | None) -> str:
        found = self._codes.get(code)
        if found is None:
            found = resolve(code, self._known)
            if len(self._codes) < RESOLVED_AT_MOST:  # anyone may send any code
                self._codes[code] = found
        return found

    def supports(self, code: str | None) -> bool:
        return self.code_for(code) in self._known

    def get(self, code: str | None) -> Translator:
        return self._translators.get(self.code_for(code), self._translators[SOURCE_LANGUAGE])

    def choose(self, hint: str | None) -> str | None:
        """The language to preselect for a phone's language code, if we offer it."""
        code = self.code_for(hint)
        found = self._translators.get(code)
        return code if found is not None and found.language.complete else None
