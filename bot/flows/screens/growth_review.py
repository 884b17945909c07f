"""The end of a reflection on an event: growth points proposed from the person's own answers,
one by one, each to keep, to put in other words (typed), or to drop. Kept ones go to their
profile with the event's title and date."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from bot.flows import growth, runs
from bot.flows.events import GrowthPointKept
from bot.flows.screens.base import FINISHED_FLOW, FINISHED_INSTANCE, Core, Screen, View
from bot.flows.state import FlowRunRecord
from bot.flows.turn import Turn
from bot.types import Option

# The shown key of the review's progress (a Progress as JSON).
REVIEW_PROGRESS = "growth_progress"
KEEP_POINT, REWORD_POINT, DROP_POINT = "growth_keep", "growth_change", "growth_drop"


@dataclass(frozen=True)
class Progress:
    """Where a review is: for which reflection (its instance), the proposal on show (from 0),
    whether new words for it are being typed, and how many were kept."""

    run: str = ""
    at: int = 0
    typing: int = 0
    kept: int = 0


def _progress(turn: Turn) -> Progress:
    """The progress of this reflection's review (a review left unfinished for another
    reflection is not read)."""
    shown = turn.state.shown
    raw = shown.get(REVIEW_PROGRESS)
    run = str(shown.get(FINISHED_INSTANCE, ""))
    if not isinstance(raw, dict) or raw.get("run") != run:
        return Progress(run)
    return Progress(run, *(int(raw.get(key) or 0) for key in ("at", "typing", "kept")))


def _moved(progress: Progress) -> dict[str, Any]:
    """Where the screen is shown with this progress."""
    return {REVIEW_PROGRESS: asdict(progress)}


class GrowthReview(Screen):
    place = "growth_review"

    @staticmethod
    def _run(turn: Turn) -> FlowRunRecord:
        shown = turn.state.shown
        return runs.stored(turn.state, str(shown.get(FINISHED_FLOW, "")),
                           str(shown.get(FINISHED_INSTANCE, ""))) or FlowRunRecord()

    def _proposed(self, turn: Turn) -> list[str]:
        return growth.proposals(self._run(turn).answers)

    def view(self, turn: Turn, core: Core) -> View | None:
        _ = turn._
        proposed, progress = self._proposed(turn), _progress(turn)
        if not proposed:
            return View(_("You skipped the questions, so there are no growth points to "
                          "propose. That is fine."))
        if progress.at >= len(proposed):
            return None
        if progress.typing:
            return View(_("Type this growth point in your own words, in one short sentence."),
                        (Option(KEEP_POINT, _("✅ Keep it as it was")),
                         Option(DROP_POINT, _("🗑 Drop it"))))
        parts = []
        if progress.at == 0:
            parts.append(_("From your answers, I propose growth points in your own words. "
                           "You decide about each one: keep it, change the words, or drop it."))
        parts.append(_("Growth point {number} of {total}:").format(number=progress.at + 1,
                                                                    total=len(proposed)))
        parts.append(f"🌱 {proposed[progress.at]}")
        return View("\n\n".join(parts), (Option(KEEP_POINT, _("✅ Keep it")),
                                         Option(REWORD_POINT, _("✏ Change the words")),
                                         Option(DROP_POINT, _("🗑 Drop it"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == REWORD_POINT:
            core.show(turn, self.place, _moved(replace(_progress(turn), typing=1)))
        elif chosen == KEEP_POINT:
            self._keep(turn, core, self._proposed(turn)[_progress(turn).at])
        else:
            self._next(turn, core, _progress(turn))

    def typed(self, turn: Turn, core: Core) -> bool:
        """Typed words are the growth point in the person's own wording."""
        text = growth.first_sentence(turn.incoming.text)
        if not text:
            return False
        self._keep(turn, core, text)
        return True

    def _keep(self, turn: Turn, core: Core, text: str) -> None:
        values = self._run(turn).values
        turn.effects.emit(GrowthPointKept(values.get("event", ""), values.get("title", ""),
                                          text))
        turn.effects.say(turn._("Kept: {point}").format(point=text))
        progress = _progress(turn)
        self._next(turn, core, replace(progress, kept=progress.kept + 1))

    def _next(self, turn: Turn, core: Core, progress: Progress) -> None:
        if progress.at + 1 < len(self._proposed(turn)):
            core.show(turn, self.place, _moved(replace(progress, at=progress.at + 1, typing=0)))
            return
        for key in (REVIEW_PROGRESS, FINISHED_FLOW, FINISHED_INSTANCE):
            turn.state.shown.pop(key, None)
        if progress.kept:
            turn.effects.say(turn._("Your growth points are in your profile: My profile, "
                                    "My growth points. Your coach sees them only if you "
                                    "share your profile."))
        else:
            turn.effects.say(turn._("That is fine. Nothing was kept."))
        core.show_menu(turn)


SCREEN = GrowthReview()
