"""A right-to-left reader's lines start right to left: a line (or a button) whose first letter is
Latin (CV, VDAB, Brug, inburgering) would be laid out left to right by the phone, its words in
the wrong order; and a value isolated with FSI takes its direction from its first letter too."""

from __future__ import annotations

import unicodedata

import pytest

from tests.harness import Session, labels

ARABIC_SCRIPT = range(0x0600, 0x0700)


def first_strong(text: str) -> str | None:
    """The bidirectional class of the first letter that has a direction ("L", "R" or "AL")."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind
    return None


def left_to_right_lines(lines: list[dict[str, object]]) -> list[str]:
    """Lines and labels in Arabic script that a phone would lay out left to right."""
    found = []
    for line in lines:
        pieces = str(line.get("text", "")).split("\n") + labels(line)
        found += [piece for piece in pieces
                  if any(ord(char) in ARABIC_SCRIPT for char in piece)
                  and first_strong(piece) == "L"]
    return found


@pytest.mark.parametrize("language", ["دری", "پښتو"])
async def test_dari_and_pashto_lines_on_the_cv_step_and_the_profile_read_right_to_left(
    session: Session, language: str,
) -> None:
    await session.onboard("omid", language)
    seen = await session.say("omid", "/steps")
    seen += await session.press("omid", 5)  # CV and motivation letter
    seen += await session.press("omid", 1)  # Write your CV
    seen += await session.say("omid", "/menu")
    seen += await session.press("omid", 2)  # My profile: its sections
    seen += await session.say("omid", "/help")
    assert left_to_right_lines(seen) == []
