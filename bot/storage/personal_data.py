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

from bot.storage import audit, coach_desk, consents, growth_points
from bot.storage.tables import (
    appointments,
    attendance,
    coach_links,
    event_evaluations,
    events,
    handoff_waiting,
    handoffs,
    link_codes,
    outbox,
    poll_answers,
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


def _export_appointments(conn: Connection, person: Person) -> Any:
    columns = (appointments.c.starts_at, appointments.c.place, appointments.c.topic,
               appointments.c.proposals, appointments.c.status, appointments.c.created_at,
               appointments.c.updated_at)
    return {
        "with_my_coach": _rows(conn, select(*columns).where(
            appointments.c.newcomer_id == person.id).order_by(appointments.c.id)),
        "with_my_newcomers": _rows(conn, select(*columns).where(
            appointments.c.coach_id == person.id).order_by(appointments.c.id)),
    }


def _export_handoffs(conn: Connection, person: Person) -> Any:
    # The coach's closing note is about the newcomer: the chat does not show it to them, but
    # their export holds it (GDPR art. 15).
    mine = select(handoffs.c.id).where(handoffs.c.newcomer_id == person.id)
    return {
        "my_requests": _rows(conn, select(
            handoffs.c.id, handoffs.c.name, handoffs.c.coach_name, handoffs.c.reason,
            handoffs.c.urgent, handoffs.c.summary, handoffs.c.created_at,
            handoffs.c.claimed_at, handoffs.c.closed_at, handoffs.c.closed_by, handoffs.c.note,
            handoffs.c.rating).where(handoffs.c.newcomer_id == person.id)
            .order_by(handoffs.c.id)),
        "written_while_waiting": _rows(conn, select(
            handoff_waiting.c.handoff_id, handoff_waiting.c.message, handoff_waiting.c.created_at)
            .where(handoff_waiting.c.handoff_id.in_(mine)).order_by(handoff_waiting.c.id)),
        "taken_as_coach": _rows(conn, select(
            handoffs.c.id, handoffs.c.name, handoffs.c.created_at, handoffs.c.claimed_at,
            handoffs.c.closed_at, handoffs.c.note).where(handoffs.c.coach_id == person.id)
            .order_by(handoffs.c.id)),
    }


def _export_events(conn: Connection, person: Person) -> Any:
    return {
        "organised": _rows(conn, select(
            events.c.title, events.c.kind, events.c.starts_at, events.c.ends_at, events.c.place,
            events.c.online_url, events.c.languages, events.c.capacity, events.c.bring,
            events.c.reminder_plan, events.c.created_at, events.c.cancelled_at)
            .where(events.c.organiser_id == person.id).order_by(events.c.id)),
        "evaluations": _rows(conn, select(
            events.c.title, *[c for c in event_evaluations.c if c.name != "event_id"])
            .join(events, events.c.id == event_evaluations.c.event_id)
            .where(events.c.organiser_id == person.id).order_by(events.c.id)),
        "attended": _rows(conn, select(
            events.c.title, events.c.starts_at, attendance.c.status, attendance.c.since,
            attendance.c.name, attendance.c.attended_at)
            .join(events, events.c.id == attendance.c.event_id)
            .where(attendance.c.user_id == person.id).order_by(attendance.c.id)),
    }


Exporter = Callable[[Connection, Person], Any]
EXPORTERS: dict[str, Exporter] = {
    "profile": _export_profile,
    "coach_links": _export_coach_links,
    "reminders": _export_reminders,
    "link_codes": _export_link_codes,
    "messages": _export_messages,
    "handled_updates": _export_handled_updates,
    "blocked_bot": _export_unreachable,
    "appointments": _export_appointments,
    "conversations_with_coaches": _export_handoffs,
    "events": _export_events,
    "consents": lambda conn, person: consents.export(conn, person.id),
    "coach_settings": lambda conn, person: coach_desk.export(conn, person.id),
    "data_views": lambda conn, person: audit.export(conn, person.id),
    "growth_points": lambda conn, person: growth_points.export_of(conn, person.id),
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


def _scrub_chat(conn: Connection, user_id: int, names: set[str]) -> int:
    """The messages to this person naming one of `names` go, and the replies stored for their
    updates that name one are emptied; returns how many."""
    names = {name for name in names if name}
    reader = conn.execute(select(users.c.channel, users.c.external_id)
                          .where(users.c.id == user_id)).first()
    if reader is None or not names:
        return 0
    channel, chat = reader
    gone = 0
    rows = conn.execute(select(outbox.c.id, outbox.c.message).where(
        or_(outbox.c.user_id == user_id,
            (outbox.c.channel == channel) & (outbox.c.chat == chat)))).all()
    ids = [row_id for row_id, message in rows if _mentions(message, names)]
    if ids:
        gone += conn.execute(delete(outbox).where(outbox.c.id.in_(ids))).rowcount
    handled = conn.execute(select(processed_updates.c.update_id, processed_updates.c.replies)
                           .where(processed_updates.c.channel == channel,
                                  processed_updates.c.sender == chat)).all()
    for update_id, replies in handled:
        if _mentions(replies, names):
            # Their update stays recognised (a redelivery changes nothing), with nothing to
            # give again.
            conn.execute(update(processed_updates).where(
                processed_updates.c.channel == channel, processed_updates.c.sender == chat,
                processed_updates.c.update_id == update_id).values(replies=[]))
            gone += 1
    return gone


def _erase_copies_at_coaches(conn: Connection, person: Person) -> int:
    """What coaches got about the person (a help alert, their profile, a meeting): every such
    message names them by the link's label."""
    links = conn.execute(select(coach_links.c.coach_id, coach_links.c.label)
                         .where(coach_links.c.newcomer_id == person.id)).all()
    return sum(_scrub_chat(conn, int(coach_id), {label, person.external_id})
               for coach_id, label in links)


def _erase_copies_in_handoffs(conn: Connection, person: Person) -> int:
    """What the other side of a conversation with a coach got: the request and the relayed
    texts name the newcomer to every coach told of it; the coach's answers name the coach to
    the newcomer and to the other coaches told."""
    gone = 0
    asked = conn.execute(select(handoffs.c.name, handoffs.c.notified, handoffs.c.coach_id)
                         .where(handoffs.c.newcomer_id == person.id)).all()
    for name, notified, coach_id in asked:
        readers = {int(i) for i in notified or ()} | ({int(coach_id)} if coach_id else set())
        gone += sum(_scrub_chat(conn, reader, {name, person.external_id})
                    for reader in readers - {person.id})
    taken = conn.execute(select(handoffs.c.coach_name, handoffs.c.notified,
                                handoffs.c.newcomer_id)
                         .where(handoffs.c.coach_id == person.id)).all()
    for coach_name, notified, newcomer_id in taken:
        readers = {int(i) for i in notified or ()} | {int(newcomer_id)}
        gone += sum(_scrub_chat(conn, reader, {coach_name, person.external_id})
                    for reader in readers - {person.id})
    return gone


def _erase_handled_updates(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(processed_updates).where(_handled_of(person))).rowcount)


def _erase_messages(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(outbox).where(_messages_of(person))).rowcount)


def _erase_reminders(conn: Connection, person: Person) -> int:
    gone = int(conn.execute(delete(reminders).where(reminders.c.user_id == person.id)).rowcount)
    # Newcomers still to be asked whether this coach may see their profile: not any more. And
    # the newcomers' notes that this coach took or closed their conversation carry the
    # coach's name: they go (one not yet delivered is not told).
    taken = {str(i) for i in conn.execute(select(handoffs.c.id).where(
        handoffs.c.coach_id == person.id)).scalars()}
    naming = [row_id for row_id, data in conn.execute(
        select(reminders.c.id, reminders.c.data)) if _names_coach(data or {}, person, taken)]
    if naming:
        gone += int(conn.execute(delete(reminders).where(reminders.c.id.in_(naming))).rowcount)
    return gone


def _names_coach(data: dict[str, Any], person: Person, taken: set[str]) -> bool:
    if "handoff" in data:
        return str(data["handoff"]) in taken and "coach" in data
    return str(data.get("coach")) == str(person.id)


def _erase_share_questions(conn: Connection, person: Person) -> int:
    """Newcomers linked to a coach keep, in their conversation state, the share question they
    answered for that coach, by the coach's id: it goes with the coach."""
    newcomers = conn.execute(select(users.c.id, users.c.state).join(
        coach_links, coach_links.c.newcomer_id == users.c.id).where(
        coach_links.c.coach_id == person.id)).all()
    gone = 0
    for newcomer_id, state in newcomers:
        kept = consents.without_share_question(state, person.id)
        if kept is not None:
            conn.execute(update(users).where(users.c.id == newcomer_id).values(state=kept))
            gone += 1
    return gone


def _erase_coach_links(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(coach_links).where(or_(
        coach_links.c.coach_id == person.id, coach_links.c.newcomer_id == person.id))).rowcount)


def _erase_link_codes(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(link_codes).where(
        link_codes.c.created_by == person.id)).rowcount)


def _erase_unreachable(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(unreachable_chats).where(_blocked_of(person))).rowcount)


def _erase_handoffs(conn: Connection, person: Person) -> int:
    mine = select(handoffs.c.id).where(handoffs.c.newcomer_id == person.id)
    gone = int(conn.execute(delete(handoff_waiting).where(
        handoff_waiting.c.handoff_id.in_(mine))).rowcount)
    gone += int(conn.execute(delete(handoffs).where(
        handoffs.c.newcomer_id == person.id)).rowcount)
    # As a coach: the conversations they took lose their name and note (an open one waits
    # for another coach again), and they leave the lists of coaches told.
    gone += int(conn.execute(update(handoffs).where(handoffs.c.coach_id == person.id).values(
        coach_id=None, coach_name=None, claimed_at=None, note=None)).rowcount)
    for handoff_id, notified in conn.execute(select(handoffs.c.id, handoffs.c.notified)).all():
        if person.id in (notified or ()):
            conn.execute(update(handoffs).where(handoffs.c.id == handoff_id).values(
                notified=[i for i in notified if i != person.id]))
            gone += 1
    return gone


def _erase_appointments(conn: Connection, person: Person) -> int:
    # What a coach typed for a meeting (its place and topic) reached the newcomer's chat.
    planned = conn.execute(select(appointments.c.newcomer_id, appointments.c.place,
                                  appointments.c.topic)
                           .where(appointments.c.coach_id == person.id)).all()
    for newcomer_id, place, topic in planned:
        _scrub_chat(conn, int(newcomer_id), {place or "", topic or ""})
    return int(conn.execute(delete(appointments).where(or_(
        appointments.c.coach_id == person.id, appointments.c.newcomer_id == person.id)))
        .rowcount)


def _erase_attendance(conn: Connection, person: Person) -> int:
    # Their place frees up: the next to join gets it (the waiting list is not moved up here,
    # as nobody could be told in this transaction).
    return int(conn.execute(delete(attendance).where(attendance.c.user_id == person.id))
               .rowcount)


def _erase_events(conn: Connection, person: Person) -> int:
    """The events they organised go with them, with their lists, ticks, evaluations,
    anonymous poll answers (nobody can read them without the event) and the attendees'
    reminders of them: an organiser who leaves stops their own events. The attendees' own
    messages about an event stay theirs (7 days); none names the organiser."""
    ids = [int(i) for i in conn.execute(select(events.c.id).where(
        events.c.organiser_id == person.id)).scalars()]
    if not ids:
        return 0
    # A reminder names its event as a number or as text ("1"): both are found.
    named = {str(i) for i in ids}
    about = [row_id for row_id, data in conn.execute(
        select(reminders.c.id, reminders.c.data)) if str((data or {}).get("event")) in named]
    if about:
        conn.execute(delete(reminders).where(reminders.c.id.in_(about)))
    conn.execute(delete(attendance).where(attendance.c.event_id.in_(ids)))
    conn.execute(delete(event_evaluations).where(event_evaluations.c.event_id.in_(ids)))
    conn.execute(delete(poll_answers).where(poll_answers.c.event_id.in_(ids)))
    return int(conn.execute(delete(events).where(events.c.id.in_(ids))).rowcount)


def _erase_profile(conn: Connection, person: Person) -> int:
    return int(conn.execute(delete(users).where(users.c.id == person.id)).rowcount)


Eraser = Callable[[Connection, Person], int]
# In this order: copies at coaches are found through the links and the handoffs, and the
# person's row goes last.
ERASERS: dict[str, Eraser] = {
    "copies_at_coaches": _erase_copies_at_coaches,
    "copies_in_handoffs": _erase_copies_in_handoffs,
    "handled_updates": _erase_handled_updates,
    "messages": _erase_messages,
    "reminders": _erase_reminders,
    "share_questions": _erase_share_questions,
    "coach_links": _erase_coach_links,
    "link_codes": _erase_link_codes,
    "blocked_bot": _erase_unreachable,
    "handoffs": _erase_handoffs,
    "appointments": _erase_appointments,
    "attendance": _erase_attendance,
    "events": _erase_events,
    "consents": lambda conn, person: consents.erase(conn, person.id),
    "coach_settings": lambda conn, person: coach_desk.erase(conn, person.id),
    "data_views": lambda conn, person: audit.erase(conn, person.id),
    "growth_points": lambda conn, person: growth_points.erase_of(conn, person.id),
    "profile": _erase_profile,
}


def erase(conn: Connection, person: Person) -> dict[str, int]:
    """Remove the person everywhere; returns the rows removed per kind (no contents)."""
    return {name: eraser(conn, person) for name, eraser in ERASERS.items()}
