"""A conversation between a newcomer and a coach through `brug run`, against the fake Bot API:
the request and its Claim button, text both ways (a reply goes to its sender), and a photo
passed on by copying the message."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.brug_process import BrugProcess, brug_env, stored
from tests.fake_telegram.botapi import FakeBotApi, buttons

COACH, NEWCOMER = 501, 502


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    server = await FakeBotApi().start()
    yield server
    await server.close()


def labels(message: dict[str, Any]) -> list[str]:
    return [button["text"] for button in buttons(message)]


async def until(fake: FakeBotApi, chat: int, wanted: str) -> dict[str, Any]:
    """The first message to `chat` whose text or caption holds `wanted`, once it comes."""
    def found() -> dict[str, Any] | None:
        return next((m for m in fake.chat(chat)
                     if wanted in (m.get("text") or m.get("caption") or "")), None)
    message = await fake.wait_for(found, timeout=60)
    assert isinstance(message, dict)
    return message


async def onboard(fake: FakeBotApi, chat: int) -> None:
    fake.send_text(chat, "/start")
    fake.press(chat, await until(fake, chat, "language"), "English")
    fake.press(chat, await until(fake, chat, "I am Brug"), "Continue")
    consent = await until(fake, chat, "Do you agree that I keep your answers?")
    fake.press(chat, consent, "Yes, I agree")
    await until(fake, chat, "What do you want to do?")


async def test_a_newcomer_and_a_coach_talk_through_the_bot(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    bot = await BrugProcess.start(brug_env(fake.token, fake.api_base, tmp_path,
                                           outbox_interval_seconds="0.1"))
    try:
        db = tmp_path / "brug.db"
        await onboard(fake, COACH)
        await onboard(fake, NEWCOMER)
        with sqlite3.connect(db, timeout=30) as conn:
            conn.execute("UPDATE users SET role = 'coach' WHERE external_id = ?", (str(COACH),))
        fake.send_text(NEWCOMER, "/person")
        fake.press(NEWCOMER, await until(fake, NEWCOMER, "Talk to a person"),
                   "💬 Talk to a coach here")
        fake.press(NEWCOMER, await until(fake, NEWCOMER, "What may I send?"),
                   "✅ Send")
        request = await until(fake, COACH, "asks to talk to a coach")
        assert request["text"].startswith("🙋 P502 asks to talk to a coach.")
        fake.press(COACH, request, "✋ I take it")
        await until(fake, NEWCOMER, "P501, a coach, will answer you here.")

        fake.send_text(NEWCOMER, "Hello, I got a letter")
        relayed = await until(fake, COACH, "Hello, I got a letter")
        assert relayed["text"] == "💬 P502 (English) #1\nHello, I got a letter"
        fake.send_text(COACH, "Please send a photo of the letter", reply_to=relayed)
        answer = await until(fake, NEWCOMER, "Please send a photo of the letter")
        assert answer["text"] == "💬 P501 (coach):\nPlease send a photo of the letter"
        assert labels(answer) == ["End the conversation"]

        photo = fake.send_photo(NEWCOMER)
        copied = await fake.wait_for(lambda: next(
            (m for m in fake.chat(COACH) if m["kind"] == "copy"), None), timeout=60)
        assert copied["from_chat_id"] == NEWCOMER and copied["copied_message_id"] == photo
        assert copied["caption"] == "💬 P502 (English) #1"
        # Nothing of the conversation went anywhere else.
        assert {m["chat"]["id"] for m in fake.sent} == {COACH, NEWCOMER}
        assert stored(db, "SELECT coach_name FROM handoffs") == [("P501",)]
    finally:
        assert await bot.stop() == 0, bot.stderr()
