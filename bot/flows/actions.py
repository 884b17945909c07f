"""What an option of a flow may do besides being the answer (`do:` in the YAML): one function
per name. Each acts only through the turn (its effects, its state) and may return a line said
right after the option's own words."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import appointments, consent_purposes, roadmap
from bot.flows.content import ACTIONS, Content, OptionSpec, StepSpec
from bot.flows.engine import FlowRun
from bot.flows.events import FollowUpTalkWanted, HelpAsked, SharingChanged
from bot.flows.screens import handoff_ask, place
from bot.flows.turn import Turn

Action = Callable[[Turn, Content, FlowRun, StepSpec, OptionSpec], str | None]


def ask_coach(turn: Turn, content: Content, run: FlowRun, step: StepSpec,
              option: OptionSpec) -> str | None:
    """The person wants a coach's help (with `about`, a roadmap item, kept as its context):
    coaches who see their profile are told what the step's `summary` says."""
    item = content.roadmap.item(option.about) if content.roadmap and option.about else None
    if item is not None:
        roadmap.ask_help(turn, item)
    turn.effects.emit(HelpAsked(step.summary or run.spec.title))
    if turn.user.id is not None and not turn.state.talk.open \
            and not turn.lookup.coaches_sharing(turn.user.id):
        # No coach hears of it: what a coach would get is shown once the flow ends.
        place.keep(turn, handoff_ask.SCREEN.place,
                   {handoff_ask.HANDOFF_REASON: step.summary or run.spec.title})
        return None
    return roadmap.who_sees(turn)


def _sharing(shared: bool) -> Action:
    def change(turn: Turn, content: Content, run: FlowRun, step: StepSpec,
               option: OptionSpec) -> str | None:
        """The coach the trigger named (`coach`, a user id) sees the profile, or not; a
        newcomer who asked for a follow-up talk in the intake gets one planned with them."""
        coach = run.values.get("coach", "")
        purpose = consent_purposes.by_id(content.purposes).get(consent_purposes.COACH_PROFILE)
        if coach.isdigit():
            turn.effects.emit(SharingChanged(int(coach), shared=shared,
                                             version=purpose.version if purpose else ""))
            if shared and appointments.wants_follow_up(turn):
                turn.effects.emit(FollowUpTalkWanted(int(coach)))
        return None

    return change


DO: dict[str, Action] = {
    "ask_coach": ask_coach,
    "share_with_coach": _sharing(True),
    "keep_from_coach": _sharing(False),
}
assert set(DO) == ACTIONS, "bot/flows/content.py ACTIONS names the actions here"
