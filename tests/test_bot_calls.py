"""The channel's own Bot API calls (bot/channels/telegram_calls.py): the JSON Telegram reads,
and Telegram's refusals as aiogram's exceptions of their kind, which the outbox sorts."""

from __future__ import annotations

import json

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.channels.telegram_calls import BotCalls
from bot.channels.telegram_send import AnswerPress, SendScreen

TOKEN = "123456789:AAHcallscallscallscallscallscallscal"
KEYBOARD = json.dumps({"inline_keyboard": [[{"text": "English", "callback_data": "1:en"}]]})


class Telegram:
    """Answers each call with the next (status, text) it was given, and keeps what it got."""

    def __init__(self, *answers: tuple[int, str]) -> None:
        self.answers = list(answers)
        self.got: list[tuple[str, dict[str, object]]] = []

    async def post(self, name: str, body: bytes) -> tuple[int, str]:
        self.got.append((name, json.loads(body)))
        return self.answers.pop(0)


def refusal(code: int, description: str, **parameters: int) -> tuple[int, str]:
    answer = {"ok": False, "error_code": code, "description": description}
    if parameters:
        answer["parameters"] = parameters
    return code, json.dumps(answer)


async def test_a_message_goes_as_json_with_its_keyboard_as_an_object() -> None:
    telegram = Telegram((200, '{"ok":true,"result":{"message_id":7}}'), (200, '{"ok":true,'
                                                                              '"result":true}'))
    calls = BotCalls(Bot(TOKEN), telegram.post)
    sent = await calls.call(SendScreen, chat_id=42, text="مرحبا 👋 <b>", reply_markup=KEYBOARD)
    assert sent == {"message_id": 7}
    assert await calls.call(AnswerPress, callback_query_id="9", text=None) is True
    assert telegram.got == [
        ("sendMessage", {"chat_id": 42, "text": "مرحبا 👋 <b>",
                         "reply_markup": json.loads(KEYBOARD)}),
        ("answerCallbackQuery", {"callback_query_id": "9"}),  # nothing sent for None
    ]


async def test_half_an_emoji_is_sent_escaped_not_dropped() -> None:
    telegram = Telegram((200, '{"ok":true,"result":{"message_id":1}}'))
    await BotCalls(Bot(TOKEN), telegram.post).call(SendScreen, chat_id=1, text="a\ud83d b")
    assert telegram.got[0][1]["text"] == "a\ud83d b"


@pytest.mark.parametrize(("answer", "kind"), [
    (refusal(429, "Too Many Requests: retry after 3", retry_after=3), TelegramRetryAfter),
    (refusal(400, "Bad Request: message is too long"), TelegramBadRequest),
    (refusal(403, "Forbidden: bot was blocked by the user"), TelegramForbiddenError),
    (refusal(500, "Internal Server Error"), TelegramServerError),
])
async def test_refusals_are_aiograms_exceptions_of_their_kind(
        answer: tuple[int, str], kind: type[Exception]) -> None:
    calls = BotCalls(Bot(TOKEN), Telegram(answer).post)
    with pytest.raises(kind) as raised:
        await calls.call(SendScreen, chat_id=1, text="hi")
    assert json.loads(answer[1])["description"] in str(raised.value)
    if isinstance(raised.value, TelegramRetryAfter):
        assert raised.value.retry_after == 3


async def test_an_answer_that_is_not_telegrams_is_an_error_to_retry() -> None:
    calls = BotCalls(Bot(TOKEN), Telegram((502, "<html>Bad Gateway</html>")).post)
    with pytest.raises(ClientDecodeError):
        await calls.call(SendScreen, chat_id=1, text="hi")
