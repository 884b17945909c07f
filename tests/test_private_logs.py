"""Logs carry ids and timings only: what people write, what Brug answers, the text behind a
failing update and the bot's token never appear, at any level, on Telegram as in simulate."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_app
from bot.channels.telegram import TelegramChannel, make_bot
from bot.channels.telegram_polling import Poller
from bot.clock import SystemClock
from bot.config import Settings
from bot.flows.conversation import Conversation
from bot.log_setup import DATE_FORMAT, FORMAT, UtcFormatter
from bot.types import Incoming
from tests.fake_telegram.server import FakeTelegram
from tests.harness import Session
from tests.readiness import free_port

Captured = logging.StreamHandler[io.StringIO]

CHAT = 7301
SECRET_WORDS = "my residence card number is QX-80412"
CRASHING = "the word that breaks it is ZEPHYRINE"


@pytest.fixture
def captured(request: pytest.FixtureRequest) -> Iterator[Captured]:
    """Everything logged at DEBUG, formatted as `brug` formats it (with the token named as a
    secret, as `brug` does from BRUG_TELEGRAM_TOKEN)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    secrets = tuple(getattr(request, "param", ()))
    handler.setFormatter(UtcFormatter(FORMAT, DATE_FORMAT, secrets))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def failing_on(word: str, conversation: Conversation) -> Any:
    """The conversation's handler, failing (with the person's text in the error, as a careless
    exception would have it) on a message holding `word`."""
    handle = conversation.handle

    def failing(user: Any, incoming: Incoming, lookup: Any) -> Any:
        if word in incoming.text:
            raise ValueError(f"could not read {incoming.text!r}")
        return handle(user, incoming, lookup)
    return failing


async def test_simulate_logs_neither_the_words_nor_the_failing_text(
    captured: Captured, database: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = await Session.open(database)
    try:
        monkeypatch.setattr(session.app.conversation, "handle",
                            failing_on("ZEPHYRINE", session.app.conversation))
        await session.onboard("amal")
        said = await session.say("amal", SECRET_WORDS, update_id=41)
        [error] = await session.say("amal", CRASHING, update_id=42)
        assert "could not be handled" in error["error"]
    finally:
        await session.close()
    log = captured.stream.getvalue()
    assert "ValueError (message not logged)" in log and "Traceback" in log
    assert "update channel=simulate user=amal update_id=42 kind=text" in log
    for text in ("QX-80412", "residence", "ZEPHYRINE", said[-1]["text"][:30]):
        assert text not in log, text


@pytest.mark.parametrize("captured", [("123456:TOKEN-never-logged-b7Qk",)], indirect=True)
async def test_a_token_in_an_error_is_never_logged(captured: Captured) -> None:
    """aiohttp's and aiogram's errors may carry the URL, which holds the token."""
    token = "123456:TOKEN-never-logged-b7Qk"
    bot = make_bot(Settings(telegram_token=token,
                            telegram_api_base=f"http://127.0.0.1:{free_port()}"))
    try:
        with pytest.raises(Exception) as failure:
            await bot.get_me()
    finally:
        await bot.session.close()
    logging.getLogger("bot.channels.telegram").warning(
        "getMe failed (%r) at %s", failure.value, f"/bot{token}/getMe")
    logging.getLogger("aiohttp.client").error("request failed", exc_info=failure.value)
    log = captured.stream.getvalue()
    assert "getMe failed" in log and "[secret]" in log
    assert token not in log and "TOKEN-never-logged" not in log


async def test_telegram_logs_neither_the_words_nor_the_token_when_an_update_fails(
    fake_telegram: FakeTelegram, tmp_path: Path, captured: Captured,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings(telegram_token=fake_telegram.token,
                        telegram_api_base=fake_telegram.api_base)
    app = await build_app(settings, SystemClock(), f"sqlite:///{tmp_path / 'b.db'}")
    monkeypatch.setattr(app.conversation, "handle", failing_on("ZEPHYRINE", app.conversation))
    captured.setFormatter(UtcFormatter(FORMAT, DATE_FORMAT, (fake_telegram.token,)))
    bot = make_bot(settings)
    channel = TelegramChannel(app, bot)
    stop = asyncio.Event()
    task = asyncio.create_task(Poller(bot, channel.process, timeout=1).run(stop))
    try:
        await fake_telegram.send_text(CHAT, "/start")
        await fake_telegram.wait_for_messages(CHAT, 1, timeout=60)
        await fake_telegram.send_text(CHAT, SECRET_WORDS)
        await fake_telegram.wait_for_messages(CHAT, 2, timeout=60)
        await fake_telegram.send_text(CHAT, CRASHING)
        await fake_telegram.wait_for(lambda: "failed" in captured.stream.getvalue(), timeout=60)
    finally:
        # The failing update would be tried again for a while: stop at once instead.
        stop.set()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await channel.flush()
        await bot.session.close()
        await app.close()
    log = captured.stream.getvalue()
    assert "ValueError (message not logged)" in log
    assert "kind=text" in log
    for text in ("QX-80412", "residence", "ZEPHYRINE", fake_telegram.token,
                 fake_telegram.token.split(":")[1]):
        assert text not in log, text

