"""Office hours in Brussels time: open or closed, when it opens next, and settings refused
when they cannot be read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.services.office_hours import OfficeHours


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_weekdays_in_brussels_time_summer_and_winter() -> None:
    office = OfficeHours.parse("mon-fri 09:00-17:00")
    assert office.is_open(utc("2026-01-05T08:00"))  # 09:00 in winter (UTC+1)
    assert not office.is_open(utc("2026-01-05T07:59"))
    assert not office.is_open(utc("2026-07-06T15:00"))  # 17:00 in summer (UTC+2)
    # Friday evening: it opens on Monday morning.
    opens = office.next_opening(utc("2026-01-09T18:00"))
    assert opens.isoformat() == "2026-01-12T09:00:00+01:00"


def test_one_day_and_a_week_that_wraps() -> None:
    saturday = OfficeHours.parse("sat 10:00-12:00")
    assert saturday.next_opening(utc("2026-01-05T12:00")).isoformat() == (
        "2026-01-10T10:00:00+01:00")
    weekend = OfficeHours.parse("Sat-Mon 10:00-12:00")
    assert weekend.days == frozenset({5, 6, 0})


@pytest.mark.parametrize("text", ["", "mon-fri", "mon-fri 17:00-09:00", "xyz 09:00-10:00",
                                  "mon-fri 9-17"])
def test_what_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="office"):
        OfficeHours.parse(text)
    with pytest.raises(ValidationError):
        Settings(office_hours=text)
