"""Consent per purpose: what a person agrees to, one purpose at a time, each text with its
version (content/consent.yaml `purposes`). What each purpose changes is decided here and in
the storage of consents (bot/storage/consents.py); the texts say it in plain words."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.flows.yaml_loading import ID, fail, required_text

# Brug keeps my answers (also users.consent, asked in the onboarding); a coach may see my
# profile (the share question); a coach may see my growth points; I get reminders.
ANSWERS, COACH_PROFILE, COACH_GROWTH, REMINDERS = (
    "answers", "coach_profile", "coach_growth", "reminders")
KNOWN = (ANSWERS, COACH_PROFILE, COACH_GROWTH, REMINDERS)
# Given unless the person says no: reminders are part of what they asked for (an event they
# joined, a job they told about); the others are off until the person says yes.
ON_UNLESS_WITHDRAWN = frozenset({REMINDERS})


@dataclass(frozen=True)
class Purpose:
    """One thing a person may agree to: its text (English source) and the text's version."""

    id: str
    version: str
    title: str
    text: str


def load_purposes(path: Path, raw: Any) -> tuple[Purpose, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail(path, raw, "'purposes' is a list, each with an id, version, title and text")
    found: list[Purpose] = []
    for node in raw:
        if not isinstance(node, dict) or not ID.match(str(node.get("id", ""))):
            raise fail(path, node, "each purpose needs a short lowercase id")
        if node["id"] not in KNOWN:
            raise fail(path, node, f"unknown purpose '{node['id']}'; Brug acts on "
                                   f"{', '.join(KNOWN)}")
        if any(p.id == node["id"] for p in found):
            raise fail(path, node, f"purpose '{node['id']}' is there twice")
        version = node.get("version")
        if not isinstance(version, str) or not version.strip():
            raise fail(path, node, "a purpose needs a version (quoted text, like \"2026-11-28\")")
        found.append(Purpose(str(node["id"]), version.strip()[:20],
                             required_text(path, node, "title"), required_text(path, node, "text")))
    return tuple(found)


def by_id(purposes: tuple[Purpose, ...]) -> Mapping[str, Purpose]:
    return {purpose.id: purpose for purpose in purposes}


@lru_cache(maxsize=8)
def fingerprint(purposes: tuple[Purpose, ...]) -> str:
    """Short, and different whenever a purpose or a version changes: a person whose state
    holds the current one has been checked against these texts."""
    text = ";".join(f"{p.id}={p.version}" for p in purposes)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
