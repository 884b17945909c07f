"""The last touch on every message to a person: Flemish terms explained where they first
appear (bot/flows/glossary.py), and the Dutch line under each message for people who practise
Dutch (bot/i18n/beside.py). Button labels are left as they are. The same touch is given to the
replies of a person's own turn and to what reaches them from someone else's turn or a job
(bot/app_recipient.py), always by the reader's language and setting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.flows.effects import Effects
from bot.flows.glossary import Glossary
from bot.i18n.beside import MARK, Said, in_dutch, translated_parts
from bot.i18n.text import split_text, utf16_length
from bot.types import Outgoing


def finished(effects: Effects, glossary: Glossary | None,
             _: Callable[[str], str]) -> list[Outgoing]:
    """The replies to the person, with terms explained and (if they want it) the Dutch line."""
    labels = {option.label for reply in effects.replies for option in reply.options}
    out: list[Outgoing] = []
    for reply in effects.replies:
        if reply.to != effects.to:
            out.append(reply)
            continue
        out += touched(reply, effects.said, glossary, _, labels, effects.limits.text)
    return out


def touched(reply: Outgoing, said: Said, glossary: Glossary | None, _: Callable[[str], str],
            labels: set[str], limit: int) -> list[Outgoing]:
    """One message with terms explained and (if `said.wanted`) the Dutch line; a message that
    grows too long for the channel (`limit`) is split, its buttons on the last part."""
    if reply.kind != "message" or not reply.text:
        return [reply]
    # Most messages name no term: then there is nothing to explain, and no need to find
    # where the translated words stand in them.
    text = reply.text if glossary is None or glossary.pattern.search(reply.text) is None \
        else glossary.explain(reply.text, _, translated_parts(reply.text, said, labels))
    if utf16_length(text) > limit:
        # A part of a message that was split to fit: it stays one part without them.
        text = reply.text
    dutch = in_dutch(reply.text, said, labels) if said.wanted else ""
    # A Dutch line that only introduces what follows ("💬 Sara (coach):") would announce a
    # person's own words, which it never repeats: no line is better than that.
    if dutch and dutch != reply.text.strip() and not dutch.endswith(":"):
        text = f"{text}\n\n{MARK}{dutch}"
    if text == reply.text:
        return [reply]
    pieces = split_text(text, limit)
    return [*(Outgoing(to=reply.to, text=piece, channel=reply.channel) for piece in pieces[:-1]),
            replace(reply, text=pieces[-1])]
