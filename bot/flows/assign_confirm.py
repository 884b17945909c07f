"""The admin's "Assign anyway" beyond a coach's capacity: a button on the warning message that
works wherever the admin is (a mode, consulted before the conversation). Pressed by anyone
but an admin, nothing changes."""

from __future__ import annotations

import re

from bot.flows.events import CoachAssigned
from bot.flows.screens.base import Core
from bot.flows.turn import Turn

# "asg.NEWCOMER.COACH": both user ids.
ANYWAY_ID = re.compile(r"^asg\.(\d{1,12})\.(\d{1,12})$")


def anyway_id(newcomer: int, coach: int) -> str:
    return f"asg.{newcomer}.{coach}"


class AssignConfirmMode:
    """Takes the "Assign anyway" button; leaves every other update."""

    def take(self, turn: Turn, core: Core) -> bool:
        incoming = turn.incoming
        found = ANYWAY_ID.match(incoming.choice or "") if incoming.kind == "press" else None
        if found is None:
            return False
        if turn.user.role != "admin":
            turn.effects.say(turn._("Only admins can do that."))
            core.show_menu(turn, new_question=False)
            return True
        turn.effects.emit(CoachAssigned(int(found[1]), int(found[2]), force=True))
        core.show_menu(turn)
        return True
