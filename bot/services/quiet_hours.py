"""Quiet hours: a coach's hours (Brussels time, such as "20:00-08:00") in which nothing but an
urgent request reaches them; what else is for them waits in the outbox until the hours end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Connection

from bot.i18n.formats import BRUSSELS
from bot.storage import coach_desk

_FORMAT = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*[-–]\s*(\d{1,2})[:.h](\d{2})\s*$")


@dataclass(frozen=True)
class QuietHours:
    """From `start` to `end`, every day, Brussels time; past midnight when end <= start."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """'20:00-08:00' (or 20.00-08.00, 20h00-08h00); a ValueError if it is not that."""
        found = _FORMAT.match(text)
        if not found:
            raise ValueError(f"quiet hours look like '20:00-08:00', not {text!r}")
        hours = [int(found[i]) for i in (1, 2, 3, 4)]
        if hours[0] > 23 or hours[2] > 23 or hours[1] > 59 or hours[3] > 59 \
                or hours[:2] == hours[2:]:
            raise ValueError(f"not a span of the day: {text!r}")
        return cls(time(hours[0], hours[1]), time(hours[2], hours[3]))

    @classmethod
    def of(cls, desk: coach_desk.Desk) -> QuietHours | None:
        if not desk.quiet_from or not desk.quiet_until:
            return None
        return cls.parse(f"{desk.quiet_from}-{desk.quiet_until}")

    def text(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def ends(self, now: datetime) -> datetime | None:
        """When the quiet hours that hold `now` end (aware, UTC); None outside them."""
        local = now.astimezone(BRUSSELS)
        clock = local.time()
        if self.start < self.end:
            inside = self.start <= clock < self.end
        else:
            inside = clock >= self.start or clock < self.end
        if not inside:
            return None
        day = local.date() if clock < self.end else local.date() + timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=BRUSSELS).astimezone(UTC)


def held_until(conn: Connection, user_id: int, now: datetime) -> datetime | None:
    """When a message that is not urgent may reach this person: the end of their quiet hours,
    or None when it may go now."""
    hours = coach_desk.quiet_of(conn, user_id)
    return None if hours is None else QuietHours.parse("-".join(hours)).ends(now)


def due_for(conn: Connection, user_id: int, now: datetime, *, urgent: bool = False) -> datetime:
    """When the outbox may send a message to this person."""
    if urgent:
        return now
    return held_until(conn, user_id, now) or now
