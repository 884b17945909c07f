"""Dates, times, numbers and durations in the reader's language, always in Brussels time.

Every place that shows a date or a number to a person goes through here, so each language gets
its own month names, word order and separators from Babel's locale data ("maandag 3 maart
2027, 14:00", "الاثنين، 3 مارس 2027، 14:00", "3 Mart 2027 Çarşamba, 14:00").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.numbers import format_decimal

BRUSSELS = ZoneInfo("Europe/Brussels")
FALLBACK = "en_BE"

# Dari is the Persian of Afghanistan; CLDR has it as fa_AF (no `prs`).
_REGIONS = {"fa": "fa_AF", "prs": "fa_AF"}
# Belgium writes the time on a 24-hour clock, on letters, signs and appointment cards; the
# bot shows the same so the person recognises it.
_TIME = "HH:mm"
# The year, with what belongs to it ("'de' y" in Spanish, "y 'г'." in Russian), in a
# locale's full date pattern: removed for a date within the year shown ("maandag 3 maart").
_YEAR = re.compile(r"(\s*'de')?[\s,،፣]*\by+\b(\s*'[^']*'\.?)?")


@lru_cache(maxsize=64)
def locale_for(code: str | None) -> str:
    """The Babel locale for a language code: the Belgian variant where Babel has one (nl_BE,
    fr_BE, en_BE), Dari as fa_AF; English of Belgium for an unknown code."""
    raw = (code or "").replace("-", "_")
    base = raw.split("_")[0].lower()
    if base in _REGIONS and "_" not in raw:
        return _REGIONS[base]
    candidates = [raw] if "_" in raw else [f"{base}_BE", base]
    for candidate in candidates:
        try:
            return str(Locale.parse(candidate))
        except (UnknownLocaleError, ValueError):
            continue
    return FALLBACK


def _locale(code: str | None) -> Locale:
    return Locale.parse(locale_for(code))


def _local(moment: datetime) -> datetime:
    return moment.astimezone(BRUSSELS)


def _pattern(code: str | None, *, year: bool) -> str:
    """The locale's full date pattern (weekday, day, month name, year), with or without year."""
    pattern = str(_locale(code).date_formats["full"].pattern)
    # Brug's English says "Monday 5 January 2026", as its texts always have.
    pattern = pattern.replace("EEEE, d", "EEEE d") if locale_for(code) == FALLBACK else pattern
    return pattern if year else _YEAR.sub("", pattern).strip(" ,،")


def long_date(day: date | datetime, code: str | None) -> str:
    """'3 maart 2027': a day without its weekday."""
    day = _local(day).date() if isinstance(day, datetime) else day
    return format_date(day, "long", locale=locale_for(code))


def full_date(day: date | datetime, code: str | None, *, year: bool = True) -> str:
    """'maandag 3 maart 2027' ('maandag 3 maart' without the year)."""
    day = _local(day).date() if isinstance(day, datetime) else day
    return format_date(day, _pattern(code, year=year), locale=locale_for(code))


def short_date(day: date | datetime, code: str | None) -> str:
    """'ma 3 mrt': a day in a list, weekday and month shortened."""
    day = _local(day).date() if isinstance(day, datetime) else day
    return format_skeleton("MMMEd", day, locale=locale_for(code))


def typed_date(moment: datetime) -> str:
    """'03-03-2027': a day in Brussels as a person types it (day-month-year), any language."""
    return _local(moment).strftime("%d-%m-%Y")


def time_of_day(moment: datetime, code: str | None) -> str:
    """'14:00' in Brussels."""
    return format_time(moment, _TIME, tzinfo=BRUSSELS, locale=locale_for(code))


def _joined(day: str, time: str, code: str | None) -> str:
    # The locale's own way of joining a date and a time ("{1}, {0}", "{1}، ساعت {0}").
    joiner = str(_locale(code).datetime_formats["full"])
    return joiner.replace("{1}", day).replace("{0}", time)


def date_time(moment: datetime, code: str | None, *, year: bool = True) -> str:
    """'maandag 3 maart 2027, 14:00' in Brussels time."""
    return _joined(full_date(moment, code, year=year), time_of_day(moment, code), code)


def long_date_time(moment: datetime, code: str | None) -> str:
    """'3 maart 2027, 14:00': a moment in a record, without its weekday."""
    return _joined(long_date(moment, code), time_of_day(moment, code), code)


def short_date_time(moment: datetime, code: str | None) -> str:
    """'3 mrt, 14:00': a moment in a list or on a button."""
    day = format_skeleton("MMMd", _local(moment).date(), locale=locale_for(code))
    return _joined(day, time_of_day(moment, code), code)


def day_month_time(moment: datetime, code: str | None) -> str:
    """'3 maart, 14:00': a recent moment, the year understood."""
    day = format_skeleton("MMMMd", _local(moment).date(), locale=locale_for(code))
    return _joined(day, time_of_day(moment, code), code)


def weekday_time(moment: datetime, code: str | None) -> str:
    """'maandag 14:00': a moment within the coming week."""
    weekday = format_date(_local(moment).date(), "EEEE", locale=locale_for(code))
    return f"{weekday} {time_of_day(moment, code)}"


def number(value: float, code: str | None) -> str:
    """'1.234,5' in Dutch, '1,234.5' in English: Latin digits, as on the buttons and in dates."""
    return format_decimal(value, locale=locale_for(code), numbering_system="latn")


def duration(delta: timedelta, code: str | None) -> str:
    """'2 uur', '3 days': a length of time, rounded as people say it."""
    return format_timedelta(delta, locale=locale_for(code))
