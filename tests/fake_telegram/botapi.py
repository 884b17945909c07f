"""A fake Bot API server that behaves like Telegram where delivery is concerned.

It keeps an update until a later getUpdates carries an offset past it (as Telegram does), holds
getUpdates as a long poll, answers 409 to a second poller, checks the text limit (400 "message
is too long") and edits ("message is not modified"), and can be told to fail a method: 429 with
retry_after, 403, 500, 502 (a proxy's HTML page), a dropped connection before or after the
message is recorded, or slowness. The way to Telegram is modelled as `latency`: the delay
before a message is recorded. It runs in the test's event loop, on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TEXT_LIMIT = 4096
_bot_ids = itertools.count(random.randint(10_000_000, 90_000_000))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Failure:
    """`times` calls of `method` (to `chat`, if given) fail as `kind`: 429, 403, 500, 502,
    "drop" (before the message is recorded), "drop after" (recorded, answer lost), "slow"."""

    method: str
    kind: str
    times: int = 1
    chat: int | None = None
    retry_after: int = 1
    delay: float = 0.0


@dataclass
class FakeBotApi:
    latency: float = 0.0
    token: str = field(default_factory=lambda: f"{next(_bot_ids)}:FAKE{random.getrandbits(64):x}")
    updates: list[dict[str, Any]] = field(default_factory=list)  # not yet acknowledged
    history: dict[int, dict[str, Any]] = field(default_factory=dict)  # every update
    handed_out: Counter[int] = field(default_factory=Counter)  # update id: times given out
    offset: int = 0  # every update below it is acknowledged
    messages: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)  # every message, in order
    calls: list[tuple[str, float]] = field(default_factory=list)  # method, when it arrived
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    conflicts: int = 0
    api_base: str = ""
    uploads: dict[str, bytes] = field(default_factory=dict)  # "upload:<name>": its bytes

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._arrived = asyncio.Event()
        self._polling = 0
        self._runner: web.AppRunner | None = None

    # ---- the server -----------------------------------------------------------------------
    async def start(self) -> FakeBotApi:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._route)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.api_base = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _route(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.calls.append((method, time.monotonic()))
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params = await _params(request, self.uploads)
        chat = int(params["chat_id"]) if "chat_id" in params else None
        failure = self._failure(method, chat)
        if failure is not None and failure.kind in ("drop", "slow"):
            await asyncio.sleep(failure.delay)
            if failure.kind == "drop":
                return _drop(request)
        await asyncio.sleep(self.latency)
        if failure is not None and failure.kind not in ("drop after", "slow"):
            return _failure_answer(failure)
        handler: Callable[[dict[str, Any]], Any] | None = getattr(self, f"_{method}", None)
        if method == "getUpdates":
            return await self._get_updates(request, params)
        if handler is None:
            return _error(404, f"Not Found: method {method} not found")
        answer = handler(params)
        if failure is not None:  # "drop after": done, but the answer never arrives
            return _drop(request)
        return answer if isinstance(answer, web.Response) else _ok(answer)

    def _failure(self, method: str, chat: int | None) -> Failure | None:
        for failure in self.failures:
            if failure.method == method and failure.chat in (None, chat) and failure.times > 0:
                failure.times -= 1
                return failure
        return None

    # ---- updates ---------------------------------------------------------------------------
    async def _get_updates(self, request: web.Request, params: dict[str, Any]
                           ) -> web.StreamResponse:
        if self._polling:
            self.conflicts += 1
            return _error(409, "Conflict: terminated by other getUpdates request; make sure "
                               "that only one bot instance is running")
        self._polling += 1
        try:
            offset = int(params.get("offset", 0))
            if offset > self.offset:
                self.offset = offset
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            deadline = time.monotonic() + float(params.get("timeout", 0))
            # Held until an update comes, the time is up, or the poller has hung up.
            while not self.updates and time.monotonic() < deadline:
                if request.transport is None or request.transport.is_closing():
                    return web.Response(status=499)
                self._arrived.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), 0.05)
            batch = self.updates[: int(params.get("limit", 100))]
            self.handed_out.update(u["update_id"] for u in batch)
            return _ok(batch)
        finally:
            self._polling -= 1

    def add_update(self, kind: str, body: dict[str, Any]) -> int:
        """An update of any kind (`message`, `edited_message`, `channel_post`, ...) as given."""
        return self._add(kind, body)

    def _add(self, kind: str, body: dict[str, Any]) -> int:
        update_id = next(self._ids)
        self.history[update_id] = {"update_id": update_id, kind: body}
        self.updates.append(self.history[update_id])
        self._arrived.set()
        return update_id

    @staticmethod
    def _person(user: int, language_code: str) -> dict[str, Any]:
        return {"id": user, "is_bot": False, "first_name": f"P{user}",
                "language_code": language_code}

    def send_text(self, chat: int, text: str, *, user: int | None = None,
                  language_code: str = "en", chat_type: str = "private",
                  reply_to: dict[str, Any] | None = None) -> int:
        """The person `user` (by default the chat's own person) writes `text` in `chat`,
        maybe as a reply to a message the bot sent there (`reply_to`)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids), "date": int(time.time()), "text": text,
            "chat": {"id": chat, "type": chat_type, "title" if chat_type != "private"
                     else "first_name": f"C{chat}"},
            "from": self._person(user or chat, language_code),
        }
        if reply_to is not None:
            message["reply_to_message"] = self._as_received(reply_to)
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._add("message", message)

    def send_photo(self, chat: int, *, language_code: str = "en") -> int:
        """The chat's person sends a photo; returns its message id."""
        message_id = next(self._message_ids)
        self._add("message", {
            "message_id": message_id, "date": int(time.time()),
            "chat": {"id": chat, "type": "private", "first_name": f"C{chat}"},
            "from": self._person(chat, language_code),
            "photo": [{"file_id": f"photo{message_id}", "file_unique_id": f"u{message_id}",
                       "width": 90, "height": 90}]})
        return message_id

    def _as_received(self, sent: dict[str, Any]) -> dict[str, Any]:
        """A message the bot sent, as Telegram shows it inside a reply to it."""
        shown = {"message_id": sent["message_id"], "date": int(time.time()),
                 "chat": sent["chat"], "from": {"id": int(self.token.split(":")[0]),
                                                "is_bot": True, "first_name": "Brug"}}
        for part in ("text", "caption"):
            if sent.get(part):
                shown[part] = sent[part]
        return shown

    def press(self, chat: int, message: dict[str, Any], label: str, *,
              user: int | None = None, language_code: str = "en") -> int:
        """The person presses the button `label` on the bot's `message` (as it is now)."""
        data = next(b["callback_data"] for b in buttons(message) if b["text"] == label)
        shown = {"message_id": message["message_id"], "date": int(time.time()),
                 "chat": message["chat"], "text": message.get("text", ""),
                 "from": {"id": int(self.token.split(":")[0]), "is_bot": True,
                          "first_name": "Brug"}}
        if message.get("reply_markup"):
            shown["reply_markup"] = message["reply_markup"]
        return self._add("callback_query", {
            "id": str(random.getrandbits(48)), "from": self._person(user or chat, language_code),
            "chat_instance": str(chat), "data": data, "message": shown,
        })

    # ---- what the bot may call ---------------------------------------------------------------
    def _getMe(self, _: dict[str, Any]) -> dict[str, Any]:
        return {"id": int(self.token.split(":")[0]), "is_bot": True, "first_name": "Brug",
                "username": "brug_test_bot"}

    def _deleteWebhook(self, _: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    def _setMyCommands(self, _: dict[str, Any]) -> bool:
        return True

    def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        self.callback_answers.append(params)
        return True

    def _record(self, params: dict[str, Any], kind: str, **fields: Any) -> dict[str, Any]:
        chat = int(params["chat_id"])
        markup = params.get("reply_markup")
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": {"id": chat, "type": "private" if chat > 0 else "group"},
                   "kind": kind, "reply_markup": json.loads(markup) if markup else None,
                   "edits": 0, "at": time.monotonic(), **fields}
        self.messages.setdefault(chat, []).append(message)
        self.sent.append(message)
        return message

    def _sendMessage(self, params: dict[str, Any]) -> Any:
        text = params.get("text", "")
        if not text or utf16(text) > TEXT_LIMIT:
            return _error(400, "Bad Request: message is too long" if text
                          else "Bad Request: message text is empty")
        return self._record(params, "message", text=text, sent_text=text)

    def _sendPhoto(self, params: dict[str, Any]) -> Any:
        return self._record(params, "photo", file=params["photo"],
                            caption=params.get("caption"))

    def _sendDocument(self, params: dict[str, Any]) -> Any:
        return self._record(params, "document", file=params["document"],
                            caption=params.get("caption"))

    def _copyMessage(self, params: dict[str, Any]) -> Any:
        return self._record(params, "copy", from_chat_id=int(params["from_chat_id"]),
                            copied_message_id=int(params["message_id"]),
                            caption=params.get("caption"))

    def _editMessageText(self, params: dict[str, Any]) -> Any:
        chat, text = int(params["chat_id"]), params["text"]
        message = next(m for m in self.messages.get(chat, [])
                       if m["message_id"] == int(params["message_id"]))
        markup = json.loads(params["reply_markup"]) if params.get("reply_markup") else None
        if message.get("text") == text and message["reply_markup"] == markup:
            return _error(400, "Bad Request: message is not modified: specified new message "
                               "content and reply markup are exactly the same")
        message.update(text=text, reply_markup=markup, edits=message["edits"] + 1)
        return message

    # ---- for tests -----------------------------------------------------------------------------
    def chat(self, chat: int) -> list[dict[str, Any]]:
        return self.messages.get(chat, [])

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Wait until `predicate()` is truthy and return it; TimeoutError after `timeout`."""
        deadline = time.monotonic() + timeout
        while not (value := predicate()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not met within {timeout} s")
            await asyncio.sleep(0.01)
        return value

    async def next_messages(self, chat: int, before: int, count: int = 1,
                            timeout: float = 30.0) -> list[dict[str, Any]]:
        await self.wait_for(lambda: len(self.chat(chat)) >= before + count, timeout)
        return self.chat(chat)[before:]

    def all_acknowledged(self) -> bool:
        return not self.updates and self.offset > 0


def buttons(message: dict[str, Any]) -> list[dict[str, str]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


async def _params(request: web.Request, uploads: dict[str, bytes]) -> dict[str, Any]:
    if request.content_type == "application/json":
        # Read as a form would give it: nested objects (a keyboard) as their JSON text.
        body = await request.json()
        return {key: value if isinstance(value, str) else json.dumps(value)
                for key, value in body.items()}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        if isinstance(value, str):
            params[key] = value
        else:
            params[key] = f"upload:{value.filename}"
            uploads[params[key]] = value.file.read()
    for key, value in params.items():
        # An uploaded file ("attach://<part>") is recorded by its name.
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value.removeprefix("attach://"), value)
    return params


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, **parameters: Any) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _failure_answer(failure: Failure) -> web.Response:
    if failure.kind == "429":
        return _error(429, f"Too Many Requests: retry after {failure.retry_after}",
                      retry_after=failure.retry_after)
    if failure.kind == "403":
        return _error(403, "Forbidden: bot was blocked by the user")
    if failure.kind == "500":
        return _error(500, "Internal Server Error")
    if failure.kind == "502":
        return web.Response(status=502, content_type="text/html",
                            text="<html><body><h1>502 Bad Gateway</h1></body></html>")
    raise ValueError(f"unknown failure {failure.kind!r}")


def _drop(request: web.Request) -> web.Response:
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=499)
