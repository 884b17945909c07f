"""Sending rates a channel allows: so many messages in any second for all chats together, and
one per so long to one chat.

The overall limit is a sliding window (at most `total` sends in any second), the way a server
that counts "30 a second" checks it: a send waits for the one `total` sends before it to
leave the window, so several may go at once and a late wake-up is not carried over to the
next send. (A leaky bucket, as aiolimiter has, either lets a full bucket and a second's rate
through in the first second, or, with room for one, falls behind after every late wake-up.)
The window is counted SLACK longer than the limit, so a send that reaches the server a little
sooner or later than planned is still within it.

Two lanes share the window. Bulk sends (the outbox) take turns for a free place. Direct
replies (a person is waiting) do not queue behind them: while bulk sends are in the window
they wait only for the next free place; with none there, they are not held at all (nor by
their chat's pace: they answer what the person just wrote). Both are counted, so the bulk
leaves room for the replies."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# The window is counted this much longer than the limit (0.5 %: 5 ms in a second).
SLACK = 0.005
# Bulk sends are at least this part of 1/total seconds apart.
SPREAD = 0.75
# A bulk send that finds a reply waiting for the same place looks again this much later.
YIELD_SECONDS = 0.001
# Chats whose pace is remembered, at most; older entries are dropped once past.
CHATS_REMEMBERED = 10_000


class _Window:
    """When sends happened, for as long as they count."""

    def __init__(self, count: int, seconds: float) -> None:
        self.count = count
        self.seconds = seconds
        self.times: deque[float] = deque()

    def ready_at(self, now: float) -> float:
        """When the next send fits: now, or when the send `count` places back leaves."""
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()
        if len(self.times) < self.count:
            return now
        return self.times[-self.count] + self.seconds

    def add(self, now: float) -> None:
        self.times.append(now)


class RateLimiter:
    """At most `total` sends per second overall and `per_chat` per second to one chat; zero
    means no limit."""

    def __init__(
        self,
        total: float,
        per_chat: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limited = total > 0
        # A second, or longer for a rate below one a second (0.5/s: one in any two seconds).
        seconds = max(1.0, 1.0 / total) if total > 0 else 1.0
        count = max(1, round(total * seconds)) if total > 0 else 1
        self._everything = _Window(count, seconds * (1 + SLACK))
        self._bulk = _Window(count, seconds * (1 + SLACK))
        self._gap_chat = (1.0 + SLACK) / per_chat if per_chat > 0 else 0.0
        self._monotonic = monotonic
        self._sleep = sleep
        self._paused_until = 0.0
        self._next_chat: dict[str, float] = {}
        self._turn = asyncio.Lock()  # bulk sends take their places one after the other
        self._urgent_waiting = 0
        # Bulk sends are also spread over the second instead of going in bursts, so a reply
        # never waits long for a place; a little closer than the rate, so the window decides.
        self._bulk_gap = SPREAD / total if total > 0 else 0.0
        self._next_bulk = 0.0

    def chat_ready(self, chat: str) -> bool:
        """Whether this chat may get a message now; the sender leaves it for later if not."""
        return self._next_chat.get(chat, 0.0) <= self._monotonic()

    async def acquire(self, chat: str, *, urgent: bool = False) -> None:
        """Wait for a place in the overall window, then take it and the chat's slot. `urgent`:
        a direct reply, which waits only for bulk sends."""
        if not self._limited:
            self._take(chat, self._monotonic(), urgent)
            return
        if urgent:
            # While bulk sends are under way, it keeps to the window too, ahead of them.
            self._urgent_waiting += 1
            try:
                while (ready := self._urgent_ready_at(now := self._monotonic())) > now:
                    await self._sleep(ready - now)
            finally:
                self._urgent_waiting -= 1
            self._take(chat, now, urgent)
            return
        async with self._turn:
            while True:
                now = self._monotonic()
                ready = max(self._everything.ready_at(now), self._paused_until,
                            self._next_bulk)
                if ready <= now and not self._urgent_waiting:
                    break
                # A reply waiting for the same place gets it first.
                await self._sleep(max(ready - now, YIELD_SECONDS))
            self._next_bulk = now + self._bulk_gap
            self._take(chat, now, urgent)

    def _urgent_ready_at(self, now: float) -> float:
        if self._bulk.ready_at(now) == now and not self._bulk.times:
            return now  # no bulk send in the window: replies alone are not held
        return self._everything.ready_at(now)

    def _take(self, chat: str, now: float, urgent: bool) -> None:
        if self._limited:
            self._everything.add(now)
            if not urgent:
                self._bulk.add(now)
        if self._gap_chat and not urgent:
            self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), now) + self._gap_chat
            if len(self._next_chat) > CHATS_REMEMBERED:
                self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}

    def pause(self, seconds: float, chat: str | None = None) -> None:
        """Telegram said 'retry after': hold that chat, or every bulk send, for so long."""
        until = self._monotonic() + seconds
        if chat is None:
            self._paused_until = max(self._paused_until, until)
        else:
            self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), until)

