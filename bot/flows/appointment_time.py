"""Times of appointments as people type and read them: in Brussels time, whatever the server's
zone, and when the reminders fall (the evening before at 18:00, and two hours before)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from bot.i18n import formats
from bot.i18n.formats import BRUSSELS

EVENING = time(18, 0)
SOON = timedelta(hours=2)
# A coach plans at most this far ahead.
HORIZON = timedelta(days=366)

# 14/01 14:30, 14-01-2026 9u, 14.1.26 9h15, 2026-01-14 14:30
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})(?:[:hu.](\d{2})?|\s*$)")


def parse(text: str, now: datetime) -> datetime | None:
    """A day and an hour typed by a coach, as an aware UTC time in the future; None if it is
    not one. A date without a year is the next such day."""
    text = text.strip().casefold()
    found = _YEAR_FIRST.search(text)
    if found:
        year, month, day = (int(found.group(i)) for i in (1, 2, 3))
        given_year = True
    else:
        found = _DAY_FIRST.search(text)
        if not found:
            return None
        day, month = int(found.group(1)), int(found.group(2))
        given_year = found.group(3) is not None
        year = int(found.group(3) or now.astimezone(BRUSSELS).year)
        year += 2000 if year < 100 else 0
    clock = _TIME.match(text[found.end():].strip())
    if clock is None:
        return None
    hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    try:
        local = datetime.combine(date(year, month, day), time(hour, minute), BRUSSELS)
    except ValueError:
        return None
    if not given_year and local < now:
        try:
            local = local.replace(year=local.year + 1)
        except ValueError:
            return None
    if not now < local <= now + HORIZON:
        return None
    return local.astimezone(UTC)


def shown(moment: datetime, language: str) -> str:
    """'Monday 12 January 2026, 14:30' in the reader's language, in Brussels time."""
    return formats.date_time(moment, language)


def reminder_times(starts_at: datetime) -> dict[str, datetime]:
    """When the two reminders fall: the evening before at 18:00, and two hours before."""
    local_day = starts_at.astimezone(BRUSSELS).date() - timedelta(days=1)
    return {"eve": datetime.combine(local_day, EVENING, BRUSSELS).astimezone(UTC),
            "soon": starts_at - SOON}
