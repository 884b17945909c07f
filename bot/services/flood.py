"""Flood control: someone who sends more than `limit` messages within `window` gets one polite
line and a short pause; what they send in the pause gets nothing and changes nothing. Never a
block: the pause ends by itself. Time is the update's own (the injected clock), so simulate and
Telegram behave alike.

Written here rather than taken from a rate-limiting library: those read the system clock (or
run a background leaker per bucket), and the injected clock, the one warning and the quiet
pause are what matter here; the counting itself is a few lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

Verdict = Literal["ok", "warn", "quiet"]
# Above this many people tracked, those quiet for a whole window are forgotten.
TRACKED = 10_000


@dataclass
class FloodGuard:
    """Per person (a channel and a user id), in this process's memory: the times of their
    recent messages in a list (a deque would take ten times the memory, for lists of at most
    `limit` + 1 times)."""

    limit: int = 20
    window: timedelta = timedelta(seconds=10)
    pause: timedelta = timedelta(seconds=30)
    _recent: dict[tuple[str, str], list[datetime]] = field(default_factory=dict, repr=False)
    _paused: dict[tuple[str, str], datetime] = field(default_factory=dict, repr=False)

    def check(self, who: tuple[str, str], now: datetime) -> Verdict:
        """One message from `who` at `now`: ok, the one warning (the pause starts), or quiet."""
        if self.limit <= 0:
            return "ok"
        until = self._paused.get(who)
        if until is not None:
            if now < until:
                return "quiet"
            del self._paused[who]
        recent = self._recent.setdefault(who, [])
        recent.append(now)
        gone, since = 0, now - self.window
        while gone < len(recent) and recent[gone] <= since:
            gone += 1
        del recent[:gone]
        if len(recent) > self.limit:
            recent.clear()
            self._paused[who] = now + self.pause
            return "warn"
        if len(self._recent) > TRACKED:
            self._forget_quiet(now)
        return "ok"

    def _forget_quiet(self, now: datetime) -> None:
        self._recent = {who: times for who, times in self._recent.items()
                        if times and times[-1] > now - self.window}
        self._paused = {who: until for who, until in self._paused.items() if until > now}
