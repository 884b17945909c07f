"""`brug run` as an operator runs it, against the fake Bot API: a clean stop delivers what is in
flight, a second poller on the same token stops at once, and the webhook refuses forged
updates and refuses to start without a proper secret."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.channels.telegram import run_telegram
from bot.config import Settings
from tests.brug_process import BrugProcess, brug_env, committed_replies, stored
from tests.fake_telegram.botapi import Failure, FakeBotApi

SECRET = "0123456789abcdefghijklmnopqrstuvwxyz-_"


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    server = await FakeBotApi().start()
    yield server
    await server.close()


def delivered(fake: FakeBotApi) -> Counter[tuple[int, str]]:
    return Counter((m["chat"]["id"], m["sent_text"]) for m in fake.sent)


async def test_sigterm_finishes_what_is_in_flight_and_delivers_its_replies(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    bot = await BrugProcess.start(brug_env(fake.token, fake.api_base, tmp_path))
    fake.latency = 0.3  # a slow Telegram: replies are on their way when the signal comes
    for person in range(1, 31):
        fake.send_text(person, "/start")
    await fake.wait_for(lambda: fake.sent)
    assert await bot.stop() == 0, bot.stderr()
    db = tmp_path / "brug.db"
    handled = [int(row[0]) for row in stored(db, "SELECT update_id FROM processed_updates")]
    assert handled
    # Everything handled was acknowledged, and every committed reply went out.
    assert fake.offset > max(handled)
    assert delivered(fake) == committed_replies(db)
    assert stored(db, "SELECT count(*) FROM outbox WHERE status != 'sent'") == [(0,)]


async def test_a_second_poller_on_the_same_token_stops_at_once(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    first = await BrugProcess.start(brug_env(fake.token, fake.api_base, tmp_path / "one"))
    try:
        await fake.wait_for(lambda: fake._polling)
        second = await BrugProcess.start(
            brug_env(fake.token, fake.api_base, tmp_path / "two"), wait=False)
        assert await second.ended() != 0
        assert "another process is already polling Telegram with this bot token" in (
            second.stderr())
        # The first one goes on answering.
        fake.send_text(77, "/start")
        await fake.next_messages(77, 0, timeout=60)
    finally:
        assert await first.stop() == 0, first.stderr()
    assert fake.conflicts >= 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("secret", ["", "short-secret", "x" * 31, "a secret with spaces" * 2])
async def test_the_webhook_does_not_start_without_a_long_secret(
    fake: FakeBotApi, tmp_path: Path, secret: str
) -> None:
    settings = Settings(telegram_token=fake.token, telegram_api_base=fake.api_base,
                        data_dir=tmp_path, webhook_url="https://bot.example.org/telegram",
                        webhook_port=free_port(), webhook_secret=secret)
    with pytest.raises(SystemExit, match="BRUG_WEBHOOK_SECRET"):
        await run_telegram(settings, webhook=True)
    assert fake.webhook == {} and fake.calls == []
    assert not (tmp_path / "brug.db").exists()


async def test_a_forged_webhook_update_is_refused_and_changes_nothing(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    bot = await BrugProcess.start(brug_env(
        fake.token, fake.api_base, tmp_path, webhook_url=url, webhook_port=str(port),
        webhook_secret=SECRET), "--webhook")
    victim, attacker = 501, 666
    forged = {"update_id": 1, "message": {
        "message_id": 1, "date": 1_767_600_000, "text": "/privacy",
        "chat": {"id": attacker, "type": "private", "first_name": "A"},
        "from": {"id": victim, "is_bot": False, "first_name": "V"}}}
    genuine = {"update_id": 2, "message": {
        "message_id": 2, "date": 1_767_600_000, "text": "/start",
        "chat": {"id": victim, "type": "private", "first_name": "V"},
        "from": {"id": victim, "is_bot": False, "first_name": "V"}}}
    try:
        assert fake.webhook["secret_token"] == SECRET
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                            {"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1]}):
                async with http.post(url, json=forged, headers=headers) as refused:
                    assert refused.status == 401
            db = tmp_path / "brug.db"
            assert stored(db, "SELECT count(*) FROM users") == [(0,)]
            assert stored(db, "SELECT count(*) FROM processed_updates") == [(0,)]
            async with http.post(url, json=genuine, headers={
                    "X-Telegram-Bot-Api-Secret-Token": SECRET}) as accepted:
                # Answered after the commit: the person is stored by now.
                assert accepted.status == 200
                assert stored(db, "SELECT external_id FROM users") == [(str(victim),)]
        await fake.next_messages(victim, 0)
    finally:
        assert await bot.stop() == 0, bot.stderr()
    assert fake.chat(attacker) == []


async def test_a_start_while_telegram_cannot_be_reached_waits_for_it(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    # Telegram answers the first calls with a 502, then drops one: the bot waits and tries
    # again instead of ending with a traceback, then serves as usual.
    fake.failures += [Failure("getMe", "502", times=2), Failure("getMe", "drop")]
    bot = await BrugProcess.start(brug_env(fake.token, fake.api_base, tmp_path))
    try:
        assert [method for method, _when in fake.calls].count("getMe") == 4
        assert "Telegram cannot be reached" in bot.stderr()
        fake.send_text(78, "/start")
        await fake.next_messages(78, 0, timeout=60)
    finally:
        assert await bot.stop() == 0, bot.stderr()


async def test_a_stop_while_telegram_cannot_be_reached_ends_at_once(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    fake.failures.append(Failure("getMe", "502", times=1000))
    bot = await BrugProcess.start(brug_env(fake.token, fake.api_base, tmp_path), wait=False)
    await fake.wait_for(lambda: any(method == "getMe" for method, _when in fake.calls),
                        timeout=120)
    assert await bot.stop() == 0, bot.stderr()
    assert "stopped" in bot.stderr()
