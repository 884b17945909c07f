"""The deep-link router: `/start PAYLOAD` opens what the payload names (a coach's link, an
invite, an event), then the normal start follows. KINDS is the table from a payload's
prefix to its handler: a new kind of link is one entry there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.flows.coach_link import COACH
from bot.flows.content import link_opened
from bot.flows.gathering_link import EVENT_LINK
from bot.flows.invite_link import INVITE
from bot.flows.link_kind import NAMES, Opened, Opening, PayloadKind
from bot.i18n import N_
from bot.services.link_codes import Refusal, look_up, prefix_of
from bot.storage.link_codes import LinkCodes
from bot.storage.repository import SqlRepository, UserRecord
from bot.types import Outgoing

# A line from the router and the first message of the start are sent as one message while
# they are this short together (one notification on the phone).
_JOIN_BELOW = 1000

_DOES_NOT_WORK = N_("This link does not work. Check that you copied all of it, or ask the "
                    "person who gave it to you for a new one.")
# Why a link did not open; what the person reads, translated when it is said.
REFUSED: dict[Refusal, str] = {
    "malformed": _DOES_NOT_WORK,
    "unknown": _DOES_NOT_WORK,
    "expired": N_("This link has expired. Ask the person who gave it to you for a new one."),
    "withdrawn": N_("This link was replaced by a new one. Ask the person who gave it to you "
                    "for the new link."),
    "used": N_("This link was used already. Ask the person who gave it to you for a new one."),
}


# The kinds of link there are, by payload prefix.
KINDS: dict[str, PayloadKind] = {kind.prefix: kind for kind in (COACH, INVITE, EVENT_LINK)}
assert sorted(kind.name for kind in KINDS.values()) == sorted(NAMES)


def open_payload(repo: SqlRepository, user: UserRecord, payload: str, now: datetime,
                 _: Callable[[str], str]) -> Opened:
    """What opening the payload of a `/start PAYLOAD` said, in the person's language, and
    what it starts. The person is saved (has an id), so what the link grants can name them."""
    kind = KINDS.get(prefix_of(payload) or "")
    if kind is None:
        return Opened([_(REFUSED["malformed"])], used=False)
    codes = LinkCodes(repo.conn)
    found = look_up(codes, kind.name, payload, now)
    if isinstance(found, str):
        return Opened([_(REFUSED[found])], used=False)
    opened = kind.handler(Opening(repo, user, found, now, _))
    if opened.used and not found.single_use:
        codes.count_use(found.id, now)
    if opened.carries is not None:
        # The flow whose YAML names this kind of link (`trigger: links:`) starts now, if any.
        start = (link_opened(kind.name), opened.carries)
        opened = replace(opened, starts=(*opened.starts, start))
    return opened


def said_first(lines: list[str], replies: list[Outgoing], to: str, channel: str
               ) -> list[Outgoing]:
    """The router's lines before the start's replies, joined with the first one if short."""
    if not lines:
        return replies
    text = "\n\n".join(lines)
    if replies and replies[0].kind == "message":
        joined = f"{text}\n\n{replies[0].text}"
        if len(joined) < _JOIN_BELOW:
            return [replace(replies[0], text=joined), *replies[1:]]
    return [Outgoing(to=to, text=text, channel=channel), *replies]
