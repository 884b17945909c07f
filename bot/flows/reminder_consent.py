"""Which reminders go to someone who said no to "I get reminders": only what is not a
reminder of Brug's own (a meeting they have with their coach, a coach's message, a question
about their data); every other kind stops, also kinds added later."""

from __future__ import annotations

from bot.flows.appointments import KIND_PREFIX as APPOINTMENT
from bot.flows.coach_link import SHARE_REQUEST
from bot.flows.handoff_talk import CLOSED_REMINDER, OVERDUE_REMINDER
from bot.services.retention import KEEP_ASK

# Reminders of a meeting with a coach ("appointment:12:..."), by the part before the first ":".
STAYS = frozenset({APPOINTMENT.rstrip(":"), SHARE_REQUEST, KEEP_ASK, OVERDUE_REMINDER,
                   CLOSED_REMINDER})


def stays_without_consent(kind: str) -> bool:
    """Whether a reminder of this kind goes also to someone who turned reminders off."""
    return kind.partition(":")[0] in STAYS
