"""Every organiser's events, for an admin: the newest first, each with who joined, waits and
left; a press opens the event's own screen (its results, who came, its reminders), as its
organiser has it."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_admin import SCREEN as ADMIN
from bot.flows.screens.event_view import EVENT_KEY
from bot.flows.screens.my_events import ORGANISED, organiser_line
from bot.flows.turn import Turn
from bot.types import Option


class AllEvents(Screen):
    place = "all_events"
    action = permissions.REPORT_EVENTS

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        every = sorted(turn.lookup.gatherings().every(),
                       key=lambda event: (event.starts_at, event.id), reverse=True)
        if not every:
            return View(_("Nobody has made an event yet."))
        return View("\n\n".join([_("The events of every organiser:"),
                                 *(organiser_line(turn, event) for event in every)]),
                    tuple(Option(f"{ORGANISED}{event.id}", f"⚙️ {event.title}")
                          for event in every))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        number = chosen.removeprefix(ORGANISED)
        if number.isdecimal():
            core.show(turn, ADMIN.place, {EVENT_KEY: int(number)})
        else:
            core.show(turn, self.place, new_question=False)


SCREEN = AllEvents()
