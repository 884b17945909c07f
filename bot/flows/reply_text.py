"""The last touch on a turn's replies to the person: Flemish terms explained where they first
appear (bot/flows/glossary.py), and the Dutch line under each message for people who practise
Dutch (bot/i18n/beside.py). Button labels are left as they are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.flows.effects import Effects
from bot.flows.glossary import Glossary
from bot.i18n.beside import MARK, in_dutch, translated_parts
from bot.i18n.text import split_text, utf16_length
from bot.types import Outgoing


def finished(effects: Effects, glossary: Glossary | None,
             _: Callable[[str], str]) -> list[Outgoing]:
    """The replies to the person, with terms explained and (if they want it) the Dutch line;
    a message that grows too long for the channel is split, its buttons on the last part."""
    labels = {option.label for reply in effects.replies for option in reply.options}
    out: list[Outgoing] = []
    for reply in effects.replies:
        if reply.to != effects.to or reply.kind != "message" or not reply.text:
            out.append(reply)
            continue
        text = reply.text if glossary is None else glossary.explain(
            reply.text, _, translated_parts(reply.text, effects.said, labels))
        if utf16_length(text) > effects.limits.text:
            # A part of a message that was split to fit: it stays one part without them.
            text = reply.text
        dutch = in_dutch(reply.text, effects.said, labels) if effects.said.wanted else ""
        if dutch and dutch != reply.text.strip():
            text = f"{text}\n\n{MARK}{dutch}"
        if text == reply.text:
            out.append(reply)
            continue
        pieces = split_text(text, effects.limits.text)
        out += [Outgoing(to=reply.to, text=piece, channel=reply.channel)
                for piece in pieces[:-1]]
        out.append(replace(reply, text=pieces[-1]))
    return out
