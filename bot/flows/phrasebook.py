"""The coaches' phrasebook: ready phrases from content/phrases.yaml that a coach sends in a
conversation through the bot, each side reading them in their own language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.flows.yaml_loading import fail, required_text

ASK_DAY = "day"


@dataclass(frozen=True)
class Phrase:
    """A phrase: a short label for the coach's button, and the text (English source) sent;
    with `ask` "day", the coach chooses a day for its {day}."""

    id: str
    label: str
    text: str
    ask: str | None = None


def load_phrases(path: Path, raw: Any) -> tuple[Phrase, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail(path, raw, "'phrases' is a list of phrases, each with an id, label and text")
    phrases = []
    for node in raw:
        if not isinstance(node, dict) or not str(node.get("id", "")).strip():
            raise fail(path, node, "each phrase needs an id, a label and a text")
        ask = node.get("ask")
        if ask not in (None, ASK_DAY):
            raise fail(path, node, f"'ask' may only be '{ASK_DAY}'")
        text = required_text(path, node, "text")
        if (ask == ASK_DAY) != ("{day}" in text):
            raise fail(path, node, "a phrase with {day} in its text needs 'ask: day', and "
                                   "only such a phrase")
        phrases.append(Phrase(str(node["id"]), required_text(path, node, "label"), text, ask))
    return tuple(phrases)
