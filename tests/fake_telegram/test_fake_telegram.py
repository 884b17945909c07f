"""The fake Telegram server itself, driven by a real aiogram 3 bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from .server import FakeTelegram, FakeTelegramError

CHAT = 4242


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=d[:10] or "-", callback_data=d)] for d in data]
    )


@pytest_asyncio.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake_telegram.api_base))
    bot = Bot(fake_telegram.token, session=session)
    try:
        yield bot
    finally:
        await bot.session.close()


async def start_polling(dp: Dispatcher, bot: Bot, polling_timeout: int = 10) -> asyncio.Task[None]:
    polling = dp.start_polling(bot, handle_signals=False, polling_timeout=polling_timeout)
    task = asyncio.create_task(polling)
    await asyncio.sleep(0.1)  # let it call getMe and start the first getUpdates
    return task


async def stop_polling(dp: Dispatcher, task: asyncio.Task[None]) -> None:
    await dp.stop_polling()
    await asyncio.wait_for(task, 5)


@pytest.mark.asyncio
async def test_get_me(bot: Bot, fake_telegram: FakeTelegram) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username and me.first_name
    assert me.id == bot.id  # the id part of the token, as on Telegram


@pytest.mark.asyncio
async def test_text_limits(bot: Bot, fake_telegram: FakeTelegram) -> None:
    sent = await bot.send_message(CHAT, "x" * 4096)
    assert abs(sent.date.timestamp() - time.time()) < 60  # seconds, not milliseconds
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "x" * 5000)
    # 2049 emoji are 4098 UTF-16 code units, which is what Telegram counts.
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "\U0001f600" * 2049)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(CHAT, " ")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.edit_message_text("y" * 4097, chat_id=CHAT, message_id=sent.message_id)
    refused = await fake_telegram.errors(CHAT)
    assert [e["method"] for e in refused] == ["sendMessage"] * 3 + ["editMessageText"]
    assert [m["text"] for m in await fake_telegram.bot_messages(CHAT)] == ["x" * 4096]


@pytest.mark.asyncio
async def test_callback_data_limit_is_bytes(bot: Bot) -> None:
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("a" * 64))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "too long", reply_markup=keyboard("a" * 65))
    # 22 Ge'ez letters: 22 characters but 66 bytes.
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "too long", reply_markup=keyboard("\u1200" * 22))


@pytest.mark.asyncio
async def test_unknown_method_is_a_telegram_error(fake_telegram: FakeTelegram) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{fake_telegram.api_base}/bot{fake_telegram.token}/sendNothing"
        async with session.post(url, data={"chat_id": "1"}) as response:
            assert response.status == 404
            body = await response.json()
    assert body["ok"] is False and body["error_code"] == 404


@pytest.mark.asyncio
async def test_polling_round_trip(bot: Bot, fake_telegram: FakeTelegram) -> None:
    dp = Dispatcher()

    @dp.startup()
    async def set_commands(bot: Bot) -> None:
        await bot.set_my_commands([BotCommand(command="start", description="Start")])
        await bot.set_my_commands(
            [BotCommand(command="start", description="ابدأ")], language_code="ar"
        )

    @dp.message(CommandStart(deep_link=True))
    async def start(message: Message, command: CommandObject) -> None:
        await message.answer(f"event {command.args}", reply_markup=keyboard("join:1", "no"))

    @dp.callback_query(F.data == "join:1")
    async def join(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text(f"{callback.from_user.first_name} joined")
        await callback.answer("Welcome")

    @dp.message(F.photo)
    async def photo(message: Message) -> None:
        assert message.photo
        await message.answer(f"photo {message.photo[-1].width}")

    @dp.message(F.voice)
    async def voice(message: Message) -> None:
        assert message.voice
        await message.answer(f"voice {message.voice.duration}s")

    task = await start_polling(dp, bot)
    try:
        await fake_telegram.send_command(CHAT, "/start", payload="EV42", first_name="Amina")
        [invite] = await fake_telegram.wait_for_messages(CHAT)
        assert invite["text"] == "event EV42"
        buttons = [
            b["callback_data"] for row in invite["reply_markup"]["inline_keyboard"] for b in row
        ]
        assert buttons == ["join:1", "no"]

        await fake_telegram.press(CHAT, invite["message_id"], "join:1", first_name="Amina")
        answers = await fake_telegram.wait_for(lambda: fake_telegram.callback_answers(CHAT))
        assert answers[0]["text"] == "Welcome"
        [edited] = await fake_telegram.bot_messages(CHAT)
        assert edited["text"] == "Amina joined" and edited["edit_count"] == 1
        assert edited["reply_markup"] is None  # an edit without markup drops the keyboard
        # The keyboard is gone, so its old buttons cannot be pressed.
        with pytest.raises(FakeTelegramError, match="no button"):
            await fake_telegram.press(CHAT, invite["message_id"], "no")

        await fake_telegram.send_photo(CHAT)
        await fake_telegram.send_voice(CHAT, duration=7)
        messages = await fake_telegram.wait_for_messages(CHAT, count=3)
        assert [m["text"] for m in messages[1:]] == ["photo 800", "voice 7s"]

        commands = await fake_telegram.commands()
        assert commands == {
            "": [{"command": "start", "description": "Start"}],
            "ar": [{"command": "start", "description": "ابدأ"}],
        }
        assert await fake_telegram.errors() == []
    finally:
        await stop_polling(dp, task)
    # Every update was confirmed through the offset of a later getUpdates.
    await fake_telegram.send_text(CHAT, "after stop")
    updates = (await fake_telegram.inspect(CHAT))["updates"]
    assert [u["confirmed"] for u in updates] == [True] * 4 + [False]


@pytest.mark.asyncio
@pytest.mark.parametrize("polling_timeout", [0, 10])
async def test_idle_polling_does_not_busy_loop(
    bot: Bot, fake_telegram: FakeTelegram, polling_timeout: int
) -> None:
    dp = Dispatcher()
    task = await start_polling(dp, bot, polling_timeout=polling_timeout)
    try:
        before = (await fake_telegram.inspect())["stats"]["getUpdates"]
        await asyncio.sleep(1)
        polls = (await fake_telegram.inspect())["stats"]["getUpdates"] - before
    finally:
        await stop_polling(dp, task)
    # timeout=0 is held 0.1 s (about 10 a second); a long poll stays open the whole second.
    assert polls <= 12


@pytest.mark.asyncio
async def test_other_bot_methods(bot: Bot, fake_telegram: FakeTelegram) -> None:
    await fake_telegram.send_text(CHAT, "sent while the bot was down")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == []  # dropped, as Telegram does
    assert await bot.send_chat_action(CHAT, "typing")

    upload = await bot.send_photo(CHAT, BufferedInputFile(b"\x89PNG", "a.png"), caption="pic")
    assert upload.photo and upload.caption == "pic"
    doc = await bot.send_document(CHAT, BufferedInputFile(b"data", "list.csv"))
    assert doc.document and doc.document.file_name == "list.csv"

    sent = await bot.send_message(
        CHAT, "<b>Pick</b> &amp; go", parse_mode="HTML", reply_markup=keyboard("a")
    )
    assert sent.text == "Pick & go"
    edited = await bot.edit_message_reply_markup(
        chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("b")
    )
    assert isinstance(edited, Message) and edited.reply_markup
    assert edited.reply_markup.inline_keyboard[0][0].callback_data == "b"
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("b")
        )
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(CHAT, "a < b", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_callback_query("nope")

    assert await bot.delete_message(CHAT, doc.message_id)
    kinds = [m["kind"] for m in await fake_telegram.bot_messages(CHAT)]
    assert kinds == ["photo", "text"]
