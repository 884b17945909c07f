"""Screens where a coach types an answer (a day and hour, a note, quiet hours): what they type
there is that answer, not a message for the newcomer they are talking with."""

from __future__ import annotations

from bot.flows.screens import appointment_change, handover, place, plan, quiet_hours
from bot.flows.turn import Turn

ASKS_TO_TYPE = frozenset(screen.SCREEN.place
                         for screen in (plan, handover, quiet_hours, appointment_change))


def awaited(turn: Turn) -> bool:
    """True if the person typed text on a screen that asked them to type it; a reply to a
    relayed message is a message for its sender all the same."""
    incoming = turn.incoming
    return (incoming.kind == "text" and not incoming.reply_to
            and place.current(turn) in ASKS_TO_TYPE)
