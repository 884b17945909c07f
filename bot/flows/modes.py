"""Modes: what may take an update before the normal conversation does. A person talking to a
coach through the bot is in one: what they write goes to the other side, not to the bot.
Each mode takes an update (True) or leaves it to the next mode and then the conversation."""

from __future__ import annotations

from typing import Protocol

from bot.flows.assign_confirm import AssignConfirmMode
from bot.flows.handoff import HandoffMode
from bot.flows.poll_sending import PollSendMode
from bot.flows.screens.base import Core
from bot.flows.screens.consent_again import AskAgain
from bot.flows.screens.handover import HandoverNoteMode
from bot.flows.turn import Turn


class Mode(Protocol):
    def take(self, turn: Turn, core: Core) -> bool:
        """Handle the update and return True, or return False and change nothing."""
        ...


# The handover's note comes first: it is for the colleague, never relayed to the newcomer.
MODES: tuple[Mode, ...] = (HandoverNoteMode(), HandoffMode(), AssignConfirmMode(), AskAgain(),
                          PollSendMode())


def taken(turn: Turn, core: Core, modes: tuple[Mode, ...] = MODES) -> bool:
    """Whether a mode took the update."""
    return any(mode.take(turn, core) for mode in modes)
