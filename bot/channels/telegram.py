"""`brug run`: the Telegram channel on aiogram 3's Bot and types. The channel routes the two
kinds of update it asks Telegram for (a message, a press) to its handlers itself; the
conversation lives in the core, never in aiogram's FSM.

An update is acknowledged (the next getUpdates offset, or the webhook's HTTP answer) only once
its transaction has committed, and its replies are committed in that transaction as outbox
rows: sent at once, marked when Telegram confirms, and sent by the outbox sender if this
process dies first. The acknowledgement also waits for the commit to be on the disk (a
shared, timed sync: see bot/storage/db.py). Only private chats are served."""

from __future__ import annotations

import asyncio
import gc
import hmac
import logging
import re
import signal
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods.base import Response
from aiogram.types import (
    BotCommand,
    CallbackQuery,
    Chat,
    Message,
    Update,
    User,
)

from bot.app import Brug, build_app
from bot.channels.monitoring import start_monitoring
from bot.channels.telegram_calls import BotCalls, Post
from bot.channels.telegram_polling import AnotherPoller, Poller
from bot.channels.telegram_render import (
    CHANNEL,
    LIMITS,
    chosen_label,
    from_callback,
    from_message,
)
from bot.channels.telegram_send import KEEP_ALIVE, AnswerPress, Sent, TelegramDelivery
from bot.clock import SystemClock
from bot.config import Settings
from bot.flows.commands import COMMANDS
from bot.i18n.catalogs import Catalogs
from bot.services.outbox import OutboxSender
from bot.services.scheduling import start_scheduler
from bot.types import Outgoing

log = logging.getLogger(__name__)

# Telegram's own rule for a webhook's secret_token; at least 32 characters is ours.
SECRET = re.compile(r"[A-Za-z0-9_-]{32,256}")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Longer than any request but getUpdates, and shorter than the delivery lease.
REQUEST_TIMEOUT = 30
READY = "brug: ready"
Sending = asyncio.Task[None]


def make_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base),
                             timeout=REQUEST_TIMEOUT)
    return Bot(settings.telegram_token, session=session)


class TelegramChannel:
    """Feeds Telegram updates to the core and sends its answers."""

    def __init__(self, app: Brug, bot: Bot, post: Post | None = None) -> None:
        self.app = app
        self.bot = bot
        app.use_limits(CHANNEL, LIMITS)
        self.calls = BotCalls(bot, post)  # the network unless a benchmark stands in for it
        self.delivery = TelegramDelivery(bot, self.calls)
        self.sender: OutboxSender = app.sender({CHANNEL: self.delivery})
        # pydantic holds these generic classes weakly and rebuilds them after each collection
        # (a ~3 ms stall); one strong reference keeps them (see shared notes on performance).
        self._keep_alive = (Response[bool], Response[Sent], Response[Sent | bool], KEEP_ALIVE)
        # Sends under way, and the last one per chat, so one chat's messages keep their order.
        self._sending: set[Sending] = set()
        self._last_send: dict[str, Sending] = {}

    async def process(self, update: Update) -> None:
        """Handle one update. Returns once its effects and replies are committed and on the
        disk, so it may be acknowledged; the replies are on their way at the commit already
        (see `flush`)."""
        await self.feed(update)
        # A power loss may undo the last few milliseconds of commits: never one Telegram was
        # told about (bot/storage/db.py). The sync is shared with every update around.
        await self.app.store.durable()

    async def feed(self, update: Update) -> Sending | None:
        """Handle one update and start sending its replies; returns the task sending them,
        for whoever wants to wait for them. Only messages and presses come (allowed_updates).
        No aiogram Dispatcher: its routing and middlewares, which Brug does not use, cost
        about a fifth of an update's time (BENCHMARKS.md); nor its FSM, which kept a record
        of every person in memory."""
        if update.message is not None:
            return await self.on_message(update.message, update.update_id)
        if update.callback_query is not None:
            return await self.on_callback(update.callback_query, update.update_id)
        return None

    async def on_message(self, message: Message, update_id: int) -> Sending | None:
        if not _private(message.chat, message.from_user):
            if message.text and message.text.startswith("/"):
                await self._elsewhere(message.chat.id, message.from_user)
            return None
        incoming = from_message(message, update_id, self.app.clock.now())
        if incoming is None:
            return None
        handled = await self.app.handle(incoming, record=True)
        return self._send_in_order(incoming.user, self.sender.send_now(handled.deliveries))

    async def on_callback(self, query: CallbackQuery, update_id: int) -> Sending | None:
        chat = query.message.chat if query.message is not None else None
        if chat is None or not _private(chat, query.from_user):
            self._background(self._answer_query(query, self._elsewhere_text(query.from_user)))
            return None
        incoming = from_callback(query, update_id, self.app.clock.now())
        handled = await self.app.handle(incoming, record=True)
        # Answering the press, marking the question and sending the next one need no order
        # between them: sent together, the next question arrives after one round trip.
        self._background(self._answer_query(query))
        # A reply that shows the same question again (a re-ask, a page beside the menu) means
        # the question is still open: keep its buttons.
        still_open = any(reply.turn == incoming.turn for reply in handled.replies
                         if reply.options)
        label = chosen_label(query)
        if (handled.answered_open_question and not still_open and label
                and isinstance(query.message, Message) and query.message.text):
            self._background(self.delivery.edit(
                chat.id, query.message.message_id, f"{query.message.text}\n\n✓ {label}"[:4096]))
        return self._send_in_order(incoming.user, self.sender.send_now(handled.deliveries))

    async def _answer_query(self, query: CallbackQuery, text: str | None = None) -> None:
        # The press stops spinning; a failure here never holds back the replies.
        try:
            await self.calls.call(AnswerPress, callback_query_id=query.id, text=text)
        except Exception as error:
            log.info("could not answer a press: %r", error)

    def _elsewhere_text(self, person: User | None) -> str:
        _ = self.app.conversation.catalogs.get(person.language_code if person else None).gettext
        return _("Write to me in a private chat.")

    async def _elsewhere(self, chat_id: int, person: User | None) -> None:
        """A command in a group: one line that reveals nothing, and no state changes."""
        try:
            await self.delivery.send(chat_id, Outgoing(to=str(chat_id),
                                                       text=self._elsewhere_text(person)))
        except Exception as error:
            log.info("could not answer in a group: %r", error)

    def _background(self, work: Coroutine[Any, Any, None]) -> Sending:
        task = asyncio.ensure_future(work)
        self._sending.add(task)
        task.add_done_callback(self._done)
        return task

    def _send_in_order(self, chat: str, work: Coroutine[Any, Any, None]) -> Sending:
        before = self._last_send.get(chat)
        task = self._background(work if before is None else _after(before, work))
        self._last_send[chat] = task
        task.add_done_callback(
            lambda done: self._last_send.pop(chat) if self._last_send.get(chat) is done
            else None)
        return task

    def _done(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The rows are in the outbox: the sender takes them after the lease.
            log.error("sending replies failed: %r", task.exception())

    async def flush(self) -> None:
        """Wait for every send under way to be confirmed or recorded for the outbox."""
        while self._sending:
            await asyncio.wait(list(self._sending))
        await self.sender.settle()

    async def learn_username(self) -> None:
        """Deep links name the bot (t.me/<bot>?start=...): unless BRUG_BOT_USERNAME says
        which bot this is, ask Telegram."""
        settings = self.app.settings
        if "bot_username" not in settings.model_fields_set:
            me = await self.bot.get_me()
            if me.username:
                settings.bot_username = me.username

    async def set_commands(self, catalogs: Catalogs) -> None:
        """The command menu, in every language we speak (English as the default)."""
        for language in catalogs.languages:
            _ = catalogs.get(language.code).gettext
            commands = [BotCommand(command=c, description=_(d)) for c, d in COMMANDS]
            code = None if language.code == "en" else language.iso_code
            try:
                await self.bot.set_my_commands(commands, language_code=code)
            except TelegramBadRequest as error:
                log.warning("could not set commands for %s: %s", language.code, error)


async def _after(before: Sending, work: Coroutine[Any, Any, None]) -> None:
    await asyncio.wait([before])
    await work


def _private(chat: Chat, person: User | None) -> bool:
    """A person's own chat with the bot: groups, supergroups and channels are not served."""
    return chat.type == "private" and person is not None and chat.id == person.id


def check_webhook_secret(secret: str) -> None:
    if not SECRET.fullmatch(secret):
        raise SystemExit(
            "set BRUG_WEBHOOK_SECRET to at least 32 characters of A-Z, a-z, 0-9, _ and - "
            "(for example the output of: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'); Telegram sends it with every update")


async def run_telegram(settings: Settings, *, webhook: bool = False) -> None:
    """Long polling (or a webhook), with the outbox sender and the reminder sweep beside it.
    SIGTERM or SIGINT: stop taking updates, finish those in flight, deliver or record their
    replies, then exit."""
    if webhook:
        if not settings.webhook_url:
            raise SystemExit("set BRUG_WEBHOOK_URL to the public https address of this bot")
        check_webhook_secret(settings.webhook_secret)
    app = await build_app(settings, SystemClock())
    bot = make_bot(settings)
    channel = TelegramChannel(app, bot)
    scheduler = start_scheduler([
        ("outbox", channel.sender.drain, settings.outbox_interval_seconds),
        ("sweep", app.sweep, settings.sweep_interval_seconds),
        ("housekeeping", app.housekeeping, 3600.0),
    ])
    monitoring = await start_monitoring(app, settings)  # /healthz and /metrics
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async def first_calls() -> None:
            await channel.learn_username()
            await channel.set_commands(app.conversation.catalogs)

        if not await _until_reachable(first_calls, stop):
            return
        # Everything built so far lives as long as the process: keep it out of the collector's
        # full passes, which otherwise take over 100 ms here and land on some update's reply.
        gc.collect()
        gc.freeze()
        if webhook:
            await _serve_webhook(channel, settings, stop)
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            _ready("polling")
            try:
                await Poller(bot, channel.process).run(stop)
            except AnotherPoller as error:
                raise SystemExit(
                    "another process is already polling Telegram with this bot token "
                    f"({error}); stop it first, or use one webhook for several processes"
                ) from None
    except TelegramUnauthorizedError:
        raise SystemExit("Telegram does not know this bot token: check BRUG_TELEGRAM_TOKEN"
                         ) from None
    finally:
        # Replies on their way are confirmed, or left to the outbox, before the store closes.
        await channel.flush()
        await monitoring.stop()
        scheduler.shutdown(wait=False)
        await bot.session.close()
        await app.close()
        log.info("stopped")


async def _until_reachable(first_call: Callable[[], Awaitable[None]],
                           stop: asyncio.Event) -> bool:
    """The first call to Telegram, tried again while Telegram cannot be reached (a network
    that comes up after the bot, a 5xx), with a wait that doubles up to a minute; False if
    the process is told to stop meanwhile. A refused token still ends the start."""
    wait = 1.0
    while True:
        try:
            await first_call()
            return True
        except TelegramRetryAfter as error:
            wait = float(error.retry_after)
        except (TelegramNetworkError, TelegramServerError, ClientDecodeError) as error:
            # ClientDecodeError: a proxy's HTML error page (a 502) instead of Telegram's JSON.
            log.warning("Telegram cannot be reached (%s); trying again in %.0f s", error, wait)
        try:
            await asyncio.wait_for(stop.wait(), timeout=wait)
            return False
        except TimeoutError:
            wait = min(wait * 2, 60.0)


def _ready(mode: str) -> None:
    """The line process supervisors and tests wait for."""
    log.info("ready (%s)", mode)
    sys.stdout.write(f"{READY}\n")
    sys.stdout.flush()


async def _serve_webhook(channel: TelegramChannel, settings: Settings,
                         stop: asyncio.Event) -> None:
    from aiohttp import web

    secret = settings.webhook_secret.encode()

    async def on_update(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            return web.Response(status=401)
        try:
            update = Update.model_validate(await request.json(), context={"bot": channel.bot})
        except ValueError:
            return web.Response(status=400)
        # Answered after the commit: an error answers 500, and Telegram posts it again.
        await channel.process(update)
        return web.Response()

    web_app = web.Application()
    web_app.router.add_post("/telegram", on_update)
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    try:
        # Listen before telling Telegram where to post, so the first update finds us.
        await channel.bot.set_webhook(
            settings.webhook_url, secret_token=settings.webhook_secret,
            allowed_updates=["message", "callback_query"],
        )
        log.info("webhook listening on %s:%s", settings.webhook_host, settings.webhook_port)
        _ready("webhook")
        await stop.wait()
    finally:
        # Stops listening, then waits for the updates being handled.
        await runner.cleanup()
