"""content/care.yaml, checked and typed: the helplines, each with the languages it speaks and
when it was checked, the reply in each language it is written in, and the words of danger
per language (reviewed and dated)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.flows.yaml_loading import fail
from bot.services.crisis_words import WordList

# The reply's parts; each must be written in every language the reply is written in.
PARTS = ("intro", "outro", "speaks", "speaks_unchecked", "checked")
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Helpline:
    id: str
    says: Mapping[str, str]
    speaks: tuple[str, ...]
    # When someone checked which languages the line speaks; None: nobody did yet.
    speaks_checked: str | None
    checked: str
    source: str


@dataclass(frozen=True)
class Care:
    """Words that may mean danger, and the helplines to give at once."""

    says: Mapping[str, Mapping[str, str]]
    helplines: tuple[Helpline, ...]
    alarm: WordList
    checked: str
    source: str
    # Unfair treatment: a note in each language, and its words (not urgent).
    unfair_says: Mapping[str, str]
    unfair: WordList | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the reply is written in."""
        return tuple(self.says["intro"])

    def alarmed_by(self, text: str) -> list[str]:
        """The languages in whose list the text holds words of danger (none: no alarm)."""
        return self.alarm.languages_in(text)

    def unfair_in(self, text: str) -> list[str]:
        """The languages in whose list the text holds words of unfair treatment."""
        return self.unfair.languages_in(text) if self.unfair else []

    def written_in(self, language: str) -> str:
        """The language of the reply for a reader of `language`: itself, else its language
        without the region (Dari, fa_AF, reads the Persian one), else English."""
        for code in (language, language.split("_")[0]):
            if code in self.languages:
                return code
        return SOURCE_LANGUAGE

    def unfair_note(self, language: str) -> str:
        return self.unfair_says[self.written_in(language)]

    def reply(self, language: str) -> str:
        """The helplines in this language (English where the reply is not written in it)."""
        code = self.written_in(language)
        said = {part: texts[code] for part, texts in self.says.items()}
        lines = [said["intro"]]
        for line in self.helplines:
            speaks = said["speaks"].format(languages=", ".join(line.speaks))
            if not line.speaks_checked:
                speaks += " " + said["speaks_unchecked"]
            lines.append(f"• {line.says[code]}\n   🗣 {speaks} · "
                         + said["checked"].format(date=line.checked))
        lines.append(said["outro"])
        return "\n".join(lines)


def _dated(value: Any) -> str | None:
    return str(value) if value else None


def _in_each(path: Path, node: Any, what: str, languages: tuple[str, ...]
             ) -> dict[str, str]:
    if not isinstance(node, dict) or set(node) != set(languages):
        raise fail(path, node, f"{what} must be written in each of {', '.join(languages)}")
    return {str(code): str(text).strip() for code, text in node.items()}


def load_care(path: Path, doc: dict[str, Any]) -> Care:
    if not doc.get("checked") or not doc.get("source"):
        raise fail(path, doc, "helpline information needs 'checked' and 'source'")
    says = doc.get("says")
    if not isinstance(says, dict) or not isinstance(says.get("intro"), dict):
        raise fail(path, doc, "'says' needs the reply's parts, each per language")
    languages = tuple(str(code) for code in says["intro"])
    if SOURCE_LANGUAGE not in languages:
        raise fail(path, says, "the reply must be written in English too")
    parts = {part: _in_each(path, says.get(part), f"says.{part}", languages) for part in PARTS}
    helplines = []
    for raw in doc.get("helplines") or []:
        if not raw.get("checked") or not raw.get("source"):
            raise fail(path, raw, "each helpline needs 'checked' and 'source'")
        speaks = raw.get("speaks")
        if not isinstance(speaks, list) or not speaks:
            raise fail(path, raw, "each helpline lists the languages it speaks ('speaks')")
        helplines.append(Helpline(
            str(raw.get("id", "")), _in_each(path, raw.get("says"), "a helpline", languages),
            tuple(str(s) for s in speaks), _dated(raw.get("speaks_checked")),
            str(raw["checked"]), str(raw["source"])))
    if not helplines:
        raise fail(path, doc, "care needs at least one helpline")
    unfair = doc.get("unfair") or {}
    return Care(parts, tuple(helplines), _word_list(path, doc.get("alarm"), "alarm"),
                str(doc["checked"]), str(doc["source"]),
                _in_each(path, unfair.get("says"), "unfair.says", languages) if unfair else {},
                _word_list(path, unfair.get("words"), "unfair.words") if unfair else None)


def _word_list(path: Path, node: Any, name: str) -> WordList:
    """Phrases per language, each list with its own 'checked' and 'source'."""
    if not isinstance(node, dict) or not node:
        raise fail(path, node, f"'{name}' maps language codes to lists of phrases")
    listed: dict[str, list[str]] = {}
    for code, entry in node.items():
        if not isinstance(entry, dict) or not entry.get("checked") or not entry.get("source"):
            raise fail(path, entry, f"the '{code}' list needs 'checked' and 'source'")
        phrases = entry.get("phrases")
        if not isinstance(phrases, list) or not phrases:
            raise fail(path, entry, f"the '{code}' list needs 'phrases'")
        listed[str(code)] = [str(p) for p in phrases]
    try:
        return WordList.of(listed)
    except ValueError as error:
        raise fail(path, node, str(error)) from error
