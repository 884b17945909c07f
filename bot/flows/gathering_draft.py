"""An event being made: the questions an organiser answers, each answer checked (a clear line
when it is not right), and the draft kept in their state until they confirm it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.flows.gathering_kinds import GATHERING_KINDS
from bot.flows.steps.date import parse_date
from bot.i18n.formats import BRUSSELS
from bot.i18n.numbers import normalize_digits, whole_number
from bot.storage.gatherings import NewGathering

# Events take place in Flanders: times are typed and shown in Brussels time.
MAX_TITLE = 120
MAX_PLACE = 200
MAX_URL = 500
MAX_BRING = 300
MAX_CAPACITY = 10_000
# The reminders every new event gets; the organiser can change them.
DEFAULT_PLAN = ("week", "eve", "two_hours")

# The questions, in the order they are asked. "where" is a place or an online link.
FIELDS = ("title", "kind", "date", "start", "where_mode", "where", "languages", "capacity",
          "bring", "end")
# State key of the draft (answers so far, as JSON).
DRAFT_KEY = "event_draft"
ONLINE_MODE = "online"
PLACE_MODE = "place"

# 14:00, 14.00, 14u, 14h30, 9 (any script's digits).
_TIME = re.compile(r"^([0-9]{1,2})(?:[:.hu]([0-9]{2})?)?$")


@dataclass(frozen=True)
class Checked:
    """An answer taken: what is stored in the draft for it."""

    value: Any


@dataclass(frozen=True)
class Refused:
    """An answer not taken, and the line that says why and what to type."""

    reason: str


Answer = Checked | Refused


def parse_time(text: str) -> time | None:
    cleaned = normalize_digits(text).strip().lower().replace(" ", "")
    match = _TIME.match(cleaned)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def local(day: date, at: time) -> datetime:
    """A day and a time in Brussels, as an aware UTC time (what is stored)."""
    return datetime.combine(day, at, tzinfo=BRUSSELS).astimezone(ZoneInfo("UTC"))


def is_url(text: str) -> bool:
    """An http(s) address with a host name that has a dot, and no spaces."""
    if not text or any(ch.isspace() for ch in text) or len(text) > MAX_URL:
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not host.endswith(".")


def check(field: str, text: str, draft: Mapping[str, Any], now: datetime,
          _: Callable[[str], str]) -> Answer:
    """A typed answer to a question of the draft, checked."""
    text = text.strip()
    if field == "title":
        if not text:
            return Refused(_("Please type the title of the event."))
        if len(text) > MAX_TITLE:
            return Refused(_("This title is too long ({length} characters). Keep it under "
                             "{max} characters.").format(length=len(text), max=MAX_TITLE))
        return Checked(text)
    if field == "date":
        day = parse_date(text)
        if day is None:
            return Refused(_("I did not understand this date. Type it as day-month-year, "
                             "for example 24-11-2026."))
        if day < now.astimezone(BRUSSELS).date():
            return Refused(_("This date has passed. Type a date from today on."))
        return Checked(day.isoformat())
    if field in ("start", "end"):
        at = parse_time(text)
        if at is None:
            return Refused(_("I did not understand this time. Type it as hours:minutes, "
                             "for example 14:00."))
        day = date.fromisoformat(draft["date"])
        if field == "start" and local(day, at) <= now:
            return Refused(_("This time has passed. Type a time later than now, or go back "
                             "and change the date."))
        start = parse_time(draft.get("start", ""))
        if field == "end" and start is not None and at <= start:
            return Refused(_("The end must come after the start ({start}).").format(
                start=draft.get("start", "")))
        return Checked(at.strftime("%H:%M"))
    if field == "where":
        if draft.get("where_mode") == ONLINE_MODE:
            if not is_url(text):
                return Refused(_("This is not a web address. Type the whole link, starting "
                                 "with https://, for example https://meet.example.org/jobdate"))
            return Checked(text)
        if not text:
            return Refused(_("Please type the address of the place."))
        if len(text) > MAX_PLACE:
            return Refused(_("This address is too long. Keep it under {max} characters.")
                           .format(max=MAX_PLACE))
        return Checked(text)
    if field == "capacity":
        number = whole_number(text)
        if number is None or not 1 <= number <= MAX_CAPACITY:
            return Refused(_("Type how many people can come: a number from 1 to {max}.")
                           .format(max=f"{MAX_CAPACITY:,}".replace(",", " ")))
        return Checked(number)
    if field == "bring":
        if len(text) > MAX_BRING:
            return Refused(_("This is too long. Keep it under {max} characters.")
                           .format(max=MAX_BRING))
        return Checked(text)
    return Refused(_("Please choose one of the buttons."))


def complete(draft: Mapping[str, Any]) -> bool:
    """Every question that needs an answer has one (the end time may be empty)."""
    return all(field in draft for field in FIELDS)


def next_field(draft: Mapping[str, Any]) -> str | None:
    return next((field for field in FIELDS if field not in draft), None)


def to_new(draft: Mapping[str, Any]) -> NewGathering:
    """The draft as a new event; only called on a complete draft."""
    day = date.fromisoformat(draft["date"])
    start = parse_time(draft["start"])
    end = parse_time(draft["end"]) if draft.get("end") else None
    assert start is not None and draft["kind"] in GATHERING_KINDS
    online = draft["where_mode"] == ONLINE_MODE
    return NewGathering(
        title=draft["title"], kind=draft["kind"], starts_at=local(day, start),
        ends_at=local(day, end) if end else None,
        place=None if online else draft["where"], online_url=draft["where"] if online else None,
        languages=tuple(draft["languages"]), capacity=int(draft["capacity"]),
        bring=draft["bring"], reminder_plan=DEFAULT_PLAN,
    )


def still_future(draft: Mapping[str, Any], now: datetime) -> bool:
    """The start has not passed while the organiser was filling in the rest."""
    start = parse_time(draft.get("start", ""))
    return start is not None and local(date.fromisoformat(draft["date"]), start) > now

