"""`brug run`: the Telegram channel on aiogram 3. aiogram routes updates to two handlers; the
conversation lives in the core, never in aiogram's FSM."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response
from aiogram.types import (
    BotCommand,
    CallbackQuery,
    Message,
    TelegramObject,
    Update,
)

from bot.app import Brug, build_app
from bot.channels.monitoring import start_monitoring
from bot.channels.telegram_render import (
    CHANNEL,
    LIMITS,
    chosen_label,
    from_callback,
    from_message,
    keyboard,
)
from bot.clock import SystemClock
from bot.config import Settings
from bot.flows.commands import COMMANDS
from bot.i18n.catalogs import Catalogs
from bot.services.outbox import RetryAfter, Undeliverable
from bot.services.scheduling import start_scheduler
from bot.types import Outgoing

log = logging.getLogger(__name__)


# aiogram parses every answer into a whole Message (for an edit, Message | bool, which costs
# more than the rest of the call). The channel needs nothing of the answer but that the call
# worked, so its two calls are declared with just the fields it sends and the message id back.
class Sent(TelegramObject):
    """What is parsed of a message Telegram sent or edited: its id."""

    message_id: int


class SendScreen(TelegramMethod[Sent]):
    """sendMessage: plain text (never parsed as HTML or Markdown), maybe with buttons."""

    __returning__ = Sent
    __api_method__ = "sendMessage"

    chat_id: int
    text: str
    reply_markup: str | None = None  # the keyboard as JSON text


class EditScreen(TelegramMethod[Sent | bool]):
    """editMessageText without reply_markup: the new text, and the buttons taken away."""

    __returning__ = Sent | bool
    __api_method__ = "editMessageText"

    chat_id: int
    message_id: int
    text: str


def make_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    return Bot(settings.telegram_token, session=session)


class TelegramChannel:
    """Feeds Telegram updates to the core and renders its answers."""

    def __init__(self, app: Brug, bot: Bot) -> None:
        self.app = app
        self.bot = bot
        app.use_limits(CHANNEL, LIMITS)
        # pydantic holds these generic classes weakly and rebuilds them after each collection
        # (a ~3 ms stall); one strong reference keeps them (see shared notes on performance).
        self._keep_alive = (Response[bool], Response[Sent], Response[Sent | bool])
        self.dispatcher = Dispatcher(disable_fsm=True)  # no FSM: no record per person in memory
        router = Router(name="brug")
        router.message.register(self.on_message)
        router.callback_query.register(self.on_callback)
        self.dispatcher.include_router(router)

    async def on_message(self, message: Message, event_update: Update) -> None:
        incoming = from_message(message, event_update.update_id, self.app.clock.now())
        if incoming is None:
            return
        await self.send_all(message.chat.id, (await self.app.handle(incoming)).replies)

    async def on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        incoming = from_callback(query, event_update.update_id, self.app.clock.now())
        handled = await self.app.handle(incoming)
        await self._answer_query(query)
        chat_id = query.message.chat.id if query.message else query.from_user.id
        # A reply that shows the same question again (a re-ask, a page beside the menu) means
        # the question is still open: keep its buttons.
        still_open = any(reply.turn == incoming.turn for reply in handled.replies
                         if reply.options)
        if handled.answered_open_question and not still_open and isinstance(
                query.message, Message):
            await self._show_choice(query.message, chosen_label(query))
        await self.send_all(chat_id, handled.replies)

    async def _answer_query(self, query: CallbackQuery) -> None:
        # A press too old to answer still gets its replies.
        with contextlib.suppress(TelegramBadRequest):
            await query.answer()

    async def _show_choice(self, message: Message, label: str | None) -> None:
        """Edit the question to show what was chosen, and take its buttons away."""
        if not message.text or not label:
            return
        try:
            await self.bot(EditScreen(chat_id=message.chat.id, message_id=message.message_id,
                                      text=f"{message.text}\n\n✓ {label}"[:4096]))
        except TelegramBadRequest as error:
            log.info("could not edit the answered question: %s", error)

    async def send_all(self, chat_id: int, replies: list[Outgoing]) -> None:
        for index, reply in enumerate(replies):
            try:
                await self.send(chat_id, reply)
            except (TelegramRetryAfter, TelegramBadRequest, TelegramForbiddenError, OSError) as e:
                # Already committed: what could not go now goes through the outbox.
                log.warning("direct reply failed (%s); handing the rest to the outbox", e)
                await self.app.defer(replies[index:])
                return

    async def send(self, chat_id: int, reply: Outgoing) -> None:
        await self.bot(SendScreen(chat_id=chat_id, text=reply.text,
                                  reply_markup=keyboard(reply)))

    async def deliver(self, chat: str, message: Outgoing) -> None:
        """The outbox transport, with Telegram's errors in the outbox's words."""
        try:
            await self.send(int(chat), message)
        except TelegramRetryAfter as error:
            raise RetryAfter(error.retry_after) from error
        except (TelegramForbiddenError, TelegramNotFound) as error:
            raise Undeliverable(str(error)) from error

    async def set_commands(self, catalogs: Catalogs) -> None:
        """The command menu, in every language we speak (English as the default)."""
        for language in catalogs.languages:
            _ = catalogs.get(language.code).gettext
            commands = [BotCommand(command=c, description=_(d)) for c, d in COMMANDS]
            code = None if language.code == "en" else language.code
            try:
                await self.bot.set_my_commands(commands, language_code=code)
            except TelegramBadRequest as error:
                log.warning("could not set commands for %s: %s", language.code, error)


async def run_telegram(settings: Settings, *, webhook: bool = False) -> None:
    """Long polling (or a webhook), with the outbox sender and the reminder sweep beside it."""
    app = await build_app(settings, SystemClock())
    bot = make_bot(settings)
    channel = TelegramChannel(app, bot)
    sender = app.sender({CHANNEL: channel})
    scheduler = start_scheduler([
        ("outbox", sender.drain, settings.outbox_interval_seconds),
        ("sweep", app.sweep, settings.sweep_interval_seconds),
        ("housekeeping", app.housekeeping, 3600.0),
    ])
    monitoring = await start_monitoring(app, settings)  # /healthz and /metrics
    try:
        await channel.set_commands(app.conversation.catalogs)
        # Everything built so far lives as long as the process: keep it out of the collector's
        # full passes, which otherwise take over 100 ms here and land on some update's reply.
        gc.collect()
        gc.freeze()
        if webhook:
            await _serve_webhook(channel, settings)
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            await channel.dispatcher.start_polling(bot, handle_signals=True)
    finally:
        await monitoring.stop()
        scheduler.shutdown(wait=False)
        await bot.session.close()
        await app.close()


async def _serve_webhook(channel: TelegramChannel, settings: Settings) -> None:
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    if not settings.webhook_url:
        raise SystemExit("set BRUG_WEBHOOK_URL to the public https address of this bot")
    web_app = web.Application()
    options: dict[str, Any] = {"secret_token": settings.webhook_secret or None}
    SimpleRequestHandler(dispatcher=channel.dispatcher, bot=channel.bot, **options).register(
        web_app, path="/telegram"
    )
    setup_application(web_app, channel.dispatcher, bot=channel.bot)
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    # Listen before telling Telegram where to post, so the first update finds us.
    await channel.bot.set_webhook(
        settings.webhook_url, secret_token=settings.webhook_secret or None,
        allowed_updates=["message", "callback_query"],
    )
    log.info("webhook listening on %s:%s", settings.webhook_host, settings.webhook_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
