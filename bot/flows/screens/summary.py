"""A profile part's summary: what the person answered, a button to change each answer, and
the next part still to fill in."""

from __future__ import annotations

from bot.flows import profile, runs
from bot.flows.content import FlowSpec
from bot.flows.engine import FlowRun
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn

# What the screen shows: the flow summed up.
PART = "summary_of"


def of(spec: FlowSpec) -> dict[str, str | int]:
    """Where to show the summary of this part."""
    return {PART: spec.name}


class Summary(Screen):
    place = "summary"

    @staticmethod
    def part(turn: Turn, core: Core) -> FlowSpec | None:
        name = str(turn.state.shown.get(PART, ""))
        return core.content.flows.get(name)

    @staticmethod
    def next_part(turn: Turn, core: Core, spec: FlowSpec) -> FlowSpec | None:
        sections = core.content.group("profile")
        later = sections[sections.index(spec) + 1:] + sections[:sections.index(spec)]
        return next((s for s in later if profile.status(s, turn.state) != "done"), None)

    def view(self, turn: Turn, core: Core) -> View | None:
        spec = self.part(turn, core)
        if spec is None:  # that part is no longer in the content
            return None
        answers = FlowRun(spec, runs.stored(turn.state, spec.name, None)).answers
        return View(*profile.summary(turn, spec, answers, self.next_part(turn, core, spec)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        spec = self.part(turn, core)
        assert spec is not None  # the view was shown
        if chosen == profile.NEXT_PART:
            following = self.next_part(turn, core, spec)
            assert following is not None
            core.start_flow(turn, following.name)
        else:
            core.edit_answer(turn, spec, chosen.removeprefix(profile.EDIT))


SCREEN = Summary()
