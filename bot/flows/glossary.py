"""Flemish names and terms (VDAB, OCMW, leefloon, ...) stay in Dutch in every language: the
first time one appears in a message, a short explanation in the person's language follows it
in brackets. The terms and their explanations are content (content/glossary.yaml)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.flows.yaml_loading import fail, required_text

# Spaces and quotes between a term and brackets that explain it already.
_QUOTES = " \"'«»“”„"

# The start of a line or of a list entry: "- VDAB, the public employment service, ..."
# describes the name already.
_LIST_ENTRY = re.compile(r"(?:^|\n)[-•*]?$")


@dataclass(frozen=True)
class Term:
    """A Dutch name as it is written, and what it is, in plain English (translated); `also`:
    longer forms of the same name ("NARIC Vlaanderen")."""

    term: str
    description: str
    also: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    checked: date
    source: str
    # Any term as it may be written, and each term by its folded spelling.
    pattern: re.Pattern[str]
    by_key: dict[str, Term]

    @classmethod
    def of(cls, terms: tuple[Term, ...], checked: date, source: str) -> Glossary:
        # Longest first, so "Agentschap Integratie en Inburgering" is one name, not a
        # name with "Inburgering" inside it.
        forms = sorted((form for t in terms for form in t.forms), key=lambda f: -len(f))
        words = "|".join(_spelling(form) for form in forms)
        # Not part of a longer word, a web or mail address, or a name with a hyphen.
        pattern = re.compile(rf"(?<![\w./@-])(?:{words})(?![\w@-]|\.\w)")
        return cls(terms, checked, source, pattern,
                   {form.casefold(): t for t in terms for form in t.forms})

    def explain(self, text: str, _: Callable[[str], str],
                parts: list[tuple[int, int]] | None = None) -> str:
        """The text with each term's explanation after its first appearance; a term already
        explained there (followed by brackets, itself in brackets, or the explanation's words
        elsewhere in the message) gets none. With
        `parts`, only terms inside them count: the words of Brug, not what a person typed."""
        done: set[str] = set()
        inserts: list[tuple[int, str]] = []
        for match in self.pattern.finditer(text):
            term = self.by_key[match.group(0).casefold()]
            if parts is not None and not any(
                    start <= match.start() and match.end() <= end for start, end in parts):
                continue
            if term.term in done:
                continue
            done.add(term.term)
            before = text[:match.start()].rstrip(_QUOTES)
            after = text[match.end():].lstrip(_QUOTES)
            explanation = _(term.description)
            if before.endswith("(") or after.startswith("(") or explanation in text or (
                    _LIST_ENTRY.search(before) and after.startswith((",", "،"))):
                continue
            inserts.append((match.end(), f" ({explanation})"))
        for at, explanation in reversed(inserts):
            text = text[:at] + explanation + text[at:]
        return text


def _spelling(term: str) -> str:
    """A name as written; a lower-case word also with a capital (at a sentence's start)."""
    if term[:1].islower():
        return f"[{term[0]}{term[0].upper()}]{re.escape(term[1:])}"
    return re.escape(term)


def load_glossary(path: Path, raw: Any) -> Glossary:
    if not isinstance(raw, dict) or not isinstance(raw.get("terms"), list):
        raise fail(path, raw, "'glossary' needs 'terms', a list")
    checked, source = raw.get("checked"), raw.get("source")
    if not isinstance(checked, date) or not source:
        raise fail(path, raw, "'glossary' needs 'checked' (a date) and 'source'")
    terms = []
    for entry in raw["terms"]:
        name = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise fail(path, entry, "each glossary entry needs 'term', the name in Dutch")
        also = entry.get("also") or []
        if not isinstance(also, list) or not all(isinstance(a, str) and a for a in also):
            raise fail(path, entry, "'also' must be a list of names")
        terms.append(Term(name.strip(), required_text(path, entry, "description"),
                          tuple(a.strip() for a in also)))
    forms = [form.casefold() for t in terms for form in t.forms]
    if len(set(forms)) != len(forms):
        raise fail(path, raw, "a term is in the glossary twice")
    return Glossary.of(tuple(terms), checked, str(source))
