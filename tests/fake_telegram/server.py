"""Pytest fixtures for the fake Telegram Bot API server (``launcher.js`` in this folder).

``fake_telegram_server`` starts one node process per test session; ``fake_telegram`` hands each
test a view of it with a fresh bot token, so tests never see each other's messages.

Point aiogram at it with::

    session = AiohttpSession(api=TelegramAPIServer.from_base(fake_telegram.api_base))
    bot = Bot(fake_telegram.token, session=session)

The helpers are async because the bot under test usually runs in the same event loop:
a blocking HTTP call from the test would stall the bot it is waiting for.
"""

from __future__ import annotations

import asyncio
import collections
import inspect
import itertools
import os
import random
import shutil
import socket
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import aiohttp
import pytest

HERE = Path(__file__).resolve().parent
_token_ids = itertools.count(random.randint(10_000_000, 90_000_000))


class FakeTelegramError(RuntimeError):
    """The fake server could not start, or refused a fake-user request."""


def new_token() -> str:
    # aiogram only accepts "<digits>:<secret>"; the digits become the bot's user id.
    return f"{next(_token_ids)}:FAKE{uuid.uuid4().hex}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FakeTelegram:
    """A running fake server (after ``start()``) seen through one bot token."""

    def __init__(self, token: str | None = None, *, api_base: str | None = None) -> None:
        self.token = token or new_token()
        self.api_base = api_base or ""  # set by start(), or pass one to attach to a running server
        self._proc: subprocess.Popen[str] | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=50)
        self._drains: list[threading.Thread] = []

    # ---- process ---------------------------------------------------------------------------
    def start(self, startup_timeout: float = 10.0) -> FakeTelegram:
        if not (HERE / "node_modules" / "telegram-test-api").is_dir():
            raise FakeTelegramError(
                f"{HERE / 'node_modules'} is missing: run `npm ci` in {HERE} first"
            )
        node = os.environ.get("FAKE_TG_NODE") or shutil.which("node")
        if not node:
            raise FakeTelegramError("node (Node.js 20) is not on PATH; set FAKE_TG_NODE")
        # The port is picked here and bound by node a moment later: retry if someone took it.
        for _attempt in range(3):
            port = _free_port()
            if self._spawn(node, port, startup_timeout):
                self.api_base = f"http://127.0.0.1:{port}"
                return self
        raise FakeTelegramError("fake Telegram server did not start:\n" + "".join(self._stderr))

    def _spawn(self, node: str, port: int, timeout: float) -> bool:
        proc = subprocess.Popen(
            [node, str(HERE / "launcher.js"), str(port), "--exit-on-stdin-close"],
            cwd=HERE,
            stdin=subprocess.PIPE,  # closed when this process dies, so node exits with it
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        settled = threading.Event()  # READY seen, or stdout closed because node ended
        ready = []

        def drain(stream: Any, is_stdout: bool) -> None:  # keep pipes from filling up
            for line in stream:
                if is_stdout and line.strip() == f"READY {port}":
                    ready.append(True)
                    settled.set()
                elif not is_stdout:
                    self._stderr.append(line)
            if is_stdout:
                settled.set()

        self._drains = [
            threading.Thread(target=drain, args=(stream, is_stdout), daemon=True)
            for stream, is_stdout in ((proc.stdout, True), (proc.stderr, False))
        ]
        for thread in self._drains:
            thread.start()
        self._proc = proc
        if settled.wait(timeout) and ready:
            return True
        self.stop()
        return False

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()  # SIGTERM: the launcher answers held polls and exits
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for thread in self._drains:  # they end at EOF, now that node is gone
            thread.join(timeout=5)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream:
                stream.close()

    def __enter__(self) -> FakeTelegram:
        return self if self.api_base else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def with_token(self, token: str | None = None) -> FakeTelegram:
        """Another view of the same server with its own (by default new) bot token."""
        if not self.api_base:
            raise FakeTelegramError("server not started")
        return FakeTelegram(token, api_base=self.api_base)

    # ---- fake user -------------------------------------------------------------------------
    async def _call(self, route: str, **payload: Any) -> dict[str, Any]:
        # Every fake-user route answers an object; the tests check its contents.
        body = {"token": self.token, **{k: v for k, v in payload.items() if v is not None}}
        # A session per call: nothing bound to one test's event loop outlives it.
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.api_base + route, json=body) as response,
        ):
            data = await response.json(content_type=None)
        if not data.get("ok"):
            raise FakeTelegramError(f"{route}: {data.get('description')}")
        return cast(dict[str, Any], data["result"])

    @staticmethod
    def _user(
        chat_id: int, language_code: str, first_name: str, user_id: int | None, username: str | None
    ) -> dict[str, Any]:
        return {
            "chatId": chat_id,
            "languageCode": language_code,
            "firstName": first_name,
            "userId": user_id,
            "username": username,
        }

    async def send_text(
        self,
        chat_id: int,
        text: str,
        language_code: str = "en",
        first_name: str = "Test",
        *,
        user_id: int | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """The user types ``text``. Returns the update the bot will get."""
        user = self._user(chat_id, language_code, first_name, user_id, username)
        return await self._call("/sendMessage", text=text, **user)

    async def send_command(
        self,
        chat_id: int,
        command: str,
        payload: str | None = None,
        language_code: str = "en",
        first_name: str = "Test",
        *,
        user_id: int | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """``/start`` with ``payload`` is what a ``t.me/<bot>?start=<payload>`` link sends."""
        user = self._user(chat_id, language_code, first_name, user_id, username)
        command = command if command.startswith("/") else f"/{command}"
        return await self._call("/sendCommand", command=command, payload=payload, **user)

    async def press(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        language_code: str = "en",
        first_name: str = "Test",
        *,
        user_id: int | None = None,
        force: bool = False,
    ) -> dict[str, Any]:
        """Press the inline button ``callback_data`` on bot message ``message_id``.

        Fails unless that button is on the message now (``force=True`` presses a stale one).
        """
        user = self._user(chat_id, language_code, first_name, user_id, None)
        return await self._call(
            "/sendCallback", messageId=message_id, data=callback_data, force=force or None, **user
        )

    async def send_photo(
        self,
        chat_id: int,
        caption: str | None = None,
        language_code: str = "en",
        first_name: str = "Test",
        *,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._user(chat_id, language_code, first_name, user_id, None)
        return await self._call("/sendPhoto", caption=caption, **user)

    async def send_voice(
        self,
        chat_id: int,
        duration: int = 3,
        language_code: str = "en",
        first_name: str = "Test",
        *,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._user(chat_id, language_code, first_name, user_id, None)
        return await self._call("/sendVoice", duration=duration, **user)

    # ---- what the bot did ------------------------------------------------------------------
    async def inspect(self, chat_id: int | None = None) -> dict[str, Any]:
        """Everything for this token: messages, events (every call, failed ones with
        ``error``), callback_answers, commands, updates (with ``confirmed``), stats."""
        return await self._call("/inspect", chatId=chat_id)

    async def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Bot messages in the chat, oldest first, edits applied, deleted ones gone.

        Each has message_id, text (or caption/photo/...), reply_markup (as sent, any
        keyboard kind, or None), kind, raw_text, parse_mode, edit_count.
        """
        return cast(list[dict[str, Any]], (await self.inspect(chat_id))["messages"])

    async def commands(self, scope: str = "default") -> dict[str, list[dict[str, str]]]:
        """setMyCommands per language_code ("" = no language) for one scope type."""
        entries = (await self.inspect())["commands"]
        return {e["language_code"]: e["commands"] for e in entries if e["scope"]["type"] == scope}

    async def callback_answers(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        return cast(list[dict[str, Any]], (await self.inspect(chat_id))["callback_answers"])

    async def errors(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Bot API calls the fake server refused (what real Telegram would refuse too)."""
        return [e for e in (await self.inspect(chat_id))["events"] if "error" in e]

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02
    ) -> Any:
        """Poll ``predicate`` (sync or async; an AssertionError counts as "not yet") until it
        returns something truthy, and return that; TimeoutError after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            failure: AssertionError | None = None
            try:
                value = predicate()
                if inspect.isawaitable(value):
                    value = await value
                if value:
                    return value
            except AssertionError as exc:
                failure = exc
            if loop.time() >= deadline:
                raise TimeoutError(f"not met within {timeout} s: {failure or predicate}")
            await asyncio.sleep(interval)

    async def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        """Wait until the chat holds at least ``count`` bot messages; return them all."""

        async def enough() -> list[dict[str, Any]] | None:
            messages = await self.bot_messages(chat_id)
            return messages if len(messages) >= count else None

        return cast(list[dict[str, Any]], await self.wait_for(enough, timeout))


@pytest.fixture(scope="session")
def fake_telegram_server() -> Iterator[FakeTelegram]:
    """One fake server process for the test session."""
    server = FakeTelegram().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fake_telegram(fake_telegram_server: FakeTelegram) -> FakeTelegram:
    """The fake server with a bot token of its own for this test."""
    return fake_telegram_server.with_token()
