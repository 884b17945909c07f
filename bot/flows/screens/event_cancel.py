"""Cancel one of the organiser's events? Yes tells everyone on its list at once."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.events import GatheringCancelled
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_admin import CANCEL_SCREEN, own_event
from bot.flows.screens.event_admin import SCREEN as ADMIN
from bot.flows.turn import Turn
from bot.types import Option

CANCEL_YES = "cancel_yes"
CANCEL_NO = "cancel_no"


class EventCancel(Screen):
    place = CANCEL_SCREEN
    action = permissions.ORGANISE

    def view(self, turn: Turn, core: Core) -> View | None:
        event = own_event(turn)
        if event is None or event.cancelled:
            return None
        _ = turn._
        return View(_("Cancel {title}? Everyone on its list gets a message now. This cannot "
                      "be undone.").format(title=event.title),
                    (Option(CANCEL_YES, _("Yes, cancel it")),
                     Option(CANCEL_NO, turn.pgettext("cancelling an event", "No, keep it"))),
                    menu=False)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        event = own_event(turn)
        assert event is not None  # the view showed options, so it found the event
        if chosen == CANCEL_YES:
            turn.effects.emit(GatheringCancelled(event.id))
            core.show_menu(turn)
        else:
            core.show(turn, ADMIN.place)


SCREEN = EventCancel()
