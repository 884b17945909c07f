"""Talking to a person, offered and never forced: after the lowest smiley about the help, and
when a newcomer missed two meetings in a row. Yes joins the request that is open for them
(the admins' one after missed meetings), else shows what a coach would get first."""

from __future__ import annotations

from bot.flows.screens import handoff_ask
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.i18n import N_
from bot.types import Option

# The state keys: why it is offered (MISSED, LOW) and the reason a request would carry.
OFFER_WHY, OFFER_REASON = "offer_why", "offer_reason"
MISSED, LOW = "missed", "low"
TALK, NO_THANKS = "offer_talk", "offer_no"
# The reminder kind that offers it in the newcomer's own turn.
REMINDER = "talk_offer"
MISSED_REASON = N_("They missed two meetings in a row with their coach")
LOW_REASON = N_("The talk with a coach did not help them")


class TalkOffer(Screen):
    place = "talk_offer"

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        if turn.state.shown.get(OFFER_WHY) == MISSED:
            text = _("You missed two meetings with your coach. That can happen. Do you want to "
                     "talk to a person about it?")
        else:
            text = _("I am sorry it did not help. Do you want to talk to a person again?")
        return View(text, (Option(TALK, _("💬 Yes, talk to a person")),
                           Option(NO_THANKS, _("No, thank you"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        reason = str(turn.state.shown.get(OFFER_REASON) or LOW_REASON)
        if chosen == NO_THANKS:
            turn.effects.say(_("That is fine. You can ask for a person in the menu at any "
                               "time."))
            core.show_menu(turn)
            return
        found = turn.lookup.open_handoff(turn.user.id) if turn.user.id is not None else None
        if found is None:
            core.show(turn, handoff_ask.SCREEN.place, {handoff_ask.HANDOFF_REASON: reason})
            return
        # A request is open for them already: what they write now goes to it.
        turn.state.talk.open = True
        if found.coach is not None:
            turn.effects.say(_("{coach} will answer you here. What you write here now goes to "
                               "them.").format(coach=found.coach.name))
        else:
            turn.effects.say(_("A person will answer you here. What you write here now goes "
                               "to them."))
        core.show_menu(turn, new_question=False)


SCREEN = TalkOffer()


def offer(turn: Turn, core: Core, why: str, reason: str) -> None:
    core.show(turn, SCREEN.place, {OFFER_WHY: why, OFFER_REASON: reason})


def remind(turn: Turn, core: Core) -> None:
    """The reminder that offers a person in the newcomer's own turn (after missed meetings)."""
    offer(turn, core, MISSED, MISSED_REASON)
