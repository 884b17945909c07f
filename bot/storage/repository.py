"""The repository: every read and write Brug makes, in SQLAlchemy Core, on one connection inside
one transaction. It is synchronous on purpose: a Store runs it on SQLite's connection or
through asyncpg's greenlet bridge, so one piece of code serves both backends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql

from bot.storage import (
    appointments,
    audit,
    coach_desk,
    consents,
    growth_points,
    handoffs,
    personal_data,
)
from bot.storage.coach_care import CareReads
from bot.storage.gatherings import Gatherings
from bot.storage.hot import HotStatement
from bot.storage.tables import coach_links, outbox, processed_updates, reminders, users


@dataclass
class UserRecord:
    """A person as the core sees them, with their conversation state."""

    channel: str
    external_id: str
    id: int | None = None
    language: str | None = None
    role: str = "newcomer"
    consent: str | None = None
    consent_version: str | None = None
    consent_at: datetime | None = None
    state: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    seen_at: datetime | None = None


@dataclass(frozen=True)
class LinkedNewcomer:
    """A newcomer as their coach may see them: a label, and their profile only if shared."""

    user_id: int
    label: str
    shared: bool
    language: str | None
    state: dict[str, Any]
    # Whether the newcomer agreed that Brug keeps answers (None: not answered yet), whether
    # their latest answer to "a coach may see my profile" is no, where the share question for
    # this coach stands (the step of its run; None: not asked yet), and whether they let
    # their coaches see their growth points.
    consent: str | None = None
    withdrawn: bool = False
    share_step: str | None = None
    growth: bool = False


@dataclass(frozen=True)
class SharingCoach:
    """A coach a newcomer shares their profile with: where to reach them, in which language,
    and the name they know the newcomer by."""

    user_id: int
    channel: str
    external_id: str
    language: str | None
    label: str


@dataclass(frozen=True)
class ReminderRow:
    id: int
    user_id: int
    channel: str
    external_id: str
    kind: str
    due_at: datetime
    data: dict[str, Any]


# The statements of every update, built once: executing them with parameters skips building
# a statement and its cache key per call.
_LOAD_USER = (
    select(users, processed_updates.c.replies)
    .select_from(
        users.outerjoin(
            processed_updates,
            and_(
                processed_updates.c.channel == bindparam("channel"),
                processed_updates.c.sender == bindparam("external_id"),
                processed_updates.c.update_id == bindparam("update_id"),
            ),
        )
    )
    .where(users.c.channel == bindparam("channel"),
           users.c.external_id == bindparam("external_id"))
)
# The replies an update of this sender got before; asked alone when the person has no row
# (the update that erased them, redelivered) and, on PostgreSQL, once their row is locked.
_EARLIER = HotStatement(select(processed_updates.c.replies).where(
    processed_updates.c.channel == bindparam("channel"),
    processed_updates.c.sender == bindparam("external_id"),
    processed_updates.c.update_id == bindparam("update_id"),
))
_USER_COLUMNS = ("language", "role", "consent", "consent_version", "consent_at", "state",
                 "seen_at")
# On PostgreSQL the updates of one person are handled one at a time, even across processes.
# FOR NO KEY UPDATE, not FOR UPDATE: a message to this person from someone else's update (an
# outbox row, whose foreign key takes a key-share lock) does not wait for it, so two people
# writing to each other at once never deadlock.
_LOAD = HotStatement(_LOAD_USER)
_LOAD_LOCKED = HotStatement(select(users).where(
    users.c.channel == bindparam("channel"), users.c.external_id == bindparam("external_id"),
).with_for_update(key_share=True))
_INSERT_USER = HotStatement(users.insert().values(
    **{name: bindparam(name) for name in ("channel", "external_id", "created_at",
                                          *_USER_COLUMNS)}
).returning(users.c.id))
# On PostgreSQL a first update inserts the person's row before anything else, so that two
# first updates arriving together both find one row to lock instead of both inserting.
_INSERT_IF_ABSENT = (
    postgresql.insert(users)
    .values(**{name: bindparam(name) for name in ("channel", "external_id", "state",
                                                  "created_at", "seen_at")})
    .on_conflict_do_nothing(index_elements=[users.c.channel, users.c.external_id])
    .returning(users.c.id)
)
# Every column every time: seen_at changes with each update anyway, and one statement shape
# is compiled once.
_UPDATE_USER = HotStatement(update(users).where(users.c.id == bindparam("b_id"))
                            .values(**{name: bindparam(name) for name in _USER_COLUMNS}))
_MARK_PROCESSED = HotStatement(processed_updates.insert().values(
    **{name: bindparam(name) for name in ("channel", "sender", "update_id", "replies",
                                          "created_at")}))


class SqlRepository:
    """The repository on one SQLAlchemy connection, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._postgres = conn.dialect.name == "postgresql"

    def load_user(
        self, channel: str, external_id: str, update_id: int | None = None,
        *, create_at: datetime | None = None,
    ) -> tuple[UserRecord | None, list[dict[str, Any]] | None]:
        """The user and, if this update of theirs was handled before, the replies it got then
        (with those replies the user may be missing: nothing is to change). On PostgreSQL the
        user's row stays locked to the end of the transaction; with `create_at`, a person not
        stored yet gets an empty row first, so that their first updates wait for each other."""
        params = {"channel": channel, "external_id": external_id,
                  "update_id": -1 if update_id is None else update_id}
        if self._postgres:
            return self._load_locked(params, create_at)
        row = _LOAD.first(self.conn, params)
        if row is None:
            return None, self._earlier(params, absent=True)
        return _user(row), row["replies"]

    def _load_locked(self, params: dict[str, Any], create_at: datetime | None
                     ) -> tuple[UserRecord | None, list[dict[str, Any]] | None]:
        earlier = self._earlier(params)
        if earlier is not None:
            # Before any insert: a redelivered erasure must not bring the person back.
            return None, earlier
        inserted = None
        if create_at is not None:
            inserted = self.conn.execute(_INSERT_IF_ABSENT, {
                **params, "state": {}, "created_at": create_at, "seen_at": create_at,
            }).scalar()
        row = _LOAD_LOCKED.first(self.conn, params)
        # The same update may have been handled meanwhile, by a transaction that held the
        # lock: this statement sees what it committed.
        earlier = self._earlier(params, absent=inserted is not None)
        if earlier is not None:
            if inserted is not None:
                self.conn.execute(delete(users).where(users.c.id == inserted))
            return None, earlier
        return (None if row is None else _user(row)), None

    def _earlier(self, params: dict[str, Any], *, absent: bool = False
                 ) -> list[dict[str, Any]] | None:
        """The replies this update got before. For someone not stored (`absent`), also the
        update that erased them, remembered under a hash of their id."""
        if params["update_id"] < 0:
            return None
        row = _EARLIER.first(self.conn, params)
        if row is None and absent:
            row = _EARLIER.first(self.conn, {**params, "external_id": personal_data.erased_sender(
                params["channel"], params["external_id"])})
        return None if row is None else list(row["replies"])

    def get_user(self, channel: str, external_id: str) -> UserRecord | None:
        return self.load_user(channel, external_id)[0]

    def save_user(self, user: UserRecord) -> int:
        """Insert a new user or write their row; returns the id."""
        values = {name: getattr(user, name) for name in _USER_COLUMNS}
        if user.id is None:
            row = _INSERT_USER.first(self.conn, {
                "channel": user.channel, "external_id": user.external_id,
                "created_at": user.created_at, **values,
            })
            assert row is not None  # RETURNING gives the new row's id
            user.id = int(row["id"])
        else:
            _UPDATE_USER.execute(self.conn, {"b_id": user.id, **values})
        return user.id

    def delete_user(self, user_id: int) -> None:
        """Everything about a person, in every table (bot/storage/personal_data.py)."""
        person = self.conn.execute(select(users.c.channel, users.c.external_id)
                                   .where(users.c.id == user_id)).first()
        if person is not None:
            personal_data.erase(self.conn, personal_data.Person(user_id, person.channel,
                                                                person.external_id))

    def mark_processed(
        self, channel: str, update_id: int, replies: list[dict[str, Any]], now: datetime,
        *, sender: str,
    ) -> None:
        """Keep the replies to this sender's update, to give them again on a redelivery."""
        _MARK_PROCESSED.execute(self.conn, {"channel": channel, "sender": sender,
                                            "update_id": update_id, "replies": replies,
                                            "created_at": now})

    def forget_processed_before(self, cutoff: datetime) -> None:
        self.conn.execute(
            delete(processed_updates).where(processed_updates.c.created_at < cutoff))

    # The outbox.

    def enqueue(self, user_id: int, channel: str, chat: str, message: dict[str, Any],
                due_at: datetime, now: datetime) -> None:
        self.conn.execute(outbox.insert().values(
            user_id=user_id, channel=channel, chat=chat, message=message, due_at=due_at,
            created_at=now,
        ))

    # Reminders.

    def schedule(self, user_id: int, kind: str, due_at: datetime, data: dict[str, Any],
                 now: datetime) -> None:
        self.conn.execute(reminders.insert().values(
            user_id=user_id, kind=kind, due_at=due_at, data=data, created_at=now))

    def schedule_many(self, user_ids: list[int], kind: str, due_at: datetime,
                      data: dict[str, Any], now: datetime) -> None:
        """The same reminder for many people, in one statement (a poll for a long list)."""
        if user_ids:
            self.conn.execute(reminders.insert(), [
                {"user_id": user_id, "kind": kind, "due_at": due_at, "data": data,
                 "created_at": now} for user_id in user_ids])

    def waiting_for(self, kind: str, data: dict[str, Any]) -> set[int]:
        """The people for whom a reminder of this kind with this data waits already."""
        rows = self.conn.execute(select(reminders.c.user_id, reminders.c.data).where(
            reminders.c.kind == kind, reminders.c.done_at.is_(None)))
        return {row.user_id for row in rows if row.data == data}

    def cancel_reminders(self, user_id: int, kind: str, now: datetime) -> None:
        self.conn.execute(
            update(reminders)
            .where(reminders.c.user_id == user_id, reminders.c.kind == kind,
                   reminders.c.done_at.is_(None))
            .values(done_at=now)
        )

    def due_reminders(self, now: datetime, limit: int) -> list[ReminderRow]:
        query = (
            select(reminders, users.c.channel, users.c.external_id)
            .join(users, users.c.id == reminders.c.user_id)
            .where(reminders.c.done_at.is_(None), reminders.c.due_at <= now)
            .order_by(reminders.c.due_at, reminders.c.id)
            .limit(limit)
        )
        if self._postgres:
            # The person's row too, so a sweep never waits for an update of that person
            # (which may wait for this reminder's row: a deadlock); it takes another one.
            query = query.with_for_update(of=[reminders, users], skip_locked=True)
        return [
            ReminderRow(r["id"], r["user_id"], r["channel"], r["external_id"], r["kind"],
                        r["due_at"], r["data"])
            for r in self.conn.execute(query).mappings().all()
        ]

    def finish_reminder(self, reminder_id: int, now: datetime) -> None:
        self.conn.execute(update(reminders).where(reminders.c.id == reminder_id)
                          .values(done_at=now))

    # Coaches and their newcomers.

    def link(self, coach_id: int, newcomer_id: int, label: str, now: datetime) -> bool:
        """Link a coach to a newcomer; False if they were linked already."""
        exists = self.conn.execute(select(coach_links.c.id).where(
            coach_links.c.coach_id == coach_id, coach_links.c.newcomer_id == newcomer_id)).first()
        if exists:
            return False
        self.conn.execute(coach_links.insert().values(
            coach_id=coach_id, newcomer_id=newcomer_id, label=label[:64], created_at=now))
        return True

    def set_shared(self, coach_id: int, newcomer_id: int, at: datetime | None) -> None:
        self.conn.execute(update(coach_links).where(
            coach_links.c.coach_id == coach_id, coach_links.c.newcomer_id == newcomer_id,
        ).values(shared_at=at))

    def newcomers_of(self, coach_id: int) -> list[LinkedNewcomer]:
        """The coach's newcomers; a profile only where its owner agreed to share it."""
        newcomer = coach_links.c.newcomer_id
        rows = self.conn.execute(
            select(coach_links.c.newcomer_id, coach_links.c.label, coach_links.c.shared_at,
                   users.c.language, users.c.state, users.c.consent,
                   consents.given_now(newcomer, consents.PROFILE).label("profile"),
                   consents.answered(newcomer, consents.PROFILE).label("answered"),
                   consents.given_now(newcomer, consents.GROWTH).label("growth"))
            .join(users, users.c.id == coach_links.c.newcomer_id)
            .where(coach_links.c.coach_id == coach_id)
            .order_by(coach_links.c.id)
        ).mappings().all()
        linked = []
        for row in rows:
            agreed = row["consent"] == "agree"
            shared = row["shared_at"] is not None and agreed and bool(row["profile"])
            linked.append(LinkedNewcomer(
                row["newcomer_id"], row["label"], shared, row["language"],
                row["state"] if shared else {}, consent=row["consent"],
                withdrawn=bool(row["answered"]) and not row["profile"],
                share_step=consents.share_step(row["state"], coach_id),
                growth=shared and bool(row["growth"])))
        return linked

    def coaches_sharing(self, newcomer_id: int) -> list[SharingCoach]:
        """The coaches who may see this newcomer's profile (they shared it, and agreed to
        Brug keeping answers)."""
        newcomer = users.alias("newcomer")
        rows = self.conn.execute(
            select(users.c.id, users.c.channel, users.c.external_id, users.c.language,
                   coach_links.c.label)
            .join(coach_links, coach_links.c.coach_id == users.c.id)
            .join(newcomer, newcomer.c.id == coach_links.c.newcomer_id)
            .where(coach_links.c.newcomer_id == newcomer_id,
                   coach_links.c.shared_at.is_not(None), newcomer.c.consent == "agree",
                   consents.given_now(newcomer.c.id, consents.PROFILE))
            .order_by(coach_links.c.id)
        ).mappings().all()
        return [SharingCoach(row["id"], row["channel"], row["external_id"], row["language"],
                             row["label"]) for row in rows]

    def appointment(self, appointment_id: int) -> appointments.Appointment | None:
        return appointments.get(self.conn, appointment_id)

    def appointments_of(self, coach_id: int) -> list[appointments.Appointment]:
        return appointments.of_coach(self.conn, coach_id)

    # Handoffs, for the lookup (bot/storage/handoffs.py has the rest).

    def open_handoff(self, newcomer_id: int) -> handoffs.Handoff | None:
        return handoffs.open_of_newcomer(self.conn, newcomer_id)

    def conversations_of(self, coach_id: int) -> list[handoffs.Handoff]:
        return handoffs.open_of_coach(self.conn, coach_id)

    def notes_of(self, coach_id: int) -> list[tuple[int, str, str]]:
        return handoffs.notes_of_coach(self.conn, coach_id)

    def care(self) -> CareReads:
        """Coaches and newcomers, for the screens, on this transaction's connection."""
        return CareReads(self.conn)

    def gatherings(self) -> Gatherings:
        """Events and who joined them, on this transaction's connection."""
        return Gatherings(self.conn)

    def consents_of(self, user_id: int) -> dict[str, consents.Answer]:
        return consents.answers_of(self.conn, user_id)

    # A coach's own desk and the audit trail (bot/storage/coach_desk.py, audit.py).

    def desk_of(self, coach_id: int) -> coach_desk.Desk:
        return coach_desk.desk_of(self.conn, coach_id)

    def requests_waiting_for(self, coach_id: int) -> list[handoffs.Handoff]:
        return coach_desk.waiting_for(self.conn, coach_id)

    def seen_by(self, newcomer_id: int) -> list[audit.DataView]:
        return audit.seen_by(self.conn, newcomer_id)

    def growth_points_of(self, user_id: int) -> list[growth_points.GrowthPoint]:
        return growth_points.of_person(self.conn, user_id)


def _user(row: dict[str, Any]) -> UserRecord:
    return UserRecord(
        id=row["id"],
        channel=row["channel"],
        external_id=row["external_id"],
        language=row["language"],
        role=row["role"],
        consent=row["consent"],
        consent_version=row["consent_version"],
        consent_at=row["consent_at"],
        state=row["state"] or {},
        created_at=row["created_at"],
        seen_at=row["seen_at"],
    )
