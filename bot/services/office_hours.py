"""When coaches are at work: office hours in Brussels time, read from text such as
"mon-fri 09:00-17:00" (BRUG_OFFICE_HOURS), to tell a newcomer roughly when a person answers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.i18n.formats import BRUSSELS

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FORMAT = re.compile(r"^\s*([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class OfficeHours:
    """The days (0 is Monday) and the hours, Brussels time, when the office is open."""

    days: frozenset[int]
    opens: time
    closes: time

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """'mon-fri 09:00-17:00' or 'sat 10:00-12:00'; a ValueError names what is wrong."""
        found = _FORMAT.match(text.strip().lower())
        if not found or found[1] not in DAYS or (found[2] and found[2] not in DAYS):
            raise ValueError(f"office hours look like 'mon-fri 09:00-17:00', not {text!r}")
        first = DAYS.index(found[1])
        last = DAYS.index(found[2]) if found[2] else first
        days = frozenset(day % 7 for day in range(first, last + 1 if last >= first
                                                  else last + 8))
        opens = time(int(found[3]), int(found[4]))
        closes = time(int(found[5]), int(found[6]))
        if closes <= opens:
            raise ValueError(f"the office must close after it opens: {text!r}")
        return cls(days, opens, closes)

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(BRUSSELS)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, now: datetime) -> datetime:
        """When the office opens next (now, if it is open), as an aware Brussels time."""
        local = now.astimezone(BRUSSELS)
        if self.is_open(now):
            return local
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            opening = datetime.combine(day, self.opens, tzinfo=BRUSSELS)
            if day.weekday() in self.days and opening > local:
                return opening
        raise AssertionError("an office with opening days opens within a week")


@functools.cache
def office_hours(text: str) -> OfficeHours:
    """The office hours of a setting, read once (it is asked on every update)."""
    return OfficeHours.parse(text)


OFFICE_HOURS = office_hours("mon-fri 09:00-17:00")
