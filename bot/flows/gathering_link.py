"""An event's join link: whoever opens it sees the event in their language and can join (the
screen `event_view`; someone new is onboarded first). Many may open it; it works until a day
after the event starts."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.flows.link_kind import Opened, Opening, PayloadKind
from bot.services.link_codes import issue, link_url
from bot.services.qr import LinkPicture
from bot.storage.gatherings import Gathering
from bot.storage.link_codes import LinkCodes

# People may still be on their way, or open the link late to see where it was.
OPEN_AFTER_START = timedelta(days=1)


def open_event_link(opening: Opening) -> Opened:
    """The event is shown by the conversation (it reads the same code); a flow started by
    this kind of link gets the event's id."""
    return Opened([], used=True, carries={"event": opening.code.grants})


EVENT_LINK = PayloadKind("event", "e", open_event_link, single_use=False,
                         lifetime=timedelta(days=366))



def new_event_link(codes: LinkCodes, event: Gathering, now: datetime, *, bot_username: str,
                   folder: Path) -> LinkPicture:
    """A new join link for the event (only its hash is kept: each request makes a new one)."""
    expires = (event.ends_at or event.starts_at) + OPEN_AFTER_START
    payload = issue(codes, EVENT_LINK.name, EVENT_LINK.prefix, event.organiser_id,
                    grants=str(event.id), single_use=False, now=now,
                    lifetime=max(expires - now, timedelta(hours=1))).payload
    return LinkPicture.of(link_url(bot_username, payload), folder, "event-link")
