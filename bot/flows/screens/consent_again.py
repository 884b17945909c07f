"""A consent text changed since the person said yes to it: the new text, asked once at their
next visit, one question per changed purpose; then back to what they were doing."""

from __future__ import annotations

from bot.flows import consent_choice
from bot.flows.consent_purposes import by_id
from bot.flows.screens import place
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.consent_purpose import YES, answers, purpose_shown
from bot.flows.turn import Turn

# What the screen shows: the purpose asked now, those still to ask (ids joined by ","), and
# where the person was (a place name) before the questions came.
ASKED, QUEUE, CONSENT_BACK = "consent_again", "consent_queue", "consent_back"


def ask_if_changed(turn: Turn, core: Core) -> bool:
    """At a visit: the texts that changed since this person said yes are asked again (once;
    True if a question was asked and the update taken by it)."""
    if turn.incoming.kind == "timeout" or not consent_choice.due_for_check(turn, core.content):
        return False
    # Not in the middle of the first conversation, nor for someone who never answered.
    if turn.user.consent is None or place.flow_of(turn, ("onboarding",)) is not None:
        return False
    consent_choice.mark_checked(turn, core.content)
    changed = consent_choice.outdated(turn, core.content.purposes)
    if not changed:
        return False
    turn.effects.say(turn._("Before we go on: a text about your data has changed."))
    core.show(turn, SCREEN.place, {ASKED: changed[0], QUEUE: ",".join(changed[1:]),
                                   CONSENT_BACK: place.current(turn) or ""})
    return True


class AskAgain:
    """A mode (bot/flows/modes.py): the questions about changed texts come before the
    update is read."""

    def take(self, turn: Turn, core: Core) -> bool:
        return ask_if_changed(turn, core)


class ConsentAgain(Screen):
    place = "consent_again"

    def view(self, turn: Turn, core: Core) -> View | None:
        purpose = purpose_shown(turn, core, ASKED)
        if purpose is None:
            return None
        _ = turn._
        return View(_("{title}\n\n{text}\n\nDo you agree?").format(
            title=_(purpose.title), text=_(purpose.text)), answers(turn), menu=False)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        purpose = purpose_shown(turn, core, ASKED)
        assert purpose is not None  # the view was shown
        turn.effects.say(consent_choice.change(turn, purpose, chosen == YES))
        queue = [p for p in str(turn.state.shown.get(QUEUE, "")).split(",")
                 if p in by_id(core.content.purposes)]
        if queue:
            core.show(turn, self.place, {ASKED: queue[0], QUEUE: ",".join(queue[1:])})
            return
        back = str(turn.state.shown.get(CONSENT_BACK, ""))
        if back == place.FLOW:
            place.back_to_flow(turn)
            core.show_current(turn)
        elif back and back != self.place:
            core.show(turn, back, new_question=True)
        else:
            core.show_menu(turn)


SCREEN = ConsentAgain()
