"""An event in words, in the reader's language: what it is, when, where, in which languages,
what to bring; and the organiser's counts."""

from __future__ import annotations

from datetime import datetime

from bot.flows.gathering_kinds import GATHERING_KINDS
from bot.i18n import formats
from bot.i18n.catalogs import Translator
from bot.i18n.languages import PICKER_ORDER, language
from bot.i18n.lists import listed
from bot.storage.gatherings import Counts, Gathering, NewGathering

# Languages an event may be held in: the ones Brug speaks, by their own names.
SPOKEN = {code: language(code).native_name for code in PICKER_ORDER}


def when(starts_at: datetime, ends_at: datetime | None, translator: Translator) -> str:
    """'Tuesday 20 January 2026, 14:00 – 16:00', in Brussels time and the reader's way."""
    start = formats.date_time(starts_at, translator.code)
    if ends_at is None:
        return start
    return f"{start} – {formats.time_of_day(ends_at, translator.code)}"


def describe(event: Gathering | NewGathering, translator: Translator) -> str:
    """The event as a newcomer reads it before joining, and in a reminder."""
    _ = translator.gettext
    lines = [event.title, _(GATHERING_KINDS.get(event.kind, GATHERING_KINDS["other"])), ""]
    lines.append(_("🗓 When: {when}").format(when=when(event.starts_at, event.ends_at,
                                                          translator)))
    if event.online_url:
        lines.append(_("💻 Online: {link}").format(link=event.online_url))
    else:
        lines.append(_("📍 Where: {place}").format(place=event.place or ""))
    lines.append(_("🗣 Spoken: {languages}").format(
        languages=listed((SPOKEN.get(code, code) for code in event.languages), _)))
    if event.bring:
        lines.append(_("🎒 Bring: {bring}").format(bring=event.bring))
    return "\n".join(lines)


def counts_line(counts: Counts, capacity: int, translator: Translator) -> str:
    return translator.gettext(
        "Joined: {joined} of {capacity} · Waiting: {waiting} · Left: {left}").format(
        joined=counts.joined, capacity=capacity, waiting=counts.waiting, left=counts.left)
