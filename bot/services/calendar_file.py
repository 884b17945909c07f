"""An appointment as a calendar file (.ics) that a phone adds to its calendar in one tap, with
the time in Europe/Brussels."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from bot.i18n.formats import BRUSSELS

LENGTH = timedelta(hours=1)


def _event(uid: str, starts_at: datetime, summary: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    local = starts_at.astimezone(BRUSSELS)
    event.add("dtstart", local)
    event.add("dtend", local + LENGTH)
    event.add("summary", summary)
    return event


def _calendar(method: str, event: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Brug//appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def calendar_file(uid: str, starts_at: datetime, summary: str, place: str, description: str,
                  now: datetime) -> bytes:
    event = _event(uid, starts_at, summary, now)
    event.add("location", place)
    event.add("description", description)
    return _calendar("PUBLISH", event)


def cancellation_file(uid: str, starts_at: datetime, summary: str, now: datetime) -> bytes:
    """The cancellation of an appointment sent before under `uid`: a calendar that opens it
    takes the meeting out."""
    event = _event(uid, starts_at, summary, now)
    # Later than any version sent before, whatever it was.
    event.add("sequence", int(now.timestamp()))
    event.add("status", "CANCELLED")
    return _calendar("CANCEL", event)


def write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
