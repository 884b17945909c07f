"""The languages Brug speaks: their codes, their names in their own script, their direction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    rtl: bool = False
    # A complete language must have every string; `brug i18n check` fails otherwise.
    complete: bool = False
    # Codes Telegram (or a phone) may send for this language besides its own.
    aliases: tuple[str, ...] = ()


SOURCE_LANGUAGE = "en"

# Ordered as the picker shows them. Only languages with a catalog are offered (see catalogs.py).
KNOWN_LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", complete=True),
    Language("nl", "Nederlands", complete=True),
    Language("fr", "Français"),
    Language("ar", "العربية", rtl=True, complete=True),
    Language("fa", "فارسی / دری", rtl=True, aliases=("prs",)),
    Language("ps", "پښتو", rtl=True),
    Language("ti", "ትግርኛ"),
    Language("so", "Soomaali"),
    Language("uk", "Українська"),
    Language("ru", "Русский"),
    Language("tr", "Türkçe"),
    Language("es", "Español"),
)


def base_code(language_code: str | None) -> str:
    """'nl-BE' and 'nl_BE' become 'nl'; aliases map to their language."""
    if not language_code:
        return ""
    code = language_code.replace("_", "-").split("-")[0].lower()
    for language in KNOWN_LANGUAGES:
        if code in language.aliases:
            return language.code
    return code
