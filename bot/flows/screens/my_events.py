"""My events: the events a person joined or waits for; for an organiser also their own
events with who joined, waits and left, and a button to make a new one."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.flows.commands import Opens
from bot.flows.gathering_text import counts_line
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_admin import SCREEN as ADMIN
from bot.flows.screens.event_new import ORGANISERS
from bot.flows.screens.event_new import SCREEN as QUESTIONS
from bot.flows.screens.event_view import EVENT_KEY
from bot.flows.screens.event_view import SCREEN as EVENT
from bot.flows.turn import Turn
from bot.i18n import formats
from bot.i18n.bidi import RLM, is_rtl
from bot.storage.gatherings import Gathering
from bot.types import Option

NEW_EVENT = "event_new_one"
# The prefix of an organised event's option: it opens the event's organiser screen.
ORGANISED = "org"
# Events stay in the list this long after they started.
SHOWN_AFTER_START = timedelta(days=1)


class MyEvents(Screen):
    place = "my_events"

    def available(self, turn: Turn, core: Core) -> bool:
        """For organisers, and for whoever joined or waits for an event (the menu stays short
        for everyone else)."""
        if turn.user.role in ORGANISERS:
            return True
        return turn.user.id is not None and turn.lookup.gatherings().takes_part(turn.user.id)

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        assert turn.user.id is not None  # a person with a screen was saved before
        store = turn.lookup.gatherings()
        since = turn.incoming.time - SHOWN_AFTER_START
        lines: list[str] = []
        options: list[Option] = []

        if turn.user.role in ORGANISERS:
            options.append(Option(NEW_EVENT, _("➕ New event")))
            own = store.of_organiser(turn.user.id)
            lines.append(_("Your events:") if own else _("You have made no events yet."))
            for event in own:
                lines.append(organiser_line(turn, event))
                options.append(Option(f"{ORGANISED}{event.id}", f"⚙️ {event.title}"))
        joined = [(event, status) for event, status in store.of_attendee(turn.user.id)
                  if event.starts_at > since]
        if joined:
            lines.append(_("Events you joined:"))
            for event, status in joined:
                mark = " ⏳" if status == "waiting" else ""
                lines.append(listed_event(turn, f"{event.title}{mark}", event.starts_at))
                options.append(Option(f"att{event.id}", f"📅 {event.title}"))
        elif turn.user.role not in ORGANISERS:
            lines.append(_("You have not joined any events yet. To join one, open the link "
                           "the organiser gives you."))
        return View("\n\n".join(lines), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == NEW_EVENT:
            core.open(turn, Opens(screen=QUESTIONS.place))
        elif chosen.startswith(ORGANISED):
            core.show(turn, ADMIN.place, {EVENT_KEY: int(chosen.removeprefix(ORGANISED))})
        else:
            core.show(turn, EVENT.place, {EVENT_KEY: int(chosen.removeprefix("att"))})


def short_when(starts_at: datetime, code: str) -> str:
    return formats.short_date_time(starts_at, code)


def listed_event(turn: Turn, title: str, starts_at: datetime) -> str:
    """"• title, start": a template, so a right-to-left reader gets the title and the date
    isolated, and the line marked as their direction (it would begin with a Latin title)."""
    lead = RLM if is_rtl(turn.translator.code) else ""
    return lead + "• " + turn._("{event}, {day}").format(
        event=title, day=short_when(starts_at, turn.translator.code))


def organiser_line(turn: Turn, event: Gathering) -> str:
    """An event as its organiser (or an admin) sees it in a list: title, start, counts."""
    mark = turn._(" (cancelled)") if event.cancelled else ""
    return (listed_event(turn, f"{event.title}{mark}", event.starts_at) + "\n  "
            + counts_line(turn.lookup.gatherings().counts(event.id), event.capacity,
                          turn.translator))


SCREEN = MyEvents()
