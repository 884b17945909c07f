"""Finding words and phrases of a list in free text, by whole words, in any script.

Text and phrases go through the same normalising: Unicode compatibility forms, case folded,
marks dropped (accents, Arabic short vowels and hamza seats), the Arabic and Persian letter
variants made one (ی and ى as ي, ک as ك, ة as ه), the zero-width non-joiner of Persian read
as a space, apostrophes dropped ("don't" is "dont"). Then the text is cut into sentences and
each into words, so "doodgewoon" never matches "dood".

A phrase is words separated by spaces, with these signs:
  `word*`  a word that starts with this ("zelfmoord*" finds "zelfmoordgedachten");
  `*word`  a word that ends with this (Arabic joins "al-" and "wa-" to the word);
  `*word*` a word that holds this (use rarely: it is how substrings raise false alarms);
  `...`    up to three other words in between;
  `$`      the end of the sentence ("I don't want to live $", not "... to live in Gent").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_LETTERS = str.maketrans({
    "ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ـ": None,  # ی ى ک ة, tatweel
    "’": None, "'": None, "‘": None, "ʼ": None,
    "‌": " ",  # zero-width non-joiner: Persian writes "می‌خواهم" with or without it
})
_SENTENCE_END = re.compile(r"[.!?؟。\n;؛]+")
_WORD = re.compile(r"\w+")
GAP = "..."
END = "$"
# How many words `...` may stand for.
GAP_WORDS = 3


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept).translate(_LETTERS)


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence, normalised."""
    return [words for part in _SENTENCE_END.split(normalise(text))
            if (words := _WORD.findall(part))]


@dataclass(frozen=True)
class Phrase:
    """One entry of a list, as the words (and signs) to look for."""

    written: str
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, written: str) -> Phrase:
        parts: list[str] = []
        for raw in written.split():
            if raw in (GAP, END):
                parts.append(raw)
                continue
            # Normalise the letters but keep the signs at either end.
            head, tail = raw.startswith("*"), raw.endswith("*")
            words = _WORD.findall(normalise(raw.strip("*")))
            if not words:
                raise ValueError(f"'{raw}' in '{written}' has no letters")
            words[0] = "*" + words[0] if head else words[0]
            words[-1] = words[-1] + "*" if tail else words[-1]
            parts.extend(words)
        if not [p for p in parts if p not in (GAP, END)]:
            raise ValueError(f"'{written}' has no words")
        return cls(written, tuple(parts))

    def found_in(self, words: list[str]) -> bool:
        return any(_match(self.parts, words, start) for start in range(len(words)))


def _word_matches(part: str, word: str) -> bool:
    if part.startswith("*") and part.endswith("*") and len(part) > 2:
        return part[1:-1] in word
    if part.endswith("*"):
        return word.startswith(part[:-1])
    if part.startswith("*"):
        return word.endswith(part[1:])
    return word == part


def _match(parts: tuple[str, ...], words: list[str], at: int) -> bool:
    if not parts:
        return True
    part, rest = parts[0], parts[1:]
    if part == END:
        return at == len(words)
    if part == GAP:
        return any(_match(rest, words, at + skip)
                   for skip in range(GAP_WORDS + 1) if at + skip <= len(words))
    return at < len(words) and _word_matches(part, words[at]) and _match(rest, words, at + 1)


@dataclass(frozen=True)
class WordList:
    """Phrases per language; `languages_in` says in which languages a text holds one."""

    phrases: Mapping[str, tuple[Phrase, ...]]

    @classmethod
    def of(cls, listed: Mapping[str, Iterable[str]]) -> WordList:
        return cls({language: tuple(Phrase.parse(p) for p in phrases)
                    for language, phrases in listed.items()})

    def languages_in(self, text: str) -> list[str]:
        cut = sentences(text)
        return [language for language, phrases in self.phrases.items()
                if any(phrase.found_in(words) for phrase in phrases for words in cut)]
