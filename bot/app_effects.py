"""Applying a turn's events (bot/flows/events.py) in the update's transaction: one handler per
event type, found in HANDLERS. A new kind of effect is one event class and one entry here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot import (
    app_admin_tickets,
    app_appointment_changes,
    app_assignment,
    app_handover,
    app_urgent,
    appointment_effects,
)
from bot.app_coach_desk import DESK_HANDLERS
from bot.app_consents import CONSENT_HANDLERS
from bot.app_gatherings import GATHERING_HANDLERS
from bot.app_growth import GROWTH_HANDLERS
from bot.app_handoffs import HANDOFF_HANDLERS
from bot.app_polls import POLL_HANDLERS, PollSetup
from bot.app_recipient import ToOthers
from bot.app_results import RESULTS_HANDLERS
from bot.flows import coach_link, coaching, deep_links
from bot.flows.events import (
    CoachLinkAsked,
    ConsentGiven,
    DataExportAsked,
    Event,
    HelpAsked,
    LinkOpened,
    NoShowsInARow,
    PersonErased,
    RemindersCancelled,
    ReminderSet,
    UrgentAlert,
)
from bot.flows.glossary import Glossary
from bot.i18n import beside
from bot.i18n.beside import Said
from bot.i18n.catalogs import Catalogs, Translator
from bot.services import data_export, quiet_hours, results_report
from bot.services.office_hours import OFFICE_HOURS, OfficeHours
from bot.storage import personal_data
from bot.storage.repository import SqlRepository, UserRecord
from bot.types import ChannelLimits, Incoming, Outgoing


@dataclass(frozen=True)
class Surroundings:
    """What handlers need beyond the update: catalogs for other people's languages, the bot's
    name for links, and the folder where images for the chat are written."""

    catalogs: Catalogs
    bot_username: str
    files: Path
    # When coaches are at work, and how long a request may wait for one before a reminder.
    office: OfficeHours = OFFICE_HOURS
    handoff_wait: timedelta = timedelta(hours=1)
    # How many newcomers a coach has before an admin assigning one more is warned.
    coach_capacity: int = 2
    # The smiley poll's tokens, how long it is open, and its flow.
    polls: PollSetup | None = None
    # Flemish terms and each channel's limits, for the messages to other people.
    glossary: Glossary | None = None
    limits: Mapping[str, ChannelLimits] = field(default_factory=dict)


def to_others(around: Surroundings) -> ToOthers:
    """How messages to other people are translated and finished, for one update or job."""
    return ToOthers(around.catalogs, around.glossary, dict(around.limits))


@dataclass
class Applying:
    """One event being applied: the repository in the update's transaction, the person (saved:
    they have an id), the update, and the turn's replies, into which a handler may put its own
    messages where the event was emitted (`put`)."""

    repo: SqlRepository
    user: UserRecord
    incoming: Incoming
    around: Surroundings
    replies: list[Outgoing]
    at: int
    # Slow work on what was committed (drawing an image), done after the commit, before the
    # replies leave.
    after_commit: list[Callable[[], object]] = field(default_factory=list)
    # Triggered flows to start for the person in this same update, after this turn: (reminder
    # kind, the values it carries), as if such a reminder fell due now.
    start_now: list[tuple[str, Mapping[str, str]]] = field(default_factory=list)

    @property
    def user_id(self) -> int:
        assert self.user.id is not None  # saved before events are applied
        return self.user.id

    @property
    def now(self) -> datetime:
        return self.incoming.time

    # What the turn translated, for the Dutch line and the glossary (bot/i18n/beside.py).
    said: Said | None = None
    # What is translated for other people, and how their messages are finished.
    others: ToOthers | None = None

    @property
    def _(self) -> Callable[[str], str]:
        """The person's own language."""
        return self.translator.gettext

    @property
    def ngettext(self) -> Callable[[str, str, int], str]:
        """A count in words in the person's own language, by its plural rule."""
        return self.translator.ngettext

    @property
    def translator(self) -> Translator:
        catalogs = self.around.catalogs
        own = catalogs.get(self.user.language or catalogs.choose(self.incoming.language_hint))
        return own if self.said is None else beside.noting(catalogs, own, self.said)

    @property
    def to_others(self) -> ToOthers:
        if self.others is None:
            self.others = to_others(self.around)
        return self.others

    def in_language(self, language: str | None) -> Callable[[str], str]:
        """Someone else's language, for a message to them (None: the default language)."""
        return self.to_others.gettext(language)

    def translator_of(self, language: str | None) -> Translator:
        """Someone else's translator, for a message to them (None: the default language)."""
        return self.to_others.translator(language)

    def put(self, *messages: Outgoing) -> None:
        """Messages to the person, where the event was emitted among the turn's replies."""
        self.replies[self.at:self.at] = messages
        self.at += len(messages)

    def put_lines(self, lines: list[str]) -> None:
        """Lines to the person, joined with the reply that follows them if both are short."""
        self.replies[self.at:] = deep_links.said_first(
            lines, self.replies[self.at:], self.incoming.user, self.incoming.channel)

    def tell(self, user_id: int, message: Outgoing, *, urgent: bool = False) -> None:
        """A message to someone else, through the outbox, sent once this update commits; in
        their quiet hours it waits until they end, unless it is `urgent`."""
        due = quiet_hours.due_for(self.repo.conn, user_id, self.now, urgent=urgent)
        self.to_others.enqueue(self.repo, user_id, message, due, self.now)


Handler = Callable[[Applying, Any], None]


def _set_reminder(ctx: Applying, event: ReminderSet) -> None:
    ctx.repo.schedule(ctx.user_id, event.kind, event.due_at, dict(event.data), ctx.now)


def _cancel_reminders(ctx: Applying, event: RemindersCancelled) -> None:
    ctx.repo.cancel_reminders(ctx.user_id, event.kind, ctx.now)


def _alert_coaches(ctx: Applying, event: HelpAsked) -> None:
    """Coaches who see the newcomer's profile hear at once, each in their own language."""
    for coach in ctx.repo.coaches_sharing(ctx.user_id):
        _ = ctx.in_language(coach.language)
        ctx.tell(coach.user_id, Outgoing(
            to=coach.external_id, text=coaching.help_alert(_, coach.label, event.topic),
            channel=coach.channel))


def _erase(ctx: Applying, event: PersonErased) -> None:
    organised = results_report.events_of(ctx.repo.conn, ctx.user_id)
    ctx.repo.delete_user(ctx.user_id)
    folder, person = ctx.around.files, ctx.incoming
    ctx.after_commit.append(
        lambda: data_export.remove_files(folder, person.channel, person.user))
    ctx.after_commit.append(lambda: results_report.remove_files(folder, organised))


def _export(ctx: Applying, event: DataExportAsked) -> None:
    person = personal_data.Person(ctx.user_id, ctx.user.channel, ctx.user.external_id)
    export = data_export.prepare(ctx.repo.conn, person, event.summary, ctx.now,
                                 ctx.around.files)
    ctx.put(export.message(ctx.incoming.user, ctx.incoming.channel,
                           ctx._("Everything I keep about you, as a file (JSON).")))
    ctx.after_commit.append(export.write)


def _after_consent(ctx: Applying, event: ConsentGiven) -> None:
    coach_link.ask_to_share_after_consent(ctx.repo, ctx.user_id, ctx.now)


def _open_link(ctx: Applying, event: LinkOpened) -> None:
    opened = deep_links.open_payload(ctx.repo, ctx.user, event.payload, ctx.now, ctx._)
    ctx.put_lines(opened.lines)
    ctx.start_now += opened.starts


def _give_coach_link(ctx: Applying, event: CoachLinkAsked) -> None:
    link = coach_link.coach_link_screen(
        ctx.repo, ctx.user_id, ctx.now, bot_username=ctx.around.bot_username,
        folder=ctx.around.files, _=ctx._, renew=event.renew)
    to, channel = ctx.incoming.user, ctx.incoming.channel
    ctx.put(Outgoing(to=to, text=link.text, channel=channel), link.image_message(to, channel))
    ctx.after_commit.append(link.draw)


HANDLERS: dict[type[Event], Handler] = {
    ReminderSet: _set_reminder,
    RemindersCancelled: _cancel_reminders,
    HelpAsked: _alert_coaches,
    PersonErased: _erase,
    ConsentGiven: _after_consent,
    LinkOpened: _open_link,
    CoachLinkAsked: _give_coach_link,
    UrgentAlert: app_urgent.urgent_handoff,
    NoShowsInARow: app_admin_tickets.no_shows,
    **appointment_effects.HANDLERS,
    **HANDOFF_HANDLERS,
    **GATHERING_HANDLERS,
    **RESULTS_HANDLERS,
    **app_appointment_changes.HANDLERS,
    **app_assignment.HANDLERS,
    **app_handover.HANDLERS,
    **POLL_HANDLERS,
    **DESK_HANDLERS,
    **GROWTH_HANDLERS,
    DataExportAsked: _export,
    **CONSENT_HANDLERS,
}


class UnknownEffect(LookupError):
    """An event that no handler applies: a programming mistake, never ignored."""


def apply_events(repo: SqlRepository, user: UserRecord, incoming: Incoming,
                 around: Surroundings, emitted: list[tuple[int, Event]],
                 replies: list[Outgoing], handlers: dict[type[Event], Handler] = HANDLERS,
                 start_now: list[tuple[str, Mapping[str, str]]] | None = None,
                 said: Said | None = None) -> list[Callable[[], object]]:
    """Apply each event in the order emitted; `replies` gets what handlers say, `start_now`
    the triggered flows to start in this update. Returns the work to do after the commit."""
    later: list[Callable[[], object]] = []
    added = 0
    others = to_others(around)
    for position, event in emitted:
        handler = handlers.get(type(event))
        if handler is None:
            raise UnknownEffect(f"no handler applies {type(event).__name__}; add one to "
                                "HANDLERS in bot/app_effects.py")
        ctx = Applying(repo, user, incoming, around, replies, min(position + added,
                                                                 len(replies)), said=said,
                       others=others)
        before = len(replies)
        handler(ctx, event)
        added += len(replies) - before
        later += ctx.after_commit
        if start_now is not None:
            start_now += ctx.start_now
    return later
