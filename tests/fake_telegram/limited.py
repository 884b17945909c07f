"""A transport for the outbox sender that behaves like Telegram's limits: each call takes
`latency`, and a message is refused with 429 (retry after a second) if its chat got one less
than a second before, or if `total` messages were taken in the second before it. It runs in
the caller's event loop and keeps what it took, so a test sees every message and every
refusal."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.services.outbox import RetryAfter
from bot.types import Outgoing


@dataclass
class LimitedTransport:
    latency: float = 0.05
    total: int = 30  # messages in any second, all chats together
    chat_seconds: float = 1.0  # at least this long between two messages to one chat
    monotonic: Callable[[], float] = time.monotonic
    delivered: dict[str, list[str]] = field(default_factory=dict)  # chat: texts, in order
    taken: list[tuple[str, float]] = field(default_factory=list)  # chat, when; in order
    refused: list[tuple[str, str]] = field(default_factory=list)  # chat, why
    _window: deque[float] = field(default_factory=deque)
    _last: dict[str, float] = field(default_factory=dict)
    in_flight: int = 0
    most_in_flight: int = 0

    async def deliver(self, chat: str, message: Outgoing) -> None:
        # Counted when the call arrives; the answer comes after the round trip either way.
        now = self.monotonic()
        why = self._refusal(chat, now)
        if why is None:
            self._window.append(now)
            self._last[chat] = now
            self.taken.append((chat, now))
            self.delivered.setdefault(chat, []).append(message.text)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.latency)
        finally:
            self.in_flight -= 1
        if why is not None:
            self.refused.append((chat, why))
            raise RetryAfter(1)

    def _refusal(self, chat: str, now: float) -> str | None:
        last = self._last.get(chat)
        if last is not None and now - last < self.chat_seconds:
            return "a second message to the chat within a second"
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        if len(self._window) >= self.total:
            return f"more than {self.total} messages in a second"
        return None
