"""`brug simulate`: JSON lines in, the bot's messages as JSON lines out, turn by turn.

In:  {"user": "amal", "text": "/start"}, {"user": "amal", "press": 2 | "Dari"},
     {"advance": "P2D"}, {"user": "sara", "role": "coach"}, {"user": "sara", "link": "amal"},
     {"event": "Jobdate", "people": ["amal", "omid"]}, {"link_code": "sara", "renew": true},
     {"invite": "organiser"}, {"user": "amal", "media": "photo"}; an admin's line may carry
     "by" (who tries it; their role is checked), any may carry
     "language_code" and "update_id", and a user line "name" (the chat profile's name) and
     "reply_to" (the text of the message it answers).
Out: {"to", "text", "options", "kind", "step"} per message ({"step", "link", "payload"} for a
     link_code or invite line), then {"step": N, "done": true}.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import IO, Any

from pydantic import TypeAdapter, ValidationError

from bot.app import ROLES, Brug
from bot.channels.commands import parse_command
from bot.clock import FakeClock
from bot.flows import permissions
from bot.flows.coach_link import coach_link_payload
from bot.flows.invite_link import ROLES as INVITED_ROLES
from bot.flows.invite_link import invite_payload
from bot.flows.steps.base import match_label
from bot.services.link_codes import link_url
from bot.types import ChannelLimits, Incoming, Option, Outgoing

CHANNEL = "simulate"
# As Telegram, so that transcripts show what a phone shows.
LIMITS = ChannelLimits(text=4096, options=100, label=40)
log = logging.getLogger(__name__)


# The admin's lines, as the command line's actions (bot/flows/permissions.py); with "by" they
# are tried by that person, whose role is checked, else by the server's operator.
ADMIN_LINES = {"event": permissions.ASK_AFTER_EVENT, "link_code": permissions.ISSUE_LINK,
               "invite": permissions.INVITE, "role": permissions.GIVE_ROLE,
               "link": permissions.ASSIGN}


class InputError(ValueError):
    """An input line the simulator cannot use; it answers with an error line and goes on."""


_DURATION = TypeAdapter(timedelta)


def parse_duration(text: str) -> timedelta:
    """An ISO-8601 duration as people write them here: P2D, PT2H, P1DT30M, P3W."""
    try:
        if not text.startswith("P"):
            raise ValueError(text)
        duration = _DURATION.validate_python(text)
    except (ValueError, ValidationError) as error:
        raise InputError(f"not an ISO-8601 duration: {text!r} (try P2D or PT2H)") from error
    if duration < timedelta(0):
        raise InputError("the clock only moves forward")
    return duration


@dataclass
class LastOptions:
    """The options of the last message each user got, so `press` can name them."""

    by_user: dict[str, tuple[int | None, list[tuple[str, str]]]] = field(default_factory=dict)

    def remember(self, message: Outgoing) -> None:
        if message.options:
            self.by_user[message.to] = (message.turn, [(o.id, o.label) for o in message.options])

    def resolve(self, user: str, press: Any) -> tuple[str, int | None]:
        if user not in self.by_user:
            raise InputError(f"{user} has no message with options to press")
        turn, options = self.by_user[user]
        if isinstance(press, bool) or not isinstance(press, int | str):
            raise InputError("press takes an option number (from 1) or a label")
        if isinstance(press, int):
            if not 1 <= press <= len(options):
                raise InputError(f"press {press}: the last message has {len(options)} options")
            return options[press - 1][0], turn

        chosen = match_label(press, [Option(i, label) for i, label in options])
        if chosen is None:
            raise InputError(f"no single option label matches {press!r}")
        return chosen, turn


class Simulator:
    """Runs the real core on a fake clock; every message, direct or from the outbox, is printed."""

    def __init__(self, app: Brug, clock: FakeClock, write: Callable[[dict[str, Any]], None]):
        self.app = app
        self.clock = clock
        self.write = write
        self.options = LastOptions()
        self.step = 0
        self._current_step = 0
        self.sender = app.sender({CHANNEL: self}, paced=False)
        app.use_limits(CHANNEL, LIMITS)

    async def deliver(self, chat: str, message: Outgoing) -> None:
        """The outbox transport: messages for later are printed at the step that sent them."""
        self._emit(message)

    def _emit(self, message: Outgoing) -> None:
        self.options.remember(message)
        line: dict[str, Any] = {"to": message.to, "text": message.text}
        if message.options:
            line["options"] = [{"id": o.id, "label": o.label} for o in message.options]
        line["kind"] = message.kind
        if message.file:
            line["file"] = message.file
        if message.caption:
            line["caption"] = message.caption
        if message.kind == "copy":
            # Someone's photo, voice message or file, passed on as it is.
            line["media"] = message.media
            line["copy_of"] = message.copy_of
        line["step"] = self._current_step
        self.write(line)

    async def feed(self, raw: str) -> None:
        self.step += 1
        self._current_step = self.step
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise InputError("each line must be a JSON object")
            await self._apply(data)
        except (InputError, json.JSONDecodeError) as error:
            self.write({"step": self.step, "error": str(error)})
        except Exception as error:
            # A line that should have been refused and was not: say so, and go on with the
            # next line, as with any other bad line; the traceback goes to the log.
            log.exception("line %d could not be handled", self.step)
            self.write({"step": self.step, "error": f"this line could not be handled: {error}"})
        await self.app.sweep()
        await self.sender.drain()
        self.write({"step": self.step, "done": True})

    async def _apply(self, data: dict[str, Any]) -> None:
        action = next((ADMIN_LINES[key] for key in ADMIN_LINES if key in data), None)
        if action is not None:
            by = data.get("by")
            if by is not None and not isinstance(by, str):
                raise InputError("by names a user (text)")
            try:
                await self.app.authorize(action, CHANNEL, by)
            except permissions.Refused as refused:
                raise InputError(str(refused)) from refused
        if "advance" in data:
            try:
                self.clock.advance(parse_duration(str(data["advance"])))
            except OverflowError as error:
                raise InputError("that is past the year 9999") from error
            return
        if "event" in data:
            await self._after_event(data)
            return
        if "link_code" in data:
            await self._link_code(data)
            return
        if "invite" in data:
            await self._invite(data)
            return
        user = data.get("user")
        if not isinstance(user, str) or not user.strip() or len(user) > 64:
            raise InputError("a line needs \"user\" (a name up to 64 characters) or \"advance\"")
        if "role" in data:
            if data["role"] not in ROLES:
                raise InputError(f"unknown role {data['role']!r}; use one of {', '.join(ROLES)}")
            await self.app.set_role(CHANNEL, user, data["role"])
            return
        if "link" in data:
            # The admin's `brug link`: this user becomes the coach of the named newcomer.
            try:
                await self.app.link(CHANNEL, user, str(data["link"]), str(data.get("label", "")))
            except LookupError as error:
                raise InputError(str(error)) from error
            return
        incoming = self._incoming(user, data)
        for reply in (await self.app.handle(incoming)).replies:
            self._emit(reply)

    async def _after_event(self, data: dict[str, Any]) -> None:
        """The admin's `brug after-event`: the people are asked the measured questions again."""
        event, people = data["event"], data.get("people")
        if not isinstance(event, str) or not event.strip() or not isinstance(people, list):
            raise InputError("an event line needs \"event\" (its name) and \"people\" (a list)")
        report = await self.app.ask_again_after_event(CHANNEL, event.strip()[:100],
                                                      [str(p) for p in people])
        if report.missing:
            raise InputError(f"not found (they must start the bot first): "
                             f"{', '.join(report.missing)}")

    async def _link_code(self, data: dict[str, Any]) -> None:
        """The admin's `brug link-code`: a new link for the coach, written as a line."""
        coach, renew = data["link_code"], data.get("renew", False)
        if not isinstance(coach, str) or not coach.strip() or not isinstance(renew, bool):
            raise InputError("a link_code line names the coach (\"link_code\": \"sara\"), "
                             "and may say \"renew\": true")
        now = self.clock.now()
        try:
            payload = await self.app.store.run(
                lambda repo: coach_link_payload(repo, CHANNEL, coach, now, renew=renew))
        except LookupError as error:
            raise InputError(str(error)) from error
        self.write({"step": self.step,
                    "link": link_url(self.app.settings.bot_username, payload),
                    "payload": payload})

    async def _invite(self, data: dict[str, Any]) -> None:
        """The admin's `brug invite ROLE`: a single-use link that gives the role."""
        role = data["invite"]
        if role not in INVITED_ROLES:
            raise InputError(f"an invite gives one of {', '.join(INVITED_ROLES)}")
        now = self.clock.now()
        payload = await self.app.store.run(lambda repo: invite_payload(repo, role, now))
        self.write({"step": self.step,
                    "link": link_url(self.app.settings.bot_username, payload),
                    "payload": payload})

    def _incoming(self, user: str, data: dict[str, Any]) -> Incoming:
        common: dict[str, Any] = {
            "channel": CHANNEL, "user": user, "time": self.clock.now(),
            "language_hint": data.get("language_code"),
        }
        for key, field_name in (("name", "name"), ("reply_to", "reply_to")):
            if key in data:
                if not isinstance(data[key], str):
                    raise InputError(f"{key} must be text")
                common[field_name] = data[key]
        hint = common["language_hint"]
        if hint is not None and not isinstance(hint, str):
            raise InputError("language_code must be text, like \"nl\"")
        if "update_id" in data:
            update_id = data["update_id"]
            # A bool is an int to Python, and the database keeps 64-bit numbers.
            if isinstance(update_id, bool) or not isinstance(update_id, int) or not (
                    0 <= update_id < 2**63):
                raise InputError("update_id must be a whole number from 0 to 2^63 - 1")
            common["update_id"] = update_id
        if "press" in data:
            choice, turn = self.options.resolve(user, data["press"])
            return Incoming(kind="press", choice=choice, turn=turn, **common)
        if data.get("media"):
            media = data["media"]
            if not isinstance(media, str) or not media.isascii() or len(media) > 20:
                raise InputError("media names a kind: \"photo\", \"voice\", \"document\"")
            # The message's reference: who sent it and at which step, as a chat and an id.
            return Incoming(kind="media", media=media,
                            message_ref=f"{user}:{self.step}", **common)
        text = data.get("text")
        if not isinstance(text, str):
            raise InputError("a user line needs \"text\", \"press\", \"media\" or \"role\"")
        command = parse_command(text)
        if command:
            return Incoming(kind="command", text=text, command=command[0], payload=command[1],
                            **common)
        return Incoming(kind="text", text=text, **common)


async def run_simulation(app: Brug, clock: FakeClock, source: IO[str], sink: IO[str]) -> None:
    def write(line: dict[str, Any]) -> None:
        sink.write(json.dumps(line, ensure_ascii=False) + "\n")
        sink.flush()

    simulator = Simulator(app, clock, write)
    for raw in source:
        if raw.strip():
            await simulator.feed(raw)
