"""A calendar date, typed as day-month-year in any script's digits."""

from __future__ import annotations

import re
from datetime import date

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Outcome, Rejected, Rendered, Reply, StepContext
from bot.i18n import formats
from bot.i18n.numbers import normalize_digits
from bot.types import Option

# ASCII digits only: normalize_digits has made every script's digits ASCII.
_DAY_FIRST = re.compile(r"^([0-9]{1,2})[-/. ]([0-9]{1,2})[-/. ]([0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
# Dates a person could mean. Far from Python's limits (years 1 and 9999), so that a
# reminder months after a date, or a check-in after a first workday, is still a date.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


def parse_date(text: str) -> date | None:
    """'24-11-2026', '24/11/2026', '24.11.2026' or '2026-11-24', in any digits; None for
    anything else, including dates before 1900 or after 2199."""
    cleaned = normalize_digits(text).strip()
    if match := _DAY_FIRST.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if EARLIEST <= value <= LATEST else None


CONFIRM = "confirm"


class DateStep:
    """A date; with `expect: future`, a date that has passed is questioned once, not refused."""

    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        if ctx.pending:
            when = formats.long_date(date.fromisoformat(ctx.pending), ctx.translator.code)
            return Rendered(
                ctx._("{date} has passed. Is this date right? Tap Yes, or type the right "
                      "date.").format(date=when),
                (Option(CONFIRM, ctx._("Yes, this date is right")),),
            )
        return Rendered(ctx.prompt(step))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        if ctx.pending and reply.choice == CONFIRM:
            return Accepted(ctx.pending)
        value = parse_date(reply.text) if reply.choice is None else None
        if value is None:
            return Rejected(ctx._("Please type a date as day-month-year, for example 24-11-2026."))
        passed = step.expect == "future" and ctx.today is not None and value < ctx.today
        if passed and ctx.pending != value.isoformat():
            return Accepted(value.isoformat(), final=False)
        return Accepted(value.isoformat())
