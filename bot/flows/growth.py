"""Growth points: proposed from a person's own reflection on an event (one sentence each, in
their words), kept in their profile, and shown to their coach only with consent.

Pure functions over answers and stored points; the screens decide where they lead."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.flows.turn import Turn
from bot.i18n import formats
from bot.storage.growth_points import GrowthPoint
from bot.storage.repository import LinkedNewcomer

# The reflection's questions a growth point may come from, the most useful first: what they
# will do next time, then what went well and what did not.
SOURCES = ("next_time", "went_well", "not_well", "not_again")
MOST = 3
# One short sentence: a longer answer is cut at a word.
LONGEST = 200
_SENTENCE_END = re.compile(r"(?<=[.!?؟。])\s")


def first_sentence(text: str) -> str:
    """The first sentence of a typed answer, with spaces tidied and cut to LONGEST."""
    tidy = " ".join(text.split())
    sentence = _SENTENCE_END.split(tidy, maxsplit=1)[0]
    if len(sentence) > LONGEST:
        cut = sentence[:LONGEST].rsplit(" ", 1)[0] or sentence[:LONGEST]
        sentence = cut.rstrip(",;:") + "…"
    return sentence


def proposals(answers: Mapping[str, Any]) -> list[str]:
    """One to three growth points in the person's own words (none if they skipped all)."""
    found: list[str] = []
    for question in SOURCES:
        answer = answers.get(question)
        if not isinstance(answer, str) or not answer.strip():
            continue
        sentence = first_sentence(answer)
        if sentence.casefold() not in {point.casefold() for point in found}:
            found.append(sentence)
        if len(found) == MOST:
            break
    return found


def coach_may_see_growth(linked: LinkedNewcomer) -> bool:
    """Whether a linked coach sees this newcomer's growth points: the one place that decides.
    Only while the newcomer shares their profile with this coach and said yes to "my coach
    may see my growth points" (bot/flows/consent_purposes.py)."""
    return linked.growth


def event_line(turn: Turn, point: GrowthPoint) -> str:
    """'Jobdate Oostende, 20 January 2026' in the reader's language."""
    if point.event_at is None:
        return point.event_title
    day = formats.long_date(point.event_at, turn.translator.code)
    # A template, so a right-to-left reader gets the Dutch title and the date isolated.
    return turn._("{event}, {day}").format(event=point.event_title, day=day)


def by_event(turn: Turn, points: Sequence[GrowthPoint]) -> str:
    """The points under their event's title and date, one '- ' line each."""
    blocks: dict[str, list[str]] = {}
    for point in points:
        blocks.setdefault(event_line(turn, point), []).append(f"- {point.text}")
    return "\n\n".join("\n".join([event, *lines]) for event, lines in blocks.items())


def for_coach(turn: Turn, linked: LinkedNewcomer) -> str | None:
    """A linked newcomer's growth points for their coach, if the coach may see them."""
    if not coach_may_see_growth(linked):
        return None
    points = turn.lookup.growth_points_of(linked.user_id)
    if not points:
        return None
    return turn._("Growth points") + "\n" + by_event(turn, points)
