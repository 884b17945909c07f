"""A calendar date, typed as day-month-year in any script's digits."""

from __future__ import annotations

import re
from datetime import date

from bot.flows.content import StepSpec
from bot.flows.steps.base import Accepted, Outcome, Rejected, Rendered, Reply, StepContext
from bot.i18n.numbers import normalize_digits

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date | None:
    """'24-11-2026', '24/11/2026', '24.11.2026' or '2026-11-24', in any digits."""
    cleaned = normalize_digits(text).strip()
    if match := _DAY_FIRST.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx._(step.prompt))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        value = parse_date(reply.text) if reply.choice is None else None
        if value is None:
            return Rejected(ctx._("Please type a date as day-month-year, for example 24-11-2026."))
        return Accepted(value.isoformat())
