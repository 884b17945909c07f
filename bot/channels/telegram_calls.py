"""The Bot API calls of every update (send a message, edit it, answer a press) as JSON built
from plain values, and Telegram's answer read with orjson. Through aiogram's Bot each of these
calls built a pydantic object, serialised it field by field and parsed the answer into another
one: about 45 µs a message here, against 5 this way (BENCHMARKS.md). Errors are read by
aiogram's own `check_response`, so they are the same exceptions as before, by kind."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiohttp import ClientError, ClientTimeout

# What goes to Telegram: the method's name and the JSON body; what comes back: the HTTP status
# and the answer's text. The network in production, a stand-in in benchmarks.
Post = Callable[[str, bytes], Awaitable[tuple[int, str]]]

JSON = {"Content-Type": "application/json"}
# Fields that hold JSON text already (the keyboard): sent as the object they spell.
JSON_TEXT_FIELDS = frozenset({"reply_markup"})


class BotCalls:
    """`call(Method, **fields)`: one Bot API call. `Method` is the aiogram method the call is
    (bot/channels/telegram_send.py): its name goes to Telegram, and it is built only when
    Telegram refuses, for aiogram's exception."""

    def __init__(self, bot: Bot, post: Post | None = None) -> None:
        self.bot = bot
        self.post = post or AiohttpPost(bot)

    async def call(self, method: type[TelegramMethod[Any]], **fields: Any) -> Any:
        sent = {key: value for key, value in fields.items() if value is not None}
        try:
            body = orjson.dumps({key: orjson.Fragment(value) if key in JSON_TEXT_FIELDS
                                 else value for key, value in sent.items()})
        except orjson.JSONEncodeError:
            # A lone surrogate (half an emoji) is no UTF-8: escaped, Telegram judges the text.
            body = json.dumps({key: json.loads(value) if key in JSON_TEXT_FIELDS else value
                               for key, value in sent.items()}).encode()
        try:
            status, answer = await self.post(method.__api_method__, body)
        except TimeoutError as error:
            raise TelegramNetworkError(method(**fields), "Request timeout error") from error
        except ClientError as error:
            raise TelegramNetworkError(method(**fields),
                                       f"{type(error).__name__}: {error}") from error
        if 200 <= status <= 226:
            try:
                read = orjson.loads(answer)
            except orjson.JSONDecodeError:
                read = None
            if isinstance(read, dict) and read.get("ok") is True:
                return read.get("result")
        # Refused, or not Telegram's answer: aiogram raises the exception of its kind (429
        # with retry_after, 400, 403, 5xx, an answer it cannot read).
        return self.bot.session.check_response(self.bot, method(**fields), status,
                                               answer).result


class AiohttpPost:
    """POST to the Bot API on the aiohttp session of aiogram's Bot: its connection pool, its
    server address (BRUG_TELEGRAM_API_BASE) and its time-out."""

    def __init__(self, bot: Bot) -> None:
        assert isinstance(bot.session, AiohttpSession)
        self.bot = bot
        self.session: AiohttpSession = bot.session

    async def __call__(self, name: str, body: bytes) -> tuple[int, str]:
        client = await self.session.create_session()
        url = self.session.api.api_url(token=self.bot.token, method=name)
        async with client.post(url, data=body, headers=JSON,
                               timeout=ClientTimeout(total=self.session.timeout)) as response:
            return response.status, await response.text()
