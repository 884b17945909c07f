"""An event's join link: whoever opens it sees the event in their language and can join (the
screen `event_view`; someone new is onboarded first). Many may open it; it works until a day
after the event starts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.flows.link_kind import Opened, Opening, PayloadKind
from bot.services.link_codes import issue, link_url
from bot.services.qr import write_qr_png
from bot.storage.gatherings import Gathering
from bot.storage.link_codes import LinkCodes
from bot.types import Outgoing

# People may still be on their way, or open the link late to see where it was.
OPEN_AFTER_START = timedelta(days=1)


def open_event_link(opening: Opening) -> Opened:
    """The event is shown by the conversation (it reads the same code); nothing to add."""
    return Opened([], used=True)


EVENT_LINK = PayloadKind("event", "e", open_event_link, single_use=False,
                         lifetime=timedelta(days=366))


@dataclass(frozen=True)
class GatheringLink:
    """An event's join link in words and as a QR image (drawn after the commit)."""

    url: str
    image: Path

    def draw(self) -> Path:
        if not self.image.exists():
            write_qr_png(self.url, self.image)
        return self.image

    def image_message(self, to: str, channel: str) -> Outgoing:
        return Outgoing(to=to, text="", kind="image", file=str(self.image), caption=self.url,
                        channel=channel)


def new_event_link(codes: LinkCodes, event: Gathering, now: datetime, *, bot_username: str,
                   folder: Path) -> GatheringLink:
    """A new join link for the event (only its hash is kept: each request makes a new one)."""
    expires = (event.ends_at or event.starts_at) + OPEN_AFTER_START
    payload = issue(codes, EVENT_LINK.name, EVENT_LINK.prefix, event.organiser_id,
                    grants=str(event.id), single_use=False, now=now,
                    lifetime=max(expires - now, timedelta(hours=1))).payload
    url = link_url(bot_username, payload)
    image = folder / f"event-link-{hashlib.sha256(url.encode()).hexdigest()[:16]}.png"
    return GatheringLink(url, image)
