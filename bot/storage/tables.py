"""The database tables, described once for SQLAlchemy Core and Alembic."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

# "2026-11-28 15:07:04.000123": how long a time is as SQLite's text.
_WRITTEN = 26


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use the injected clock")
        utc: datetime = value.astimezone(UTC)
        # SQLite stores text: keep it naive UTC so it sorts and compares as text.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)

    # On SQLite every update binds about eight of these and reads a few: done in one step
    # each, with the text SQLAlchemy's own SQLite DATETIME writes and reads
    # ("2026-11-28 15:07:04.000123"), instead of the decorator's two steps, its format
    # dictionary and its regular expression.
    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        def process(value: datetime | None) -> str | None:
            if value is None:
                return None
            if value.tzinfo is UTC:  # the clock's times: the same text less "+00:00"
                return value.isoformat(" ", "microseconds")[:_WRITTEN]
            if value.tzinfo is None:
                raise ValueError("naive datetimes are not stored; use the injected clock")
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")

        return process

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        slow = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or slow is None:
            return slow

        def process(value: str | None) -> datetime | None:
            if value is None:
                return None
            if isinstance(value, str) and len(value) == _WRITTEN:
                # The text written above, read with its zone: one step, where setting the
                # zone afterwards (`replace`) costs several times the reading. Any other
                # text is read as before.
                try:
                    found = datetime.fromisoformat(value + "+00:00")
                except ValueError:
                    found = None
                if found is not None and found.tzinfo is UTC:
                    return found
            try:
                return datetime.fromisoformat(value).replace(tzinfo=UTC)
            except (TypeError, ValueError):
                result: datetime | None = slow(value)  # any other text SQLAlchemy reads
                return result

        return process


metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(20), nullable=False),
    Column("external_id", String(64), nullable=False),
    Column("language", String(10), nullable=True),
    Column("role", String(20), nullable=False, server_default="newcomer"),
    # Consent is stored with the version of the text the person agreed to and when.
    Column("consent", String(10), nullable=True),
    Column("consent_version", String(20), nullable=True),
    Column("consent_at", UtcDateTime(), nullable=True),
    # The conversation: current flow, step, turn and each flow's answers, as one JSON document.
    Column("state", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("seen_at", UtcDateTime(), nullable=False),
    UniqueConstraint("channel", "external_id", name="uq_users_channel_external"),
)

processed_updates = Table(
    "processed_updates",
    metadata,
    Column("channel", String(20), nullable=False),
    # Who sent it: an update id is recognised only with its own sender, so an id that someone
    # else used never hands out that person's replies.
    Column("sender", String(64), nullable=False),
    Column("update_id", BigInteger, nullable=False),
    # What was answered, so a redelivered update gets the same answer and changes nothing.
    Column("replies", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("channel", "sender", "update_id", name="pk_processed_updates"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # None for the replies to an erasure, which outlive the person until they are sent.
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
    Column("channel", String(20), nullable=False),
    Column("chat", String(64), nullable=False),
    Column("message", JSON, nullable=False),
    Column("status", String(10), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("sent_at", UtcDateTime(), nullable=True),
    Column("error", Text, nullable=True),
    # When a sender took the row (a direct reply, or the outbox sender); None while nobody does.
    Column("claimed_at", UtcDateTime(), nullable=True),
    # How often the row was sent again after its sender vanished mid-send: possible duplicates.
    Column("resent", Integer, nullable=False, server_default="0"),
    Index("ix_outbox_pending", "status", "due_at"),
)

# People who blocked the bot: nothing is sent to them until they write again.
unreachable_chats = Table(
    "unreachable_chats",
    metadata,
    Column("channel", String(20), primary_key=True),
    Column("chat", String(64), primary_key=True),
    Column("since", UtcDateTime(), nullable=False),
)

reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("done_at", UtcDateTime(), nullable=True),
    Index("ix_reminders_due", "done_at", "due_at"),
)

coach_links = Table(
    "coach_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("coach_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("newcomer_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # How the coach knows this person; given by whoever made the link.
    Column("label", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    # When the newcomer agreed that this coach sees their profile; None: not (or no longer).
    Column("shared_at", UtcDateTime(), nullable=True),
    UniqueConstraint("coach_id", "newcomer_id", name="uq_coach_links_pair"),
)

link_codes = Table(
    "link_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # What a /start payload opens: "coach" (a coach's link), "invite" (a role) or "event".
    Column("kind", String(20), nullable=False),
    # SHA-256 of the whole payload, in hex: whoever reads the database cannot open the link.
    Column("code_hash", String(64), nullable=False),
    Column("created_by", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
    # What it grants, read by its kind: a role for an invite, an event's id; a coach's link
    # grants a link to its maker and leaves this empty.
    Column("grants", String(64), nullable=False, server_default=""),
    # Invites are single-use; a coach's link is opened by many newcomers.
    Column("single_use", Boolean, nullable=False),
    Column("uses", Integer, nullable=False, server_default="0"),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("used_at", UtcDateTime(), nullable=True),  # the latest use
    # Replaced by a new code (a coach renewed their link): it no longer opens.
    Column("withdrawn_at", UtcDateTime(), nullable=True),
    UniqueConstraint("code_hash", name="uq_link_codes_hash"),
    Index("ix_link_codes_maker", "created_by", "kind"),
)

appointments = Table(
    "appointments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("coach_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("newcomer_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("starts_at", UtcDateTime(), nullable=False),
    # Where: an address or a link for a video call; what about: a few words.
    Column("place", String(200), nullable=False),
    Column("topic", String(200), nullable=False),
    # Up to three other start times (ISO, UTC) the newcomer may choose if they cannot come.
    Column("proposals", JSON, nullable=False),
    # planned, cant_come (moved or waiting for a new time), came, no_show, cancelled (by the
    # coach).
    Column("status", String(12), nullable=False, server_default="planned"),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Index("ix_appointments_coach", "coach_id", "starts_at"),
    Index("ix_appointments_newcomer", "newcomer_id", "starts_at"),
)

# A newcomer's request to talk to a person: who asked, why, what they agreed to share, which
# coaches were told, who took it (the first claim wins) and how it ended.
handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("newcomer_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # The names each side is shown by: the newcomer's from their coach link or their chat
    # profile, the coach's from their chat profile when they take it.
    Column("name", String(64), nullable=False),
    Column("coach_name", String(64), nullable=True),
    # An English source string, read in each coach's language.
    Column("reason", String(200), nullable=False),
    Column("urgent", Boolean, nullable=False),
    # What the newcomer agreed to share, as data rendered in each coach's language.
    Column("summary", JSON, nullable=False),
    # The coaches who were told (user ids): they see who took it.
    Column("notified", JSON, nullable=False),
    Column("coach_id", Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("claimed_at", UtcDateTime(), nullable=True),
    # Written by the newcomer's turns while nobody took it, so that a claim waits for them.
    Column("touched_at", UtcDateTime(), nullable=True),
    Column("closed_at", UtcDateTime(), nullable=True),
    Column("closed_by", String(10), nullable=True),
    # The coach's one-line note on closing: for the coach, never shown to the newcomer.
    Column("note", Text, nullable=True),
    # The newcomer's smiley about the help, 1 to 5.
    Column("rating", Integer, nullable=True),
    # Whom it is for: "coaches" (their coach, else the pool) or "admins" (two missed meetings).
    Column("audience", String(10), nullable=False, server_default="coaches"),
    Index("ix_handoffs_newcomer", "newcomer_id", "closed_at"),
    Index("ix_handoffs_coach", "coach_id", "closed_at"),
)

# What a newcomer wrote while nobody had taken their request yet: passed on at the claim.
handoff_waiting = Table(
    "handoff_waiting",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, ForeignKey("handoffs.id", ondelete="CASCADE"),
           nullable=False),
    Column("message", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Events that organisers make and newcomers join by a link (bot/storage/gatherings.py).
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organiser_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(120), nullable=False),
    # One of the kinds in bot/flows/gathering_kinds.py (jobdate, workshop, ...).
    Column("kind", String(30), nullable=False),
    Column("starts_at", UtcDateTime(), nullable=False),
    Column("ends_at", UtcDateTime(), nullable=True),
    # Where it is: an address, or an online link (one of the two).
    Column("place", String(200), nullable=True),
    Column("online_url", String(500), nullable=True),
    # Language codes spoken at the event, comma-separated ("nl,en").
    Column("languages", String(60), nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("bring", String(300), nullable=False, server_default=""),
    # When attendees are reminded: names of points in bot/flows/gathering_reminders.py.
    Column("reminder_plan", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("cancelled_at", UtcDateTime(), nullable=True),
    # When its smiley poll went out: it goes out once.
    Column("poll_sent_at", UtcDateTime(), nullable=True),
    Index("ix_events_organiser", "organiser_id"),
)

# Who joined an event, who waits for a place, and who left.
attendance = Table(
    "attendance",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # "joined", "waiting" or "left".
    Column("status", String(10), nullable=False),
    # Since when they hold this status: the waiting list moves up in this order.
    Column("since", UtcDateTime(), nullable=False),
    # The first name of their chat profile when they joined, for the organiser's ticking of
    # who came; and when the organiser ticked that they came (None: not ticked).
    Column("name", String(64), nullable=True),
    Column("attended_at", UtcDateTime(), nullable=True),
    UniqueConstraint("event_id", "user_id", name="uq_attendance_pair"),
    Index("ix_attendance_event", "event_id", "status"),
    Index("ix_attendance_user", "user_id"),
)

# Answers to an event's smiley poll and survey, apart from identity: no person id, no time.
# `token` is a keyed one-way hash of (person, event) whose key is not in the database, so
# a person can change an answer without counting twice, and nobody can tie it to them.
poll_answers = Table(
    "poll_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("token", String(64), nullable=False),
    # A question's key in the poll or survey flow ("overall", "access", "staff", ...).
    Column("question", String(40), nullable=False),
    # The answer's key: a face 0..3 as "0".."3" for the smiley questions, else an option key.
    Column("answer", String(20), nullable=False),
    # The attendee's language and the event's time slot, for the breakdowns; cells with
    # fewer than 5 answers are never shown.
    Column("language", String(10), nullable=False),
    Column("slot", String(20), nullable=False, server_default=""),
    UniqueConstraint("event_id", "token", "question", name="uq_poll_answer"),
    Index("ix_poll_answers_event", "event_id"),
)

# The organiser's own evaluation of an event after it took place: counts and two texts.
event_evaluations = Table(
    "event_evaluations",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("participants", Integer, nullable=True),
    # Partners or companies present.
    Column("partners", Integer, nullable=True),
    # Matches made: job offers, second interviews, people who started work.
    Column("job_offers", Integer, nullable=True),
    Column("second_interviews", Integer, nullable=True),
    Column("started_work", Integer, nullable=True),
    Column("went_well", Text, nullable=False, server_default=""),
    Column("to_change", Text, nullable=False, server_default=""),
    Column("updated_at", UtcDateTime(), nullable=False),
)

# Consent per purpose (bot/flows/consent_purposes.py): each yes and each no, with the version
# of the text the person read. At most one row per person and purpose is open (given, not
# withdrawn): that purpose is given now. A no to a question never answered yes is a row with
# no given_at.
consents = Table(
    "consents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("purpose", String(20), nullable=False),
    Column("version", String(20), nullable=False),
    Column("given_at", UtcDateTime(), nullable=True),
    Column("withdrawn_at", UtcDateTime(), nullable=True),
    Index("ix_consents_user", "user_id", "purpose"),
)

# A coach's own settings: quiet hours (Brussels time) and which weekly digest they got last.
coach_desks = Table(
    "coach_desks",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    # "HH:MM" each; both None: no quiet hours.
    Column("quiet_from", String(5), nullable=True),
    Column("quiet_until", String(5), nullable=True),
    # The ISO week ("2026-W02") of the last digest, so a week never gets two.
    Column("digest_week", String(10), nullable=True),
    # Steps done per newcomer (user id -> count) at the last digest: what is news next time.
    Column("digest_counts", JSON, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    # The most newcomers an admin gave this coach; None: the global BRUG_COACH_CAPACITY.
    Column("capacity", Integer, nullable=True),
)

# Who opened a newcomer's profile or request summary, and when: shown to the newcomer in My
# data. The viewer's first name is kept so the row still reads after the coach is erased.
data_views = Table(
    "data_views",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("viewer_id", Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("viewer_name", String(64), nullable=False),
    Column("subject_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # "profile" or "summary".
    Column("what", String(20), nullable=False),
    Column("seen_at", UtcDateTime(), nullable=False),
    Index("ix_data_views_subject", "subject_id", "seen_at"),
    Index("ix_data_views_viewer", "viewer_id"),
)

# Growth points a person kept at the end of a reflection after an event, in their own words
# (bot/storage/growth_points.py). The event's title and date are copied, so a point keeps
# its context when the event is gone.
growth_points = Table(
    "growth_points",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL"), nullable=True),
    Column("event_title", String(120), nullable=False),
    Column("event_at", UtcDateTime(), nullable=True),
    Column("text", String(300), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_growth_points_user", "user_id"),
)
