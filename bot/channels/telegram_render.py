"""Turning Telegram updates into Incoming and Outgoing into Telegram messages. aiogram types
stay in bot/channels/telegram*; nothing else sees them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from aiogram.types import CallbackQuery, Message, User

from bot.channels.commands import parse_command
from bot.types import ChannelLimits, Incoming, Option, Outgoing

CHANNEL = "telegram"
# A message holds 4096 UTF-16 units and (inline keyboard) 100 buttons; labels are kept to 40
# characters so that a button shows its whole label on a phone.
LIMITS = ChannelLimits(text=4096, options=100, label=40)
CALLBACK_LIMIT = 64  # bytes, Telegram's limit for callback_data
SHORT_LABEL = 14  # labels this short go two to a row
TURN_DIGITS = 18  # a turn number is a 64-bit integer


def callback_data(turn: int | None, option: Option) -> str:
    """'turn:option', short ASCII; the turn tells a current button from an old one."""
    data = f"{turn or 0}:{option.id}"
    if len(data.encode("utf-8")) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
    return data


def parse_callback(data: str | None) -> tuple[int | None, str | None]:
    turn, _, option = (data or "").partition(":")
    # Anyone can send any callback data: only plain ASCII digits that fit the stored turn
    # number are a turn ("²" and "①" pass isdigit() but are no number for int()).
    is_turn = turn.isascii() and turn.isdecimal() and len(turn) <= TURN_DIGITS
    return (int(turn) if is_turn else None), (option or None)


def keyboard(message: Outgoing) -> str | None:
    """The buttons as the JSON text Telegram reads: answers one per row (two if short),
    navigation together on the last row. Built as plain JSON, not aiogram's pydantic objects,
    which cost more than the rest of a sendMessage (see BENCHMARKS.md); as text, aiogram
    sends it as it is."""
    if not message.options:
        return None
    rows: list[list[dict[str, str]]] = []
    answers = [o for o in message.options if o.kind == "answer"]
    nav = [o for o in message.options if o.kind == "nav"]
    pair = all(len(o.label) <= SHORT_LABEL for o in answers) and len(answers) > 3
    width = 2 if pair else 1
    for start in range(0, len(answers), width):
        rows.append([_button(message, o) for o in answers[start : start + width]])
    if nav:
        rows.append([_button(message, o) for o in nav])
    # Compact, and Arabic labels as UTF-8 rather than \u escapes: half the bytes or less.
    return orjson.dumps({"inline_keyboard": rows}).decode()


def _button(message: Outgoing, option: Option) -> dict[str, str]:
    return {"text": option.label, "callback_data": callback_data(message.turn, option)}


def _incoming(person: User, update_id: int | None, time: datetime,
              **fields: Any) -> Incoming:
    return Incoming(channel=CHANNEL, user=str(person.id), time=time, update_id=update_id,
                    language_hint=person.language_code, name=person.first_name or None,
                    **fields)


def from_message(message: Message, update_id: int | None, time: datetime) -> Incoming | None:
    """A person's message as the core sees it; None for messages not from a person."""
    sender = message.from_user
    if sender is None or sender.is_bot:
        return None
    replied = message.reply_to_message
    reply_to = (replied.text or replied.caption or "") if replied is not None else None
    if message.text is None:
        # Photos, stickers, voice, files, locations: the bot reads only text and buttons, and
        # passes them on, copied, in a conversation with a coach.
        return _incoming(sender, update_id, time, kind="media", media=_media_kind(message),
                         message_ref=f"{message.chat.id}:{message.message_id}",
                         reply_to=reply_to)
    command = parse_command(message.text)
    if command:
        return _incoming(sender, update_id, time, kind="command", text=message.text,
                         command=command[0], payload=command[1])
    return _incoming(sender, update_id, time, kind="text", text=message.text,
                     reply_to=reply_to)


_MEDIA_KINDS = ("photo", "voice", "document", "video", "audio", "video_note", "sticker",
                "location", "contact")


def _media_kind(message: Message) -> str:
    return next((kind for kind in _MEDIA_KINDS if getattr(message, kind, None)), "other")


def from_callback(query: CallbackQuery, update_id: int | None, time: datetime) -> Incoming:
    turn, option = parse_callback(query.data)
    return _incoming(query.from_user, update_id, time, kind="press", choice=option or "",
                     turn=turn)


def chosen_label(query: CallbackQuery) -> str | None:
    """The label of the pressed button, read from the message it was on."""
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return str(button.text)
    return None
