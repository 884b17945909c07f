"""Fitting text into a channel's limits without cutting a sentence in half."""

from __future__ import annotations

import re

# Sentence ends in Latin, Arabic (؟ ۔) and Ge'ez (።) scripts, followed by space or a new line.
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔।።])\s+|\n+")


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    if text.isascii():  # one unit a character; known without encoding (every reply asks)
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # half an emoji counts too


def split_text(text: str, limit: int = 4096) -> list[str]:
    """Pieces of at most `limit` UTF-16 units, split at paragraph or sentence ends if possible."""
    if utf16_length(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _sentences(text):
        candidate = current + sentence
        if utf16_length(candidate.rstrip()) <= limit:
            current = candidate
            continue
        if current.strip():
            pieces.append(current.rstrip())
        # A single sentence longer than the limit is cut at the limit, at a character boundary.
        while utf16_length(sentence) > limit:
            head = _cut(sentence, limit)
            pieces.append(head)
            sentence = sentence[len(head) :].lstrip()
        current = sentence
    if current.strip():
        pieces.append(current.rstrip())
    return pieces


def _sentences(text: str) -> list[str]:
    """Sentences, each with the space or new lines that follow it, so joining restores the text."""
    parts: list[str] = []
    last = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[last : match.end()])
        last = match.end()
    parts.append(text[last:])
    return [part for part in parts if part]


def _cut(text: str, limit: int) -> str:
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis if it was cut (for button labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
