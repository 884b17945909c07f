"""Everything stored about one person, table by table: what an export holds (GDPR art. 15 and
20) and what an erasure removes (art. 17). Each storage module contributes an exporter and an
eraser; a new table of personal data joins with one line in EXPORTERS and one in ERASERS."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, or_, select, update

from bot.storage.tables import (
    coach_links,
    link_codes,
    outbox,
    processed_updates,
    reminders,
    unreachable_chats,
    users,
)


@dataclass(frozen=True)
class Person:
    """Who an export or an erasure is about: their row's id and their id on their channel."""

    id: int
    channel: str
    external_id: str


def find(conn: Connection, channel: str, external_id: str) -> Person | None:
    row = conn.execute(select(users.c.id).where(users.c.channel == channel,
                                                users.c.external_id == external_id)).first()
    return None if row is None else Person(int(row.id), channel, external_id)


def erased_sender(channel: str, external_id: str) -> str:
    """How the update that erased a person is remembered (to answer its redelivery the same
    way): a hash, so the id itself is gone with the person."""
    digest = hashlib.sha256(f"{channel}:{external_id}".encode()).hexdigest()
    return f"erased:{digest[:40]}"


def _plain(value: Any) -> Any:
    """Datetimes as ISO text, so the export is plain JSON."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    return [_plain(dict(row)) for row in conn.execute(statement).mappings()]


# Which rows of a table are the person's, for the exporter and the eraser alike.

def _messages_of(person: Person) -> Any:
    return or_(outbox.c.user_id == person.id,
               (outbox.c.channel == person.channel) & (outbox.c.chat == person.external_id))


def _handled_of(person: Person) -> Any:
    return and_(processed_updates.c.channel == person.channel,
                processed_updates.c.sender == person.external_id)


def _blocked_of(person: Person) -> Any:
    return and_(unreachable_chats.c.channel == person.channel,
                unreachable_chats.c.chat == person.external_id)


# Exporters: what each table holds about the person, as plain JSON.

def _export_profile(conn: Connection, person: Person) -> Any:
    [row] = _rows(conn, select(users.c.channel, users.c.external_id, users.c.language,
                               users.c.role, users.c.consent, users.c.consent_version,
                               users.c.consent_at, users.c.created_at, users.c.seen_at,
                               users.c.state).where(users.c.id == person.id))
    return row


def _export_coach_links(conn: Connection, person: Person) -> Any:
    # The coach's own ids are the coach's data: a link shows how it names this person.
    columns = (coach_links.c.label, coach_links.c.created_at, coach_links.c.shared_at)
    return {
        "my_coaches": _rows(conn, select(*columns).where(
            coach_links.c.newcomer_id == person.id).order_by(coach_links.c.id)),
        "my_newcomers": _rows(conn, select(*columns).where(
            coach_links.c.coach_id == person.id).order_by(coach_links.c.id)),
    }


def _export_reminders(conn: Connection, person: Person) -> Any:
    return _rows(conn, select(reminders.c.kind, reminders.c.due_at, reminders.c.data,
                              reminders.c.created_at, reminders.c.done_at)
                 .where(reminders.c.user_id == person.id).order_by(reminders.c.id))


def _export_link_codes(conn: Connection, person: Person) -> Any:
    # Only the hash of a link is stored; it is left out, as it opens nothing.
    return _rows(conn, select(link_codes.c.kind, link_codes.c.created_at,
                              link_codes.c.expires_at, link_codes.c.uses, link_codes.c.used_at,
                              link_codes.c.withdrawn_at)
                 .where(link_codes.c.created_by == person.id).order_by(link_codes.c.id))


def _export_messages(conn: Connection, person: Person) -> Any:
    return _rows(conn, select(outbox.c.message, outbox.c.status, outbox.c.created_at,
                              outbox.c.sent_at)
                 .where(_messages_of(person)).order_by(outbox.c.id))


def _export_handled_updates(conn: Connection, person: Person) -> Any:
    return _rows(conn, select(processed_updates.c.update_id, processed_updates.c.replies,
                              processed_updates.c.created_at)
                 .where(_handled_of(person)).order_by(processed_updates.c.created_at))


def _export_unreachable(conn: Connection, person: Person) -> Any:
    return _rows(conn, select(unreachable_chats.c.since).where(_blocked_of(person)))


Exporter = Callable[[Connection, Person], Any]
EXPORTERS: dict[str, Exporter] = {
    "profile": _export_profile,
    "coach_links": _export_coach_links,
    "reminders": _export_reminders,
    "link_codes": _export_link_codes,
    "messages": _export_messages,
    "handled_updates": _export_handled_updates,
    "blocked_bot": _export_unreachable,
}


def export(conn: Connection, person: Person, now: datetime) -> dict[str, Any]:
    """Everything stored about the person, as one JSON document."""
    data: dict[str, Any] = {"exported_at": now.isoformat()}
    for name, exporter in EXPORTERS.items():
        data[name] = exporter(conn, person)
    return data


# Erasers: each removes what its table holds about the person and returns how many rows.

def _mentions(message: Any, names: set[str]) -> bool:
    text = json.dumps(message, ensure_ascii=False)
    return any(name in text for name in names)


def _erase_copies_at_coaches(conn: Connection, person: Person) -> int:
    """What coaches got about the person (a help alert, their profile): every such message
    names them by the link's label, so the coach's messages and stored replies naming it go."""
    links = conn.execute(
        select(users.c.id, users.c.channel, users.c.external_id, coach_links.c.label)
        .join(coach_links, coach_links.c.coach_id == users.c.id)
        .where(coach_links.c.newcomer_id == person.id)).all()
    gone = 0
    for coach_id, channel, chat, label in links:
        names = {label, person.external_id}
        rows = conn.execute(select(outbox.c.id, outbox.c.message).where(
            or_(outbox.c.user_id == coach_id,
                (outbox.c.channel == channel) & (outbox.c.chat == chat)))).all()
        ids = [row_id for row_id, message in rows if _mentions(message, names)]
        if ids:
            gone += conn.execute(delete(outbox).where(outbox.c.id.in_(ids))).rowcount
        handled = conn.execute(select(processed_updates.c.update_id, processed_updates.c.replies)
                               .where(processed_updates.c.channel == channel,
                                      processed_updates.c.sender == chat)).all()
        for update_id, replies in handled:
            if _mentions(replies, names):
                # The coach's update stays recognised (a redelivery changes nothing), with
                # nothing to give again.
                conn.execute(update(processed_updates).where(
                    processed_updates.c.channel == channel, processed_updates.c.sender == chat,
                    processed_updates.c.update_id == update_id).values(replies=[]))
                gone += 1
    return gone


def _erase_handled_updates(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(processed_updates).where(_handled_of(person))).rowcount)


def _erase_messages(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(outbox).where(_messages_of(person))).rowcount)


def _erase_reminders(conn: Connection, person: Person) -> int:
    gone = int(conn.execute(delete(reminders).where(reminders.c.user_id == person.id)).rowcount)
    # Newcomers still to be asked whether this coach may see their profile: not any more.
    naming = [row_id for row_id, data in conn.execute(
        select(reminders.c.id, reminders.c.data).where(reminders.c.kind == "share_request"))
        if str((data or {}).get("coach")) == str(person.id)]
    if naming:
        gone += int(conn.execute(delete(reminders).where(reminders.c.id.in_(naming))).rowcount)
    return gone


def _erase_coach_links(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(coach_links).where(or_(
        coach_links.c.coach_id == person.id, coach_links.c.newcomer_id == person.id))).rowcount)


def _erase_link_codes(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(link_codes).where(
        link_codes.c.created_by == person.id)).rowcount)


def _erase_unreachable(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(unreachable_chats).where(_blocked_of(person))).rowcount)


def _erase_profile(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(users).where(users.c.id == person.id)).rowcount)


Eraser = Callable[[Connection, Person], int]
# In this order: copies at coaches are found through the links, and the person's row goes last.
ERASERS: dict[str, Eraser] = {
    "copies_at_coaches": _erase_copies_at_coaches,
    "handled_updates": _erase_handled_updates,
    "messages": _erase_messages,
    "reminders": _erase_reminders,
    "coach_links": _erase_coach_links,
    "link_codes": _erase_link_codes,
    "blocked_bot": _erase_unreachable,
    "profile": _erase_profile,
}


def erase(conn: Connection, person: Person) -> dict[str, int]:
    """Remove the person everywhere; returns the rows removed per kind (no contents)."""
    return {name: eraser(conn, person) for name, eraser in ERASERS.items()}
