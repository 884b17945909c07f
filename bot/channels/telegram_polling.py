"""Long polling that acknowledges an update only once it is handled and committed.

Telegram keeps every update until a getUpdates call carries an offset past it. The updates of
a batch are handled at the same time (one person's in order), and the offset moves past an
update only when it and every earlier one are done, so a crash loses nothing: what was not
acknowledged comes again, and the core recognises what it had already handled."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import (
    TelegramConflictError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates
from aiogram.types import Update

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
# An update whose handling keeps failing (the database is away) is tried this often, with
# growing pauses, before it is given up so the updates behind it can go on.
TRIES = 6
MAX_PAUSE = 30.0


class AnotherPoller(Exception):
    """Telegram answered 409: another process is polling this bot's updates."""


class Poller:
    """Fetches updates and hands each to `process`, which returns once it is committed."""

    def __init__(self, bot: Bot, process: Callable[[Update], Awaitable[None]], *,
                 timeout: int = 25, limit: int = 100) -> None:
        self.bot = bot
        self.process = process
        self.timeout = timeout
        self.limit = limit
        self._in_flight: dict[int, asyncio.Task[None]] = {}  # by update id, oldest first
        self._last_person_task: dict[int, asyncio.Task[None]] = {}
        self._last_seen: int | None = None

    def acknowledged(self) -> int | None:
        """The offset to send: the oldest update still in flight, or the one after the last."""
        while self._in_flight:
            oldest = next(iter(self._in_flight))
            if not self._in_flight[oldest].done():
                return oldest
            del self._in_flight[oldest]
        return None if self._last_seen is None else self._last_seen + 1

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; then finish the updates in flight and acknowledge them.
        Raises AnotherPoller if another process polls the same token."""
        pause = 1.0
        try:
            while not stop.is_set():
                offset = self.acknowledged()
                try:
                    updates = await self._fetch(offset, stop)
                except (TelegramConflictError, TelegramUnauthorizedError):
                    raise
                except TelegramRetryAfter as error:
                    await _wait(stop, error.retry_after)
                    continue
                except Exception as error:
                    log.warning("getUpdates failed (%r); trying again in %.0f s", error, pause)
                    await _wait(stop, pause)
                    pause = min(pause * 2, MAX_PAUSE)
                    continue
                pause = 1.0
                if updates is None:  # stopping
                    break
                fresh = [u for u in updates
                         if self._last_seen is None or u.update_id > self._last_seen]
                for update in fresh:
                    self._start(update)
                if not fresh and self._in_flight:
                    # Only updates in flight came back: fetch again once the oldest is done.
                    oldest = self._in_flight[next(iter(self._in_flight))]
                    await _wait(stop, 0.5, oldest)
        except TelegramConflictError as error:
            raise AnotherPoller(error.message) from error
        finally:
            await self._finish()

    async def _fetch(self, offset: int | None, stop: asyncio.Event) -> list[Update] | None:
        # Return at once while updates are in flight: Telegram answers with them at once anyway.
        timeout = 0 if self._in_flight else self.timeout
        request = asyncio.ensure_future(self.bot(
            GetUpdates(offset=offset, limit=self.limit, timeout=timeout,
                       allowed_updates=ALLOWED_UPDATES),
            request_timeout=timeout + 10))
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait([request, stopping], return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not request.done():
            # Nothing it brings is acknowledged, so Telegram sends it again after a restart.
            request.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await request
            return None
        return request.result()

    def _start(self, update: Update) -> None:
        self._last_seen = update.update_id
        person = _sender(update)
        before = self._last_person_task.get(person) if person is not None else None
        task = asyncio.ensure_future(self._handle(update, before))
        self._in_flight[update.update_id] = task
        if person is not None:
            self._last_person_task[person] = task
            task.add_done_callback(lambda done: self._forget(person, done))

    def _forget(self, person: int, task: asyncio.Task[None]) -> None:
        if self._last_person_task.get(person) is task:
            del self._last_person_task[person]

    async def _handle(self, update: Update, before: asyncio.Task[None] | None) -> None:
        if before is not None:
            # One person's updates in the order they wrote them.
            await asyncio.wait([before])
        pause = 1.0
        for attempt in range(1, TRIES + 1):
            try:
                await self.process(update)
                return
            except Exception:
                if attempt == TRIES:
                    log.exception("update %s failed %d times; giving it up",
                                  update.update_id, TRIES)
                    return
                log.exception("update %s failed; trying again in %.0f s", update.update_id,
                              pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)

    async def _finish(self) -> None:
        """Finish what is in flight and tell Telegram, so nothing handled comes back."""
        if self._in_flight:
            await asyncio.wait(list(self._in_flight.values()))
        offset = self.acknowledged()
        if offset is None:
            return
        for _attempt in range(3):
            try:
                # limit=1, timeout=0: only the acknowledgement matters; what it returns is not
                # acknowledged and comes again to the next process.
                await self.bot(GetUpdates(offset=offset, limit=1, timeout=0,
                                          allowed_updates=ALLOWED_UPDATES), request_timeout=10)
                return
            except TelegramConflictError:
                # The long poll just given up may still be held on Telegram's side a moment.
                await asyncio.sleep(0.2)
            except Exception as error:
                log.info("could not acknowledge the last updates (%r); they come again and "
                         "are recognised", error)
                return


def _sender(update: Update) -> int | None:
    if update.message is not None and update.message.from_user is not None:
        return update.message.from_user.id
    if update.callback_query is not None:
        return update.callback_query.from_user.id
    return None


async def _wait(stop: asyncio.Event, seconds: float,
                also: asyncio.Future[None] | None = None) -> None:
    """Sleep up to `seconds`, waking early when stopping (or when `also` is done)."""
    waiters: list[asyncio.Future[object]] = [asyncio.ensure_future(stop.wait())]
    if also is not None:
        waiters.append(also)  # type: ignore[arg-type]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiters[0].cancel()
