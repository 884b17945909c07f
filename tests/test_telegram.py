"""The Telegram channel end to end: aiogram polling a fake Bot API server that checks
Telegram's limits, a fake user pressing real buttons, and the real core behind it."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import Brug, build_app
from bot.channels.telegram import TelegramChannel, make_bot
from bot.channels.telegram_polling import Poller
from bot.clock import SystemClock
from bot.config import Settings
from tests.brug_process import BOUND, BrugProcess, brug_env
from tests.fake_telegram.server import FakeTelegram
from tests.readiness import free_port

CHAT = 5151
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Running:
    app: Brug
    channel: TelegramChannel
    fake: FakeTelegram
    task: asyncio.Task[None]

    async def messages(self) -> list[dict[str, Any]]:
        return await self.fake.bot_messages(CHAT)

    async def next_messages(self, before: int, count: int = 1) -> list[dict[str, Any]]:
        await self.fake.wait_for_messages(CHAT, before + count)
        return (await self.messages())[before:]

    async def press(self, message: dict[str, Any], label: str, **extra: Any) -> None:
        data = button_data(message, label)
        await self.fake.press(CHAT, message["message_id"], data, **extra)


def buttons(message: dict[str, Any]) -> list[dict[str, str]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button_data(message: dict[str, Any], label: str) -> str:
    for button in buttons(message):
        if button["text"] == label:
            return button["callback_data"]
    raise AssertionError(f"no button {label!r} in {[b['text'] for b in buttons(message)]}")


@pytest.fixture
async def telegram(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[Running]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    # A page longer than one Telegram message, to prove long texts are split before sending.
    pages = content / "pages.yaml"
    long_text = " ".join(f"Sentence number {i} about work in Flanders." for i in range(150))
    pages.write_text(pages.read_text().replace(
        "      Type /menu at any time to come back here.",
        "      Type /menu at any time to come back here.\n      " + long_text,
    ))
    settings = Settings(
        telegram_token=fake_telegram.token,
        telegram_api_base=fake_telegram.api_base,
        content_dir=content,
    )
    app = await build_app(settings, SystemClock(), f"sqlite:///{tmp_path / 'b.db'}")
    bot = make_bot(settings)
    channel = TelegramChannel(app, bot)
    await channel.set_commands(app.conversation.catalogs)
    stop = asyncio.Event()
    task = asyncio.create_task(Poller(bot, channel.process, timeout=1).run(stop))
    try:
        yield Running(app, channel, fake_telegram, task)
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)
        await channel.flush()
        await bot.session.close()
        await app.close()
    assert await fake_telegram.errors() == [], "the bot made calls real Telegram would refuse"


async def test_start_language_consent_and_menu_in_dutch(telegram: Running) -> None:
    await telegram.fake.send_command(CHAT, "/start", language_code="nl")
    [picker] = await telegram.next_messages(0)
    assert picker["text"].startswith("Kies je taal")
    assert buttons(picker)[0]["text"] == "Nederlands"
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(picker))

    await telegram.press(picker, "Nederlands", language_code="nl")
    [intro] = await telegram.next_messages(1)
    # The answered question shows the choice and loses its buttons.
    answered = (await telegram.messages())[0]
    assert answered["text"].endswith("✓ Nederlands") and not buttons(answered)
    assert "chatbot" in intro["text"].lower()

    await telegram.press(intro, "Verder", language_code="nl")
    [consent] = await telegram.next_messages(2)
    await telegram.press(consent, buttons(consent)[0]["text"], language_code="nl")
    [menu] = await telegram.next_messages(3)
    assert menu["text"].startswith("Bedankt")
    assert "Met een persoon praten" in [b["text"] for b in buttons(menu)]
    assert len(await telegram.fake.callback_answers(CHAT)) == 3


async def test_command_menu_is_set_in_every_language(telegram: Running) -> None:
    commands = await telegram.fake.commands()
    assert {"", "nl", "ar"} <= set(commands)
    assert [c["command"] for c in commands[""]][:2] == ["start", "menu"]
    assert commands["nl"][1]["description"] != commands[""][1]["description"]


async def test_photos_voice_html_and_unknown_commands_get_a_kind_answer(
    telegram: Running,
) -> None:
    await telegram.fake.send_command(CHAT, "/start")
    await telegram.next_messages(0)
    await telegram.fake.send_photo(CHAT)
    [reply] = await telegram.next_messages(1)
    assert reply["text"].startswith("I can only read text and buttons.")
    assert reply["text"].endswith("Choose your language. You can change it later in the menu.")
    assert buttons(reply)[0]["text"] == "English"
    await telegram.fake.send_voice(CHAT)
    [reply] = await telegram.next_messages(2)
    assert reply["text"].startswith("I can only read text and buttons.")
    await telegram.fake.send_text(CHAT, "<b>hello</b> & *bye* _x_ [link](http://x)")
    [reply] = await telegram.next_messages(3)
    assert reply["text"].startswith("Please choose one of the options")
    await telegram.fake.send_command(CHAT, "/nonsense")
    [reply] = await telegram.next_messages(4)
    assert reply["text"].startswith("I do not know that command")
    await telegram.fake.send_text(CHAT, "x" * 5000)
    [reply] = await telegram.next_messages(5)
    assert reply["text"].startswith("Please choose one of the options")


async def test_stale_button_and_long_page(telegram: Running) -> None:
    await telegram.fake.send_command(CHAT, "/start")
    [picker] = await telegram.next_messages(0)
    await telegram.press(picker, "English")
    [intro] = await telegram.next_messages(1)
    # The picker's English button again, though the bot has moved on.
    await telegram.fake.press(CHAT, picker["message_id"], button_data(picker, "English"),
                              force=True)
    [current] = await telegram.next_messages(2)
    assert current["text"].startswith("That button belongs to an earlier message.")
    assert current["text"].endswith(intro["text"])
    # The old question still shows the one answer that counted.
    assert (await telegram.messages())[0]["text"].count("✓") == 1
    await telegram.press(current, "Continue")
    [consent] = await telegram.next_messages(3)
    await telegram.press(consent, "Yes, I agree")
    [menu] = await telegram.next_messages(4)
    await telegram.press(menu, "What can Brug do?")
    before = 5
    # A page beside the menu leaves the menu open: its buttons stay.
    await telegram.fake.wait_for_messages(CHAT, before + 2)
    assert buttons((await telegram.messages())[4])
    await telegram.fake.wait_for_messages(CHAT, before + 2)
    await asyncio.sleep(0.2)  # anything more would have arrived by now
    page = (await telegram.messages())[before:]
    # About 7 000 characters: two messages, split at a sentence; the menu comes with the last.
    assert len(page) == 2
    assert all(len(m["text"].encode("utf-16-le")) // 2 <= 4096 for m in page)
    assert page[0]["text"].startswith("What can Brug do?")
    assert page[0]["text"].endswith(".") and not buttons(page[0])
    assert page[1]["text"].endswith("What do you want to do? Tap a button.")
    assert "Talk to a person" in [b["text"] for b in buttons(page[1])]


async def test_a_question_answered_by_typing_is_not_marked_by_a_later_press(
    telegram: Running,
) -> None:
    await telegram.fake.send_command(CHAT, "/start")
    [picker] = await telegram.next_messages(0)
    await telegram.fake.send_text(CHAT, "English")
    [intro] = await telegram.next_messages(1)
    assert "I am Brug, a chat bot" in intro["text"]
    # The picker kept its buttons (nothing was pressed); one of them, pressed now, is old.
    await telegram.press(picker, "English")
    [current] = await telegram.next_messages(2)
    assert current["text"].startswith("That button belongs to an earlier message.")
    assert "✓" not in (await telegram.messages())[0]["text"]


async def test_brug_run_as_a_process_answers_stops_cleanly_and_goes_on_after_a_restart(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    env = brug_env(fake_telegram.token, fake_telegram.api_base, tmp_path)

    async def brug_run(then: Callable[[], Awaitable[None]]) -> None:
        process = await BrugProcess.start(env)
        try:
            await then()
        finally:
            code = await process.stop()
        assert code == 0, process.stderr()

    async def first() -> None:
        await fake_telegram.send_command(CHAT, "/start", language_code="ar")
        await fake_telegram.wait_for_messages(CHAT, 1, timeout=BOUND)

    await brug_run(first)
    assert (tmp_path / "brug.db").exists()
    [picker] = await fake_telegram.bot_messages(CHAT)
    assert buttons(picker)[0]["text"] == "العربية"

    async def after_restart() -> None:
        # The question sent by the first process is answered in the second.
        await fake_telegram.press(CHAT, picker["message_id"], button_data(picker, "العربية"),
                                  language_code="ar")
        await fake_telegram.wait_for_messages(CHAT, 2, timeout=BOUND)

    await brug_run(after_restart)
    answered, intro = await fake_telegram.bot_messages(CHAT)
    assert answered["text"].endswith("✓ العربية") and not buttons(answered)
    assert buttons(intro) and "Brug" in intro["text"]


async def test_webhook_mode_answers_updates_posted_with_the_secret(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    secret = "s3cret-token-" + "x" * 24
    env = brug_env(fake_telegram.token, fake_telegram.api_base, tmp_path,
                   webhook_url=f"http://127.0.0.1:{port}/telegram", webhook_port=str(port),
                   webhook_secret=secret)
    process = await BrugProcess.start(env, "--webhook")
    update = {"update_id": 1, "message": {
        "message_id": 1, "date": 1_767_600_000, "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        "chat": {"id": CHAT, "type": "private", "first_name": "Amal"},
        "from": {"id": CHAT, "is_bot": False, "first_name": "Amal", "language_code": "nl"},
    }}
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        events = (await fake_telegram.inspect())["events"]
        assert any(e["method"].lower() == "setwebhook" for e in events)
        async with aiohttp.ClientSession() as http, http.post(url, json=update, headers={
                "X-Telegram-Bot-Api-Secret-Token": secret}) as accepted:
            assert accepted.status == 200
        [picker] = await fake_telegram.wait_for_messages(CHAT, 1, timeout=BOUND)
        assert picker["text"].startswith("Kies je taal")
    finally:
        code = await process.stop()
    assert code == 0, process.stderr()


async def test_a_roadmap_item_marked_on_telegram(telegram: Running) -> None:
    await telegram.fake.send_command(CHAT, "/start")
    [picker] = await telegram.next_messages(0)
    await telegram.press(picker, "English")
    [intro] = await telegram.next_messages(1)
    await telegram.press(intro, "Continue")
    [consent] = await telegram.next_messages(2)
    await telegram.press(consent, "Yes, I agree")
    [menu] = await telegram.next_messages(3)
    await telegram.press(menu, "Steps to a job")
    [overview] = await telegram.next_messages(4)
    first_step = next(b["text"] for b in buttons(overview) if b["text"].startswith("1. "))
    await telegram.press(overview, first_step)
    [step] = await telegram.next_messages(5)
    await telegram.press(step, buttons(step)[0]["text"])
    [item] = await telegram.next_messages(6)
    assert "https://" in item["text"]
    # Short status buttons go two to a row.
    rows = item["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in rows[0]] == ["✅ Done", "⏳ Busy"]
    await telegram.press(item, "✅ Done")
    [marked] = await telegram.next_messages(7)
    assert marked["text"].startswith("Marked: ✅ Done.")
    assert buttons(marked)[0]["text"].startswith("✅ ")
