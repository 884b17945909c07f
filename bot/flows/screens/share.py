"""May your coach see your profile? Asked once a coach is linked to a newcomer."""

from __future__ import annotations

from typing import Any

from bot.flows import appointments, coaching
from bot.flows.events import FollowUpTalkWanted, SharingChanged
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn

SHARE_WITH = "share_coach"


def asking(coach: Any) -> dict[str, Any]:
    """Where to ask about sharing with this coach (a user id)."""
    return {SHARE_WITH: coach}


class Share(Screen):
    place = "share"

    def view(self, turn: Turn, core: Core) -> View | None:
        if not str(turn.state.get(SHARE_WITH)).isdigit():
            return None
        return View(*coaching.share_question(turn), menu=False)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        coach, yes = str(turn.state.pop(SHARE_WITH)), chosen == coaching.SHARE_PROFILE
        turn.effects.emit(SharingChanged(int(coach), shared=yes))
        # Also in their own state, so My data can show it and take it back.
        turn.state.setdefault("coaches", {})[coach] = yes
        if yes:
            turn.effects.say(_("Thank you. Your coach can now see your profile."))
            if appointments.wants_follow_up(turn):
                turn.effects.emit(FollowUpTalkWanted(int(coach)))
        else:
            turn.effects.say(_("That is fine. Your coach will not see your profile."))
        core.show_menu(turn)


SCREEN = Share()
