"""Sending an event's smiley poll, the turn's side: the organiser's "Send the poll" button
(pressed on their event, or an old or forged copy of it), the reminder at the event's end
that sends it by itself, and the reminder that sends it to the next part of a long list. A
mode (bot/flows/modes.py): it takes these updates before the conversation."""

from __future__ import annotations

import re

from bot.flows.events import PollSendAsked, PollSendGoesOn
from bot.flows.screens import event_admin
from bot.flows.screens.base import Core
from bot.flows.screens.event_new import ORGANISERS
from bot.flows.turn import Turn

# The button's id (event_admin.poll_button): "eps.<event id>", taken from any message, so a
# second press is answered too.
SEND_BUTTON = re.compile(rf"^{event_admin.SEND_POLL}\.(\d{{1,12}})$")
# Reminder kinds (the organiser's): the event ended; the next part of the list is due.
POLL_DUE, POLL_MORE = "event_poll_due", "event_poll_more"


class PollSendMode:
    """Takes the poll's button and reminders; leaves every other update."""

    def take(self, turn: Turn, core: Core) -> bool:
        incoming = turn.incoming
        if incoming.kind == "press" and incoming.choice is not None:
            found = SEND_BUTTON.match(incoming.choice)
            if found is None:
                return False
            self._pressed(turn, core, int(found[1]))
            return True
        if incoming.kind != "timeout" or incoming.reminder not in (POLL_DUE, POLL_MORE):
            return False
        data = incoming.reminder_data
        if not data.get("event", "").isdecimal():
            return True
        event_id = int(data["event"])
        if incoming.reminder == POLL_DUE:
            turn.effects.emit(PollSendAsked(event_id, automatic=True))
        elif data.get("after", "").isdecimal():
            turn.effects.emit(PollSendGoesOn(event_id, int(data["after"]),
                                             data.get("open_until", "")))
        return True

    @staticmethod
    def _pressed(turn: Turn, core: Core, event_id: int) -> None:
        event = turn.lookup.gatherings().get(event_id) if turn.user.role in ORGANISERS \
            else None
        if event is None or (event.organiser_id != turn.user.id and turn.user.role != "admin"):
            # A forged or forwarded organiser's button: nothing changes.
            turn.effects.say(turn._("Only the organiser of an event can send its poll."))
            core.show_menu(turn, new_question=False)
            return
        # What sending did is said where it is applied, before the menu.
        turn.effects.emit(PollSendAsked(event_id))
        core.show_menu(turn)
