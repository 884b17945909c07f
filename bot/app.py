"""The application: one door in for every channel. Each update is one unit of work in one
transaction: load the person, run the conversation, store state, replies and reminders."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from bot import app_assignment
from bot.app_effects import Surroundings, apply_events, to_others
from bot.app_polls import POLL_REMINDER, PollSetup
from bot.clock import Clock
from bot.config import Settings
from bot.flows import onboarding, permissions, reply_text
from bot.flows.coach_link import SHARE_REQUEST
from bot.flows.consent_purposes import REMINDERS
from bot.flows.content import AFTER_EVENT, load_content
from bot.flows.conversation import Conversation
from bot.flows.effects import Effects
from bot.flows.events import PersonErased
from bot.flows.reminder_consent import stays_without_consent
from bot.i18n.catalogs import Catalogs
from bot.services import quiet_hours, retention, weekly_digest
from bot.services.flood import FloodGuard
from bot.services.metrics import Metrics
from bot.services.office_hours import office_hours
from bot.services.outbox import OutboxSender, Transport
from bot.services.poll_token import PollTokens
from bot.services.ratelimit import RateLimiter
from bot.services.update_log import observe_update
from bot.storage import consents, deliveries, personal_data
from bot.storage.db import Store, migrate, open_store
from bot.storage.deliveries import Delivery
from bot.storage.repository import ReminderRow, SqlRepository, UserRecord
from bot.types import ChannelLimits, Incoming, Outgoing

log = logging.getLogger(__name__)
ROLES = ("newcomer", "coach", "organiser", "admin")
# Triggered flows one update may start for its person in the same turn.
START_NOW_AT_MOST = 3
# A large admin write holds the write lock at most about this long at a time (seconds).
AFTER_EVENT_SLICE_SECONDS = 0.03
# The reminder sweep: due reminders read per slice, at most per run (a run goes on until none
# is due), and the pause between slices (seconds).
SWEEP_ROWS = 200
SWEEP_LIMIT = 50_000
SWEEP_PAUSE_SECONDS = 0.005


@dataclass(frozen=True)
class Handled:
    """What a channel gets back for one update."""

    replies: list[Outgoing]
    # A button of the question that was open was pressed: that question may show the choice.
    answered_open_question: bool = False
    # With `record`: the replies as stored deliveries, leased to the channel that sends them.
    deliveries: tuple[Delivery, ...] = ()


@dataclass
class Brug:
    """The core that every channel talks to."""

    store: Store
    conversation: Conversation
    clock: Clock
    settings: Settings
    metrics: Metrics = field(default_factory=Metrics)
    # Where images for the chat (a coach's QR code) are written.
    files: Path = Path("data/files")
    _next_daily: datetime | None = field(default=None, repr=False)
    flood: FloodGuard = field(default_factory=FloodGuard)
    _polls: PollSetup | None = field(default=None, repr=False)

    @property
    def surroundings(self) -> Surroundings:
        return Surroundings(self.conversation.catalogs, self.settings.bot_username, self.files,
                            office_hours(self.settings.office_hours),
                            timedelta(minutes=self.settings.handoff_wait_minutes),
                            self.settings.coach_capacity, self.polls,
                            self.conversation.content.glossary, self.conversation.limits)

    @property
    def polls(self) -> PollSetup:
        """Made once: the key of the poll tokens is read when the first answer comes. Its
        file lies in the data folder, beside the folder of the chat's files."""
        if self._polls is None:
            self._polls = PollSetup(
                PollTokens(self.files.parent, self.settings.poll_key),
                timedelta(days=self.settings.poll_open_days),
                self.conversation.content.started_by(POLL_REMINDER))
        return self._polls

    def use_limits(self, channel: str, limits: ChannelLimits) -> None:
        """A channel says what one of its messages holds; the core fits its replies to it."""
        self.conversation.limits[channel] = limits

    async def handle(self, incoming: Incoming, *, record: bool = False) -> Handled:
        """Handle one update; its direct replies are committed when this returns. With
        `record`, they are committed as deliveries that the caller sends (bot/services/
        outbox.py); a redelivered update then has nothing more to send."""
        verdict = self.flood.check((incoming.channel, incoming.user), incoming.time)
        if verdict != "ok":
            return await self._flooded(incoming, verdict == "warn", record)
        later: list[Callable[[], object]] = []
        with observe_update(self.metrics, incoming) as seen:
            handled = await self.store.run(
                lambda repo: self._handle(repo, incoming, later, record))
            seen.replies = len(handled.replies)
        await _after_commit(later)
        return handled

    async def _flooded(self, incoming: Incoming, warn: bool, record: bool) -> Handled:
        """Too many messages at once: one polite line, then nothing until the pause ends.
        Nothing of the person is read or changed."""
        if not warn:
            return Handled([])
        log.info("flood: pause channel=%s user=%s", incoming.channel, incoming.user)
        catalogs = self.conversation.catalogs
        _ = catalogs.get(catalogs.choose(incoming.language_hint)).gettext
        reply = Outgoing(to=incoming.user, channel=incoming.channel, text=_(
            "You are sending me many messages at once. I take a short break: write again in "
            "a minute."))
        if not record:
            return Handled([reply])
        now = self.clock.now()
        lease = now + timedelta(seconds=self.settings.delivery_lease_seconds)
        ids = await self.store.run(lambda repo: deliveries.record(
            repo, incoming.channel, incoming.user, [reply.to_json()], now, lease))
        return Handled([reply], deliveries=tuple(
            Delivery(i, incoming.channel, incoming.user, reply.to_json(), outgoing=reply)
            for i in ids))

    def _handle(self, repo: SqlRepository, incoming: Incoming,
                later: list[Callable[[], object]], record: bool = False) -> Handled:
        later.clear()  # a unit of work tried again starts afresh
        user, earlier = repo.load_user(incoming.channel, incoming.user, incoming.update_id,
                                       create_at=incoming.time)
        if earlier is not None:
            # The same update again (a redelivery): the same answer, nothing changes. Recorded
            # replies are in the outbox already, sent or on their way.
            return Handled([] if record else [
                Outgoing.from_json({**reply, "to": reply.get("to") or incoming.user})
                for reply in earlier])
        effects = self._run(repo, user, incoming, later)
        stored = [reply.to_json() for reply in effects.replies]
        if incoming.update_id is not None:
            kept, sender = _remembered(incoming, effects, stored)
            repo.mark_processed(incoming.channel, incoming.update_id, kept, incoming.time,
                                sender=sender)
        rows: tuple[Delivery, ...] = ()
        if record:
            now = self.clock.now()
            lease = now + timedelta(seconds=self.settings.delivery_lease_seconds)
            ids = deliveries.record(repo, incoming.channel, incoming.user, stored, now, lease)
            rows = tuple(Delivery(i, incoming.channel, incoming.user, message, outgoing=reply)
                         for i, message, reply in zip(ids, stored, effects.replies,
                                                      strict=True))
        return Handled(effects.replies, effects.answered_open_question, rows)

    def _run(self, repo: SqlRepository, user: UserRecord | None, incoming: Incoming,
             later: list[Callable[[], object]]) -> Effects:
        """One turn of the conversation, then its events, in this update's transaction."""
        if user is None:
            user = UserRecord(incoming.channel, incoming.user, created_at=incoming.time,
                              seen_at=incoming.time)
        effects = self.conversation.handle(user, incoming, repo)
        repo.save_user(user)
        start_now: list[tuple[str, Mapping[str, str]]] = []
        later += apply_events(repo, user, incoming, self.surroundings, effects.emitted(),
                              effects.replies, start_now=start_now, said=effects.said)
        effects.replies = self._finished(effects, user, incoming)
        # A flow the turn started for this person (the share question after a coach's link)
        # comes now, in this transaction, as if its reminder fell due. Not more than a few.
        started = [(kind, values) for kind, values in start_now
                   if self.conversation.content.started_by(kind) is not None]
        for kind, values in started[:START_NOW_AT_MOST]:
            due = Incoming(channel=incoming.channel, user=incoming.user, time=incoming.time,
                           kind="timeout", reminder=kind, reminder_data=dict(values))
            more = self.conversation.handle(user, due, repo)
            repo.save_user(user)
            later += apply_events(repo, user, due, self.surroundings, more.emitted(),
                                  more.replies, said=more.said)
            more.replies = self._finished(more, user, due)
            effects.replies += more.replies
        return effects

    def _finished(self, effects: Effects, user: UserRecord, incoming: Incoming
                  ) -> list[Outgoing]:
        """The replies with Flemish terms explained and, if wanted, the Dutch line."""
        catalogs = self.conversation.catalogs
        _ = catalogs.get(user.language or catalogs.choose(incoming.language_hint)).gettext
        return reply_text.finished(effects, self.conversation.content.glossary, _)

    async def sweep(self, limit: int = SWEEP_LIMIT) -> int:
        """Turn due reminders into conversation turns whose messages go through the outbox: a
        slice of them per transaction, each slice holding the write lock about
        AFTER_EVENT_SLICE_SECONDS, so conversations get in between."""
        await self.daily()
        handled = 0
        later: list[Callable[[], object]] = []
        while handled < limit:
            started = time.perf_counter()
            count = await self.store.run(
                partial(self._sweep_slice, later=later, most=min(limit - handled, SWEEP_ROWS)))
            if not count:
                break
            seconds = (time.perf_counter() - started) / count
            for _ in range(count):
                self.metrics.update("timeout", seconds)
            handled += count
            await _after_commit(later)
            # Another process waiting for the write lock gets it in between.
            await asyncio.sleep(SWEEP_PAUSE_SECONDS)
        return handled

    def _sweep_slice(self, repo: SqlRepository, later: list[Callable[[], object]],
                     most: int) -> int:
        """Handle the earliest due reminders, as many as fit in a slice; returns how many."""
        later.clear()  # a unit of work tried again starts afresh
        now = self.clock.now()
        # Wall time, not the clock of the conversation: this bounds the time the lock is held.
        until = time.monotonic() + AFTER_EVENT_SLICE_SECONDS
        count = 0
        for reminder in repo.due_reminders(now, limit=most):
            if count and time.monotonic() >= until:
                break
            self._remind(repo, reminder, now, later)
            count += 1
        return count

    def _remind(self, repo: SqlRepository, reminder: ReminderRow, now: datetime,
                later: list[Callable[[], object]]) -> None:
        repo.finish_reminder(reminder.id, now)
        user, _ = repo.load_user(reminder.channel, reminder.external_id)
        if user is not None and user.id is not None and not (
                consents.is_withdrawn(repo.conn, user.id, REMINDERS)
                and not stays_without_consent(reminder.kind)):
            incoming = Incoming(
                channel=reminder.channel, user=reminder.external_id, time=now, kind="timeout",
                reminder=reminder.kind,
                reminder_data={k: str(v) for k, v in reminder.data.items()},
            )
            # A coach's reminders and digest wait for the end of their quiet hours.
            due = quiet_hours.due_for(repo.conn, user.id, now)
            for message in self._run(repo, user, incoming, later).replies:
                repo.enqueue(user.id, message.channel, message.to, message.to_json(), due, now)

    async def defer(self, messages: list[Outgoing]) -> None:
        """Put replies that could not be sent directly into the outbox, to be retried."""
        await self.store.run(lambda repo: self._defer(repo, messages, self.clock.now()))

    def _defer(self, repo: SqlRepository, messages: list[Outgoing], now: datetime) -> None:
        for message in messages:
            user = repo.get_user(message.channel, message.to)
            if user is not None and user.id is not None:
                repo.enqueue(user.id, message.channel, message.to, message.to_json(), now, now)

    async def authorize(self, action: str, channel: str, by: str | None = None) -> None:
        """Raise permissions.Refused unless `by` (a user id on the channel; None: the server's
        operator, an admin) may do this action across people. Nothing is changed."""
        if by is None:
            permissions.require(permissions.OPERATOR, action)
            return
        actor = await self.store.run(lambda repo: repo.get_user(channel, by))
        permissions.require(actor.role if actor is not None else None, action)

    async def set_role(self, channel: str, external_id: str, role: str) -> None:
        """Give a person a role (admin command line and simulate only)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        now = self.clock.now()

        def work(repo: SqlRepository) -> None:
            user = repo.get_user(channel, external_id)
            user = user or UserRecord(channel, external_id, created_at=now, seen_at=now)
            user.role = role
            repo.save_user(user)

        await self.store.run(work)

    async def link(self, channel: str, coach: str, newcomer: str, label: str = "") -> str:
        """Link a coach to a newcomer (admin command line); the newcomer is asked whether the
        coach may see their profile. Returns what happened, for the admin."""
        now = self.clock.now()

        def work(repo: SqlRepository) -> str:
            coach_user = repo.get_user(channel, coach)
            newcomer_user = repo.get_user(channel, newcomer)
            missing = [name for name, found in ((coach, coach_user), (newcomer, newcomer_user))
                       if found is None]
            if missing or coach_user is None or newcomer_user is None:
                raise LookupError(f"not found on {channel}: {', '.join(missing)} (they must "
                                  "start the bot first)")
            assert coach_user.id is not None and newcomer_user.id is not None
            if coach_user.role != "coach":
                coach_user.role = "coach"
                repo.save_user(coach_user)
            if not repo.link(coach_user.id, newcomer_user.id, label or newcomer, now):
                return f"{coach} and {newcomer} were linked already"
            repo.schedule(newcomer_user.id, SHARE_REQUEST, now, {"coach": str(coach_user.id)},
                          now)
            return f"linked {coach} to {newcomer}; {newcomer} is asked to share their profile"

        return await self.store.run(work)

    async def assign(self, channel: str, newcomer: str, coach: str, *, force: bool = False,
                     label: str = "") -> app_assignment.Assignment:
        """An admin assigns a coach to a newcomer (both by their id on the channel); beyond
        the coach's capacity only with `force`."""
        now = self.clock.now()

        def work(repo: SqlRepository) -> app_assignment.Assignment:
            found, coach_user = _users(repo, channel, newcomer, coach)
            if coach_user.role != "coach":
                raise LookupError(f"{coach} is not a coach (brug invite coach gives the role)")
            return app_assignment.assign(
                repo, to_others(self.surroundings), found, coach_user, now=now, label=label,
                capacity=self.settings.coach_capacity, force=force)

        return await self.store.run(work)

    async def set_capacity(self, channel: str, coach: str, capacity: int | None
                           ) -> tuple[int, int]:
        """An admin sets one coach's capacity (None: the global setting again); returns the
        capacity now in force and the coach's newcomers."""
        now = self.clock.now()

        def work(repo: SqlRepository) -> tuple[int, int]:
            [coach_user] = _users(repo, channel, coach)
            if coach_user.role != "coach" or coach_user.id is None:
                raise LookupError(f"{coach} is not a coach (brug invite coach gives the role)")
            return app_assignment.capacity(repo, coach_user.id, capacity,
                                           self.settings.coach_capacity, now)

        return await self.store.run(work)

    async def unlink(self, channel: str, newcomer: str) -> list[str]:
        """An admin unlinks a newcomer from their coaches; returns the coaches' ids."""
        now = self.clock.now()

        def work(repo: SqlRepository) -> list[str]:
            [found] = _users(repo, channel, newcomer)
            gone = app_assignment.unlink(repo, to_others(self.surroundings), found, now,
                                         self.files)
            return [coach.external_id for coach in gone]

        return await self.store.run(work)

    async def ask_again_after_event(self, channel: str, event: str, people: list[str]
                                    ) -> EventReport:
        """After an event the people took part in: ask the measured questions again (admin
        command line; the events capability will call it too). Written a slice at a time, so
        no conversation waits long behind a list of thousands. If it stops half-way, the
        slices written so far stay, and running it again asks only the others: people for
        whom this event's questions wait already are not asked twice."""
        now = self.clock.now()
        data = {"event": event}
        report = EventReport()
        # Asked by an earlier run of this command that stopped half-way: not asked again.
        waiting = await self.store.run(lambda repo: repo.waiting_for(AFTER_EVENT, data))

        def work(repo: SqlRepository, start: int) -> tuple[EventReport, int]:
            # Wall time, not the clock of the conversation: this bounds the time the lock is held.
            part, until = EventReport(), time.monotonic() + AFTER_EVENT_SLICE_SECONDS
            position = start
            while position < len(people) and (position == start or time.monotonic() < until):
                person = people[position]
                position += 1
                user = repo.get_user(channel, person)
                if user is None or user.id is None:
                    part.missing.append(person)
                elif not onboarding.has_consent(user):
                    # Their answers are not kept, so there is nothing to compare with.
                    part.private.append(person)
                else:
                    if user.id not in waiting:
                        repo.schedule(user.id, AFTER_EVENT, now, data, now)
                    part.asked.append(person)
            return part, position

        position = 0
        while position < len(people):
            part, position = await self.store.run(partial(work, start=position))
            report.add(part)
            if position < len(people):
                # Let another process that waits for the write lock have its turn.
                await asyncio.sleep(AFTER_EVENT_SLICE_SECONDS)
        return report

    async def housekeeping(self) -> None:
        """Forget processed update ids after a while; Telegram never redelivers that late."""
        cutoff = self.clock.now() - timedelta(days=self.settings.processed_update_days)
        await self.store.run(lambda repo: repo.forget_processed_before(cutoff))
        # Sent messages (every reply is one) are forgotten as soon as the updates.
        await self.store.run(lambda repo: deliveries.forget_before(repo, cutoff))

    async def daily(self) -> None:
        """The retention job, once a day by the injected clock (the first call runs it)."""
        now = self.clock.now()
        if self._next_daily is not None and now < self._next_daily:
            return
        self._next_daily = now + timedelta(days=1)
        await self.store.run(lambda repo: weekly_digest.plan(repo, now))
        await self.purge()

    async def purge(self, *, dry_run: bool = False) -> dict[str, int]:
        """What the retention rules remove now (with `dry_run`, only counted), per kind."""
        days = self.settings
        policy = retention.Policy(inactive=timedelta(days=days.retention_inactive_days),
                                  answer=timedelta(days=days.retention_answer_days),
                                  messages=timedelta(days=days.processed_update_days))
        return await retention.purge(self.store.run, retention.Purging(
            self.clock.now(), policy, self.files, dry_run))

    def sender(self, transports: dict[str, Transport], *, paced: bool = True) -> OutboxSender:
        limiter = (
            RateLimiter(self.settings.send_rate_total, self.settings.send_rate_per_chat)
            if paced else RateLimiter(0, 0)
        )
        return OutboxSender(self.store, self.clock, transports, limiter,
                            self.settings.send_max_attempts,
                            timedelta(seconds=self.settings.delivery_lease_seconds),
                            self.metrics)

    async def close(self) -> None:
        await self.store.close()


@dataclass
class EventReport:
    """Who is asked again after an event, and who is not and why."""

    asked: list[str] = field(default_factory=list)
    private: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add(self, other: EventReport) -> None:
        self.asked += other.asked
        self.private += other.private
        self.missing += other.missing

    def lines(self) -> list[str]:
        lines = [f"asked again: {', '.join(self.asked) or 'nobody'}"]
        if self.private:
            lines.append(f"not asked, they did not agree that Brug keeps answers: "
                         f"{', '.join(self.private)}")
        if self.missing:
            lines.append(f"not found (they must start the bot first): {', '.join(self.missing)}")
        return lines


def _remembered(incoming: Incoming, effects: Effects, stored: list[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], str]:
    """The replies kept for a redelivery, and whose update it was. The update that erased
    the person is kept under a hash of their id, its replies addressed to nobody: the
    redelivery is recognised, and nothing names them."""
    if not any(isinstance(event, PersonErased) for _, event in effects.emitted()):
        return stored, incoming.user
    return ([{**reply, "to": ""} for reply in stored],
            personal_data.erased_sender(incoming.channel, incoming.user))


def _users(repo: SqlRepository, channel: str, *names: str) -> list[UserRecord]:
    """People by their id on a channel; LookupError naming those who never started the bot."""
    found = [repo.get_user(channel, name) for name in names]
    missing = [name for name, user in zip(names, found, strict=True) if user is None]
    if missing:
        raise LookupError(f"not found on {channel}: {', '.join(missing)} (they must start "
                          "the bot first)")
    return [user for user in found if user is not None]


async def _after_commit(work: list[Callable[[], object]]) -> None:
    """Slow work on what was just committed (drawing an image), off the event loop."""
    for job in work:
        await asyncio.to_thread(job)
    work.clear()


async def build_app(settings: Settings, clock: Clock, database_url: str | None = None,
                    files: Path | None = None) -> Brug:
    """Everything wired together, with the schema migrated. Images for the chat go in
    `files` (default: `files` in the data folder)."""
    store = open_store(database_url or settings.resolved_database_url())
    await migrate(store)
    content = load_content(settings.content_dir)
    conversation = Conversation(content, Catalogs())
    flood = FloodGuard(settings.flood_limit, timedelta(seconds=settings.flood_window_seconds),
                       timedelta(seconds=settings.flood_pause_seconds))
    return Brug(store, conversation, clock, settings, files=files or settings.data_dir / "files",
                flood=flood)
