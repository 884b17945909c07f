"""How long Brug keeps what: one table of rules, run once a day (time from the injected clock)
and by `brug purge`. A new kind of data that expires joins with one Rule in RULES.

People inactive for a year are asked whether Brug may keep their data (a reminder, shown by
bot/flows/screens/keep_data.py); without a word from them within the answer time they are
erased everywhere (bot/storage/personal_data.py). Messages and handled updates go after a
week, export files and an event's result files after a day, a conversation with a coach
(what the newcomer shared, the coach's note) 90 days after it closed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select

from bot.services import data_export, results_report
from bot.storage import personal_data
from bot.storage.repository import SqlRepository
from bot.storage.tables import (
    handoff_waiting,
    handoffs,
    outbox,
    processed_updates,
    reminders,
    users,
)

log = logging.getLogger(__name__)

# The reminder that asks an inactive person whether to keep their data.
KEEP_ASK = "keep_data"


@dataclass(frozen=True)
class Policy:
    """The retention times (BRUG_RETENTION_*, BRUG_PROCESSED_UPDATE_DAYS)."""

    inactive: timedelta = timedelta(days=365)
    answer: timedelta = timedelta(days=30)
    messages: timedelta = timedelta(days=7)
    exports: timedelta = timedelta(days=1)
    handoffs: timedelta = timedelta(days=90)


@dataclass(frozen=True)
class Purging:
    """One run: its time, the policy, where export files are, and whether only to count."""

    now: datetime
    policy: Policy
    files: Path
    dry_run: bool


@dataclass(frozen=True)
class Rule:
    """One kind of data that expires: `run` counts it (dry run) or removes it, and returns
    how many rows, people or files."""

    kind: str
    run: Callable[[SqlRepository, Purging], int]


def _removed(repo: SqlRepository, purging: Purging, table: Any, where: Any) -> int:
    if purging.dry_run:
        return int(repo.conn.execute(select(func.count()).select_from(table).where(where))
                   .scalar() or 0)
    return int(repo.conn.execute(delete(table).where(where)).rowcount)


def _sent_messages(repo: SqlRepository, purging: Purging) -> int:
    # A reply to an erasure names nobody but its chat: it goes as soon as it is sent.
    cutoff = purging.now - purging.policy.messages
    return _removed(repo, purging, outbox, and_(
        outbox.c.status != "pending",
        or_(outbox.c.created_at < cutoff, outbox.c.user_id.is_(None))))


def _handled_updates(repo: SqlRepository, purging: Purging) -> int:
    return _removed(repo, purging, processed_updates,
                    processed_updates.c.created_at < purging.now - purging.policy.messages)


def _asked_since_seen(before: datetime | None = None) -> Any:
    """The person was asked whether to keep their data after they last wrote (and, with
    `before`, before that time)."""
    where = [reminders.c.user_id == users.c.id, reminders.c.kind == KEEP_ASK,
             reminders.c.created_at > users.c.seen_at]
    if before is not None:
        where.append(reminders.c.created_at < before)
    return exists().where(*where)


def _ask_inactive(repo: SqlRepository, purging: Purging) -> int:
    people = [row_id for (row_id,) in repo.conn.execute(
        select(users.c.id).where(users.c.seen_at < purging.now - purging.policy.inactive,
                                 ~_asked_since_seen()))]
    if not purging.dry_run:
        for person in people:
            repo.schedule(person, KEEP_ASK, purging.now, {}, purging.now)
    return len(people)


def _erase_unanswered(repo: SqlRepository, purging: Purging) -> int:
    people = repo.conn.execute(
        select(users.c.id, users.c.channel, users.c.external_id)
        .where(_asked_since_seen(before=purging.now - purging.policy.answer))
        .order_by(users.c.id)).all()
    if purging.dry_run:
        return len(people)
    erased = 0
    for person_id, channel, external_id in people:
        organised = results_report.events_of(repo.conn, person_id)
        personal_data.erase(repo.conn, personal_data.Person(person_id, channel, external_id))
        data_export.remove_files(purging.files, channel, external_id)
        results_report.remove_files(purging.files, organised)
        erased += 1
    return erased


def _export_files(repo: SqlRepository, purging: Purging) -> int:
    old = data_export.old_files(purging.files, purging.now - purging.policy.exports)
    if not purging.dry_run:
        for path in old:
            path.unlink(missing_ok=True)
    return len(old)


def _result_files(repo: SqlRepository, purging: Purging) -> int:
    """An event's chart and CSV, sent in the chat: gone after a day, like export files."""
    old = results_report.old_files(purging.files, purging.now - purging.policy.exports)
    if not purging.dry_run:
        for path in old:
            path.unlink(missing_ok=True)
    return len(old)


def _closed_handoffs(repo: SqlRepository, purging: Purging) -> int:
    """Conversations with a coach closed long ago: the row with what the newcomer shared and
    the coach's note goes (the relayed texts were only messages, gone after a week)."""
    closed = and_(handoffs.c.closed_at.is_not(None),
                  handoffs.c.closed_at < purging.now - purging.policy.handoffs)
    if not purging.dry_run:
        repo.conn.execute(delete(handoff_waiting).where(
            handoff_waiting.c.handoff_id.in_(select(handoffs.c.id).where(closed))))
    return _removed(repo, purging, handoffs, closed)


RULES: tuple[Rule, ...] = (
    Rule("sent_messages", _sent_messages),
    Rule("handled_updates", _handled_updates),
    Rule("inactive_asked", _ask_inactive),
    Rule("inactive_erased", _erase_unanswered),
    Rule("export_files", _export_files),
    Rule("result_files", _result_files),
    Rule("closed_handoffs", _closed_handoffs),
)


async def purge(run_in_transaction: Any, purging: Purging) -> dict[str, int]:
    """Every rule, each in a transaction of its own (`run_in_transaction` is Store.run).
    Logs the counts, never what was removed."""
    counts: dict[str, int] = {}
    for rule in RULES:
        def work(repo: SqlRepository, rule: Rule = rule) -> int:
            return rule.run(repo, purging)
        counts[rule.kind] = await run_in_transaction(work)
    log.info("%s %s", "purge (dry run)" if purging.dry_run else "purge",
             " ".join(f"{kind}={count}" for kind, count in counts.items()))
    return counts
