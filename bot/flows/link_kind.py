"""What a kind of deep link is: its name, payload prefix and handler, and what a handler is
given and gives back. The router (deep_links) keeps the table of kinds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage.link_codes import LinkCodeRow
from bot.storage.repository import SqlRepository, UserRecord

# The kinds of link there are, by name (deep_links.KINDS has a handler for each): a flow's
# YAML may be started by them (`trigger: links: [coach]`).
NAMES = ("coach", "invite", "event")


@dataclass(frozen=True)
class Opening:
    """A payload being opened, inside the update's transaction."""

    repo: SqlRepository
    user: UserRecord  # saved: it has an id
    code: LinkCodeRow
    time: datetime
    _: Callable[[str], str]


@dataclass(frozen=True)
class Opened:
    """What opening a link said, whether it counts as a use of a code many may use, the
    values a flow started by this kind of link gets (`trigger: links:` in its YAML; None: the
    link starts no flow), and the triggered flows it starts in the same turn: (reminder
    kind, the values it carries)."""

    lines: list[str]
    used: bool
    carries: Mapping[str, str] | None = None
    starts: tuple[tuple[str, Mapping[str, str]], ...] = ()


Handler = Callable[[Opening], Opened]


@dataclass(frozen=True)
class PayloadKind:
    """A kind of link: its name in the database, its payload prefix, what opening it does,
    and how long a new code of this kind opens."""

    name: str
    prefix: str
    handler: Handler
    single_use: bool
    lifetime: timedelta
