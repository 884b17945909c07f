"""A walk through Brug in every language that has a catalog: onboarding, the main menu of each
role, every menu item and command, the first screen behind each of their buttons (the intake
sections, the roadmap steps, the privacy choices, ...) and the first button behind those. Each
message must be fully translated, have every placeholder filled, and fit the Telegram
channel's limits (bot/channels/telegram_render.py LIMITS, and 64 bytes of button data).

"Fully translated": no English source string of the catalog (a whole msgid, or of one with
placeholders each fixed part) is a line of a message or a button label, and none of 16
characters or more stands inside a message. Not counted as English left:
- a source string the language's catalog translates as itself (names such as "Brug" or
  "WhatsApp", "CV", times such as "18:00-08:00"): the catalog says it stays;
- each language's own name, on the language picker's buttons;
- inside a longer message, a source string shorter than 16 characters ("Done", "Start"): a
  translation may hold such words on purpose, and they would match inside other words.

One database per language, one person per role; the screens that need more than a first
screen's setup are listed in NEEDS_SETUP, and the test fails on any other screen of the
registry that the walk does not reach."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po

from bot.channels.telegram_render import LIMITS, callback_data
from bot.flows.content import LANGUAGE
from bot.flows.screens.dutch_beside import SCREEN as DUTCH_BESIDE_SCREEN
from bot.flows.screens.registry import SCREENS
from bot.i18n.beside import DUTCH
from bot.i18n.catalogs import LOCALES, Catalogs, po_path
from bot.i18n.text import utf16_length
from bot.types import Option
from tests.harness import Session

LANGUAGES = [(language.code, language.native_name) for language in Catalogs().languages]
DUTCH_BESIDE = DUTCH_BESIDE_SCREEN.place
MENU_PROMPT = "What do you want to do? Tap a button or type a number."
# Names are no English left: each language's own name stays as it is in the language picker.
NAMES = frozenset(name for _, name in LANGUAGES)
ROLES = ("newcomer", "coach", "organiser", "admin")
COMMANDS = ("/start", "/menu", "/steps", "/person", "/privacy", "/language", "/help", "/back",
            "/skip", "/nonsense")
# An English source string found inside a longer message counts from this length on: shorter
# ones ("Done", "Amal") are words that a translation may hold on purpose. A whole line or a
# button label that is a source string counts at any length.
SHORTEST_INSIDE = 16
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_NAV = ("nav_", "⬅", "☰")
# Where the first button does what cannot be undone in a walk: it erases the person.
DO_NOT_PRESS = frozenset({"privacy_confirm"})

# Screens the walk cannot reach without more setup than a first screen needs (an event, an
# appointment, an open request, a linked newcomer, a reminder that fell due). Each has its own
# screen test in tests/screens/ that drives it in English.
NEEDS_SETUP = frozenset({
    "appointment_card", "appointment_change", "appointment_move", "consent_again",
    "event_admin", "event_came", "event_cancel_ask", "event_check", "event_plan",
    "event_review", "event_view", "growth_points", "growth_review", "handoff_rating",
    "job_start", "keep_data", "seen_my_data", "summary", "talk_offer",
})


@dataclass
class Walk:
    """Every message seen, and the places (screens, flows) the walk reached."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    places: set[str] = field(default_factory=set)

    def add(self, lines: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        out = [line for line in lines if "text" in line or "caption" in line]
        self.messages += out
        return out


async def _place(session: Session, user: str) -> str | None:
    state = await session.app.store.run(lambda repo: repo.get_user("simulate", user))
    stored = state.state if state is not None else {}
    return stored.get("flow") if stored.get("at") == "flow" else stored.get("at")


def _answers(message: dict[str, Any]) -> list[int]:
    """The 1-based positions of a message's buttons that lead somewhere new (not back or the
    menu)."""
    return [index for index, option in enumerate(message.get("options", []), start=1)
            if not str(option["id"]).startswith(_NAV[0])
            and not str(option["label"]).startswith(_NAV[1:])]


async def walk(session: Session, walk: Walk, code: str, language: str) -> None:
    """Onboarding; a coach linked to the newcomer, who shares their profile; the measured
    questions again after an event; then each role's menu items, the buttons behind them and
    the first button behind those; and the commands."""
    for role in ROLES:
        await _person(session, walk, role, role, code, language)
    shared = walk.add(await session.feed({"user": "coach", "link": "newcomer"}))
    if shared and shared[-1].get("options"):
        walk.add(await session.press("newcomer", 1))
    walk.add(await session.feed({"event": "Jobdate", "people": ["newcomer"]}))
    walk.places.add(await _place(session, "newcomer") or "")
    for role in ROLES:
        menu = walk.add(await session.say(role, "/menu"))[-1]
        for item in _answers(menu):
            await session.say(role, "/menu")
            first = walk.add(await session.press(role, item))
            walk.places.add(await _place(session, role) or "")
            if not first or not first[-1].get("options"):
                continue
            # The language's buttons would change the walk's language: only its own is pressed.
            buttons: list[int | str] = [language] if await _place(session, role) == LANGUAGE \
                else list(_answers(first[-1]))
            for button in buttons:
                await session.say(role, "/menu")
                await session.press(role, item)
                second = walk.add(await session.press(role, button))
                place = await _place(session, role) or ""
                walk.places.add(place)
                deeper = _answers(second[-1]) if second and place not in DO_NOT_PRESS else []
                if deeper:
                    walk.add(await session.press(role, deeper[0]))
                    walk.places.add(await _place(session, role) or "")
    for command in COMMANDS:
        walk.add(await session.say("newcomer", command))
        walk.places.add(await _place(session, "newcomer") or "")


async def _person(session: Session, walk: Walk, user: str, role: str, code: str,
                  language: str) -> dict[str, Any]:
    """A person onboarded in the language (their phone's language too), with the role."""
    walk.add(await session.say(user, "/start", language_code=code))
    walk.add(await session.press(user, language))
    walk.add(await session.press(user, 1))
    walk.add(await session.press(user, 1))
    if role != "newcomer":
        await session.feed({"user": user, "role": role})
    return walk.add(await session.say(user, "/menu"))[-1]


@dataclass(frozen=True)
class Source:
    """The English source strings that a language translates differently."""

    whole: frozenset[str]
    inside: tuple[str, ...]


def english_left(code: str, locales: Path = LOCALES) -> Source:
    """The source strings whose appearance in a message of this language means that they were
    not translated: those the catalog translates into something else. Of a string with
    placeholders, its fixed parts count."""
    with po_path(code, locales).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    whole: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        translated = " ".join(str(s) for s in (message.string if isinstance(
            message.string, tuple | list) else (message.string,)) if s)
        for source in ids:
            for part in _PLACEHOLDER.split(str(source)):
                part = part.strip()
                if part and part not in translated and re.search(r"[A-Za-z]{2}", part):
                    whole.add(part)
    return Source(frozenset(whole), tuple(s for s in whole if len(s) >= SHORTEST_INSIDE))


def problems(walk: Walk, source: Source | None) -> list[str]:
    """What is wrong in the messages, one line each (none: all is well)."""
    found: list[str] = []
    for message in walk.messages:
        text = str(message.get("text") or message.get("caption") or "")
        options = message.get("options", [])
        if utf16_length(text) > LIMITS.text:
            found.append(f"too long ({utf16_length(text)} units): {text[:60]!r}")
        if len(options) > LIMITS.options:
            found.append(f"{len(options)} buttons: {text[:60]!r}")
        for piece in [text, *(str(option["label"]) for option in options)]:
            for placeholder in _PLACEHOLDER.findall(piece):
                found.append(f"unfilled {placeholder}: {piece[:80]!r}")
        for option in options:
            label = str(option["label"])
            if len(label) > LIMITS.label:
                found.append(f"label over {LIMITS.label} characters: {label!r}")
            try:
                callback_data(message.get("turn") or 2**62, Option(str(option["id"]), label))
            except ValueError as error:
                found.append(str(error))
        if source is None:
            continue
        labels = [str(option["label"]) for option in options]
        for line in [*text.splitlines(), *labels]:
            if line.strip() in source.whole and line.strip() not in NAMES:
                found.append(f"English left: {line.strip()!r}")
        for english in source.inside:
            if english in text and english not in text.splitlines():
                found.append(f"English left: {english!r} in {text[:60]!r}")
    return sorted(set(found))


@pytest.mark.parametrize(("code", "name"), LANGUAGES, ids=[code for code, _ in LANGUAGES])
async def test_every_first_screen_is_translated_filled_and_fits(code: str, name: str,
                                                                 tmp_path: Path) -> None:
    session = await Session.open(tmp_path / "walk.db")
    try:
        seen = Walk()
        await walk(session, seen, code, name)
    finally:
        await session.close()
    assert problems(seen, english_left(code) if code != "en" else None) == []
    # Dutch beside Dutch has nothing to offer: a Dutch speaker is not asked.
    unreached = set(SCREENS) - seen.places - NEEDS_SETUP - (
        {DUTCH_BESIDE} if code == DUTCH else set())
    assert unreached == set(), f"screens the walk does not reach: {sorted(unreached)}"


async def test_the_walk_finds_english_left_and_an_unfilled_placeholder(tmp_path: Path) -> None:
    """A Dutch catalog with the menu's question left in English and a translation that names a
    placeholder the code does not fill: the walk's check reports both."""
    locales = tmp_path / "locales"
    with po_path("nl").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    # Pasted in English (a catalog with a gap would not be offered at all).
    catalog[MENU_PROMPT].string = f"👉 {MENU_PROMPT}"
    catalog["Thank you. You can change your mind at any time."].string = "Dank je, {name}."
    po_path("nl", locales).parent.mkdir(parents=True)
    # With the template beside it, the catalog is complete and so offered.
    shutil.copy(LOCALES / "bot.pot", locales / "bot.pot")
    with po_path("nl", locales).open("wb") as handle:
        write_po(handle, catalog)
    session = await Session.open(tmp_path / "walk.db")
    session.app.conversation.catalogs = Catalogs(locales)
    try:
        seen = Walk()
        await _person(session, seen, "amal", "newcomer", "nl", "Nederlands")
    finally:
        await session.close()
    found = problems(seen, english_left("nl", locales))
    assert any(line.startswith("English left: ") and "👉 What do you want to do?" in line
               for line in found)
    assert any(line.startswith("unfilled {name}: 'Dank je, {name}.") for line in found)
