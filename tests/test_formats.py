"""Dates, times and numbers in each language, always in Brussels time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.i18n import formats

# 13:00 UTC on Wednesday 3 March 2027 is 14:00 in Brussels (winter time); 12:00 UTC on
# 1 July is 14:00 too (summer time).
WINTER = datetime(2027, 3, 3, 13, 0, tzinfo=UTC)
SUMMER = datetime(2027, 7, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("code", "locale"), [
    ("nl", "nl_BE"), ("fr", "fr_BE"), ("en", "en_BE"), ("ar", "ar"), ("fa_AF", "fa_AF"),
    ("fa", "fa_AF"), ("prs", "fa_AF"), ("ps", "ps"), ("ti", "ti"), ("so", "so"), ("uk", "uk"),
    ("ru", "ru"), ("tr", "tr"), ("es", "es"), ("nl-BE", "nl_BE"), ("xx", "en_BE"), (None, "en_BE"),
])
def test_each_language_gets_its_babel_locale(code: str | None, locale: str) -> None:
    assert formats.locale_for(code) == locale


@pytest.mark.parametrize(("code", "expected"), [
    ("nl", "woensdag 3 maart 2027, 14:00"),
    ("en", "Wednesday 3 March 2027, 14:00"),
    ("fr", "mercredi 3 mars 2027, 14:00"),
    ("ar", "الأربعاء، 3 مارس 2027، 14:00"),
    ("fa_AF", "چهارشنبه 3 مارچ 2027، ساعت 14:00"),
    ("ru", "среда, 3 марта 2027\u202fг., 14:00"),
    ("uk", "середа, 3 березня 2027\u202fр., 14:00"),
    ("tr", "3 Mart 2027 Çarşamba 14:00"),
    ("es", "miércoles, 3 de marzo de 2027, 14:00"),
    ("ti", "ረቡዕ፣ 3 መጋቢት 2027 14:00"),
])
def test_a_moment_in_each_language(code: str, expected: str) -> None:
    assert formats.date_time(WINTER, code) == expected


def test_brussels_time_in_winter_and_in_summer() -> None:
    assert formats.time_of_day(WINTER, "nl") == "14:00"
    assert formats.time_of_day(SUMMER, "ar") == "14:00"
    # 23:30 UTC on 30 June is already 1 July in Brussels.
    late = datetime(2027, 6, 30, 23, 30, tzinfo=UTC)
    assert formats.long_date(late, "nl") == "1 juli 2027"


def test_days_and_short_moments() -> None:
    day = date(2027, 3, 3)
    assert formats.long_date(day, "nl") == "3 maart 2027"
    assert formats.long_date(day, "ru") == "3 марта 2027\u202fг."
    assert formats.full_date(day, "nl", year=False) == "woensdag 3 maart"
    assert formats.full_date(day, "es", year=False) == "miércoles, 3 de marzo"
    assert formats.full_date(day, "ru", year=False) == "среда, 3 марта"
    assert formats.short_date(day, "nl") == "wo 3 mrt"
    assert formats.short_date_time(WINTER, "nl") == "3 mrt, 14:00"
    assert formats.day_month_time(WINTER, "en") == "3 March, 14:00"
    assert formats.weekday_time(WINTER, "fr") == "mercredi 14:00"


def test_numbers_and_durations() -> None:
    assert formats.number(1234.5, "nl") == "1.234,5"
    assert formats.number(1234.5, "fr") == "1\u202f234,5"
    assert formats.number(1234.5, "ar") == "1,234.5"
    # Latin digits in Dari too, as in its dates and on the buttons.
    assert formats.number(1234.5, "fa_AF") == "1,234.5"
    assert formats.duration(timedelta(hours=1), "nl") == "1 uur"
    assert formats.duration(timedelta(hours=2), "ru") == "2 часа"
