"""Telegram calls that deliver Brug's messages, and Telegram's errors in the outbox's words:
429 waits, 403 means the person blocked the bot, a text too long is split, other refusals are
never retried as they are; server and network errors propagate to be retried with a wait."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.context_controller import BotContextController
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.methods import TelegramMethod
from aiogram.types import FSInputFile, InputFile, TelegramObject

from bot.channels.telegram_calls import BotCalls
from bot.channels.telegram_render import keyboard
from bot.i18n.text import split_text, utf16_length
from bot.services.outbox import Blocked, RetryAfter, Undeliverable
from bot.types import Outgoing

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def _set_up(self: BotContextController, context: Any, /) -> None:
    """What aiogram's BotContextController.model_post_init does. Declared on each class below,
    so that pydantic sets up the private attributes once per call object: inherited, its
    wrapper runs again for every class of the hierarchy (four times)."""
    self._bot = context.get("bot") if context else None


# aiogram parses every answer into a whole Message (for an edit, Message | bool, which costs
# more than the rest of the call). The channel needs nothing of the answer but that the call
# worked, so its calls are declared with just the fields it sends and the message id back.
class Sent(TelegramObject):
    """What is parsed of a message Telegram sent or edited: its id."""

    model_post_init = _set_up

    message_id: int


class SendScreen(TelegramMethod[Sent]):
    """sendMessage: plain text (never parsed as HTML or Markdown), maybe with buttons."""

    model_post_init = _set_up

    __returning__ = Sent
    __api_method__ = "sendMessage"

    chat_id: int
    text: str
    reply_markup: str | None = None  # the keyboard as JSON text


class EditScreen(TelegramMethod[Sent | bool]):
    """editMessageText without reply_markup: the new text, and the buttons taken away."""

    model_post_init = _set_up

    __returning__ = Sent | bool
    __api_method__ = "editMessageText"

    chat_id: int
    message_id: int
    text: str


class SendPicture(TelegramMethod[Sent]):
    """sendPhoto: a picture (a file here, a URL or a Telegram file id), maybe with a caption."""

    model_post_init = _set_up

    __returning__ = Sent
    __api_method__ = "sendPhoto"

    chat_id: int
    photo: InputFile | str
    caption: str | None = None
    reply_markup: str | None = None


class SendFile(TelegramMethod[Sent]):
    """sendDocument: a file (here, a URL or a Telegram file id), maybe with a caption."""

    model_post_init = _set_up

    __returning__ = Sent
    __api_method__ = "sendDocument"

    chat_id: int
    document: InputFile | str
    caption: str | None = None
    reply_markup: str | None = None


class CopyMessage(TelegramMethod[Sent]):
    """copyMessage: a person's photo, voice message or file, passed on to someone else as it
    is (without "forwarded from"), with a caption that says whose it is."""

    model_post_init = _set_up

    __returning__ = Sent
    __api_method__ = "copyMessage"

    chat_id: int
    from_chat_id: int
    message_id: int
    caption: str | None = None
    reply_markup: str | None = None


class AnswerPress(TelegramMethod[bool]):
    """answerCallbackQuery with the two fields the channel uses: the press stops spinning,
    maybe with a short text (aiogram's own method resolves five defaults on every press)."""

    model_post_init = _set_up

    __returning__ = bool
    __api_method__ = "answerCallbackQuery"

    callback_query_id: str
    text: str | None = None


KEEP_ALIVE = (Sent, SendScreen, EditScreen, SendPicture, SendFile, CopyMessage, AnswerPress)


def _file(reference: str) -> InputFile | str:
    """A file on this machine is uploaded; anything else (a URL, a file id) is passed on."""
    if "://" not in reference and Path(reference).is_file():
        return FSInputFile(reference)
    return reference


class TelegramDelivery:
    """The outbox's transport for Telegram (`deliver`), and the cosmetic edit of a question."""

    def __init__(self, bot: Bot, calls: BotCalls) -> None:
        self.bot = bot  # files go through aiogram, which uploads them
        self.calls = calls

    async def deliver(self, chat: str, message: Outgoing) -> None:
        try:
            await self.send(int(chat), message)
        except TelegramRetryAfter as error:
            raise RetryAfter(error.retry_after) from error
        except TelegramForbiddenError as error:  # blocked, deactivated, never started the bot
            raise Blocked(error.message) from error
        except (TelegramBadRequest, TelegramNotFound) as error:
            raise Undeliverable(error.message) from error

    async def send(self, chat_id: int, message: Outgoing) -> None:
        if message.kind == "copy" and message.copy_of:
            await self._copy(chat_id, message, message.copy_of)
        elif message.kind in ("image", "document") and message.file:
            await self._send_file(chat_id, message)
        else:
            await self._send_text(chat_id, message.text, keyboard(message))

    async def _send_text(self, chat_id: int, text: str, markup: str | None) -> None:
        try:
            await self.calls.call(SendScreen, chat_id=chat_id, text=text, reply_markup=markup)
        except TelegramBadRequest as error:
            if "too long" not in error.message.lower():
                raise
            # Never the same text again: in pieces, the buttons with the last one.
            pieces = split_text(text, TEXT_LIMIT)
            if len(pieces) == 1:
                pieces = split_text(text, max(1, utf16_length(text) // 2))
            if len(pieces) == 1:
                raise
            log.info("a text was too long for Telegram; sent in %d pieces", len(pieces))
            for index, piece in enumerate(pieces):
                await self._send_text(chat_id, piece,
                                      markup if index == len(pieces) - 1 else None)

    async def _send_file(self, chat_id: int, message: Outgoing) -> None:
        assert message.file is not None
        caption = message.caption or message.text or None
        rest: str | None = None
        if caption and utf16_length(caption) > CAPTION_LIMIT:
            # A long caption goes as a text of its own after the file.
            caption, rest = None, caption
        markup = None if rest else keyboard(message)
        if message.kind == "image":
            await self.bot(SendPicture(chat_id=chat_id, photo=_file(message.file),
                                       caption=caption, reply_markup=markup))
        else:
            await self.bot(SendFile(chat_id=chat_id, document=_file(message.file),
                                    caption=caption, reply_markup=markup))
        if rest:
            await self._send_text(chat_id, rest, keyboard(message))

    async def _copy(self, chat_id: int, message: Outgoing, reference: str) -> None:
        from_chat, _, message_id = reference.partition(":")
        caption = message.caption or None
        if caption and utf16_length(caption) > CAPTION_LIMIT:
            caption = None
        try:
            await self.calls.call(CopyMessage, chat_id=chat_id, from_chat_id=int(from_chat),
                                  message_id=int(message_id), caption=caption,
                                  reply_markup=keyboard(message))
        except TelegramBadRequest as error:
            # Some messages take no caption (a sticker, a location): copied bare, then the
            # line that says whose it is, with the buttons.
            if "caption" not in error.message.lower():
                raise
            await self.calls.call(CopyMessage, chat_id=chat_id, from_chat_id=int(from_chat),
                                  message_id=int(message_id))
            await self._send_text(chat_id, message.text, keyboard(message))

    async def edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Change a question's text and take its buttons away. Cosmetic: a failure is logged,
        and "message is not modified" (it shows this already) is no failure at all."""
        try:
            await self.calls.call(EditScreen, chat_id=chat_id, message_id=message_id, text=text)
        except TelegramBadRequest as error:
            if "not modified" not in error.message.lower():
                log.info("could not edit the answered question: %s", error.message)
        except Exception as error:
            log.info("could not edit the answered question: %r", error)
