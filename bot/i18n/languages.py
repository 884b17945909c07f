"""The languages Brug speaks: a catalog's code, with its name in its own script and its
direction from Babel's locale data (CLDR), and the codes a phone may send for it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    rtl: bool = False
    # Every string of the catalog is translated (drafts count); only these are offered.
    complete: bool = True

    @property
    def iso_code(self) -> str:
        """The two-letter code alone ('fa' for 'fa_AF'), for channels that take no region."""
        return self.code.split("_")[0]


SOURCE_LANGUAGE = "en"

# The picker's order, by the number of people who speak them among the newcomers Brug is for,
# after English and Dutch. A catalog not named here comes after these, by code.
PICKER_ORDER: tuple[str, ...] = (
    "en", "nl", "fr", "ar", "fa_AF", "ps", "ti", "so", "uk", "ru", "tr", "es",
)

_ORDERED = frozenset(PICKER_ORDER)

# Codes a phone or Telegram may send for a catalog Brug has under another code. Dari is
# `fa_AF` (CLDR has no `prs`); plain Persian (`fa`) is closest to it among our catalogs.
ALIASES: dict[str, str] = {"prs": "fa_AF", "fa": "fa_AF"}


def normalize(code: str | None) -> str:
    """'nl-BE', 'nl_be' -> 'nl_BE'; 'FA-af' -> 'fa_AF': the form catalog folders use."""
    if not code:
        return ""
    parts = code.strip().replace("-", "_").split("_")
    head = parts[0].lower()
    return f"{head}_{parts[1].upper()}" if len(parts) > 1 and parts[1] else head


def resolve(code: str | None, known: frozenset[str] | set[str]) -> str:
    """The catalog code among `known` for a code a person or phone sent: the code itself,
    an alias (prs, fa, fa-AF -> fa_AF), or its language without the region (nl-BE -> nl).
    Without a match, the language part alone (for the caller to refuse)."""
    full = normalize(code)
    if not full:
        return ""
    base = full.split("_")[0]
    for candidate in (full, ALIASES.get(full.lower(), ""), ALIASES.get(base, ""), base):
        if candidate and candidate in known:
            return candidate
    return ALIASES.get(base, base)


def base_code(language_code: str | None) -> str:
    """A code as Brug's catalogs name it, whichever catalogs are present: 'nl-BE' -> 'nl',
    'prs' or 'fa-AF' -> 'fa_AF'."""
    return resolve(language_code, _ORDERED)


@cache
def language(code: str, complete: bool = True) -> Language:
    """A language from CLDR: its name as its speakers write it (capitalised, as in a list)
    and its direction. Dari (`fa_AF`) is دری there."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Language(code, code, complete=complete)
    name = (locale.languages.get(str(locale)) or locale.get_language_name(locale) or code)
    return Language(code, name[:1].upper() + name[1:], locale.text_direction == "rtl",
                    complete=complete)


def native_name(code: str) -> str:
    """A language's own name for any code (an event's spoken languages, a report's groups)."""
    return language(base_code(code) or code).native_name


def picker_key(code: str) -> tuple[int, str]:
    """Sorts codes in the picker's order; codes it does not name come last, by code."""
    return (PICKER_ORDER.index(code) if code in PICKER_ORDER else len(PICKER_ORDER), code)
