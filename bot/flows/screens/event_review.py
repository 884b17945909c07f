"""The organiser's own evaluation of an event after it: participants, partners or companies
present, matches made (job offers, second interviews, people who started work), what went
well and what to change; one question at a time, kept with the event when the last is
answered. An earlier evaluation is the starting point: Skip keeps its answer."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.flows import permissions
from bot.flows.results_events import EvaluationSaved
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_admin import REVIEW_DRAFT, REVIEW_FIELD, REVIEW_SCREEN, own_event
from bot.flows.screens.event_admin import SCREEN as ADMIN
from bot.flows.turn import Turn
from bot.i18n.numbers import whole_number
from bot.services.event_results import EVALUATION_NUMBERS, EVALUATION_TEXTS
from bot.storage.event_review import Evaluation, EventReview
from bot.types import Option

FIELD_KEY = REVIEW_FIELD
DRAFT_KEY = REVIEW_DRAFT
FIELDS = (*EVALUATION_NUMBERS, *EVALUATION_TEXTS)
SKIP = "review_skip"
MOST = 100_000
LONGEST = 1000


def _draft(turn: Turn) -> dict[str, Any]:
    """The answers so far; at the first question, the evaluation kept so far (if any)."""
    draft = turn.state.shown.get(DRAFT_KEY)
    if not isinstance(draft, dict):
        event = own_event(turn)
        kept = None if event is None else EventReview(
            turn.lookup.gatherings().conn).evaluation(event.id)
        draft = turn.state.shown[DRAFT_KEY] = asdict(kept or Evaluation())
    return draft


class EventReviewScreen(Screen):
    place = REVIEW_SCREEN
    action = permissions.ORGANISE

    def view(self, turn: Turn, core: Core) -> View | None:
        event = own_event(turn)
        field = turn.state.shown.get(FIELD_KEY)
        if event is None or field not in FIELDS:
            return None
        _ = turn._
        questions = {
            "participants": _("Your evaluation of {title}, 1 of 7. How many participants "
                              "came? Type a number.").format(title=event.title),
            "partners": _("2 of 7. How many partners or companies were there? Type a "
                          "number."),
            "job_offers": _("3 of 7. Matches made: how many job offers? Type a number."),
            "second_interviews": _("4 of 7. How many second interviews? Type a number."),
            "started_work": _("5 of 7. How many people started work? Type a number."),
            "went_well": _("6 of 7. What went well? Type a few words."),
            "to_change": _("7 of 7. What would you change next time? Type a few words."),
        }
        text = questions[str(field)]
        now = _draft(turn).get(str(field))
        if now not in (None, ""):
            text += "\n" + _("Now: {answer}").format(answer=now)
        return View(text, (Option(SKIP, _("Skip")),))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        self._next(turn, core)

    def typed(self, turn: Turn, core: Core) -> bool:
        field = str(turn.state.shown.get(FIELD_KEY))
        text = turn.incoming.text.strip()
        if field in EVALUATION_NUMBERS:
            number = whole_number(text)
            if number is None or number > MOST:
                turn.effects.say(turn._("Type a number from 0 to 100 000, or tap Skip."))
                core.show(turn, self.place, new_question=False)
                return True
            _draft(turn)[field] = number
        else:
            if not text or len(text) > LONGEST:
                turn.effects.say(turn._("Type at most 1000 characters, or tap Skip."))
                core.show(turn, self.place, new_question=False)
                return True
            _draft(turn)[field] = text
        self._next(turn, core)
        return True

    def _next(self, turn: Turn, core: Core) -> None:
        field = str(turn.state.shown.get(FIELD_KEY))
        position = FIELDS.index(field) + 1 if field in FIELDS else len(FIELDS)
        if position < len(FIELDS):
            core.show(turn, self.place, {FIELD_KEY: FIELDS[position]})
            return
        event = own_event(turn)
        assert event is not None  # the view showed options, so it found the event
        turn.effects.emit(EvaluationSaved(event.id, _evaluation(_draft(turn))))
        turn.state.shown.pop(DRAFT_KEY, None)
        core.show(turn, ADMIN.place)


def _evaluation(draft: dict[str, Any]) -> Evaluation:
    def number(name: str) -> int | None:
        value = draft.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def text(name: str) -> str:
        return str(draft.get(name) or "")

    return Evaluation(number("participants"), number("partners"), number("job_offers"),
                      number("second_interviews"), number("started_work"), text("went_well"),
                      text("to_change"))


SCREEN = EventReviewScreen()
