"""Sending rates a channel allows: a pace for all chats together and one per chat."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Spaces sends to at most `total` per second overall and `per_chat` per second per chat."""

    def __init__(
        self,
        total: float,
        per_chat: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._gap_total = 1.0 / total if total > 0 else 0.0
        self._gap_chat = 1.0 / per_chat if per_chat > 0 else 0.0
        self._monotonic = monotonic
        self._sleep = sleep
        self._next_any = 0.0
        self._next_chat: dict[str, float] = {}

    def chat_ready(self, chat: str) -> bool:
        """Whether this chat may get a message now; the sender leaves it for later if not."""
        return self._next_chat.get(chat, 0.0) <= self._monotonic()

    async def acquire(self, chat: str) -> None:
        """Wait for the overall pace, then take a slot for the chat."""
        now = self._monotonic()
        if self._next_any > now:
            await self._sleep(self._next_any - now)
            now = self._monotonic()
        self._next_any = now + self._gap_total
        self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), now) + self._gap_chat
        if len(self._next_chat) > 10_000:
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}

    def pause(self, seconds: float, chat: str | None = None) -> None:
        """Telegram said 'retry after': hold that chat, or everything, for so long."""
        until = self._monotonic() + seconds
        if chat is None:
            self._next_any = max(self._next_any, until)
        else:
            self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), until)
