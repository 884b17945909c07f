"""What an organiser does with an event after it: ask its results, tick who came, save
their own evaluation. Typed events (see bot/flows/events.py), applied by bot/app_results.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.flows.events import Event
from bot.storage.event_review import Evaluation


@dataclass(frozen=True)
class ResultsAsked(Event):
    """The organiser asked for the event's results: a text, a chart and a CSV file."""

    event_id: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class AttendanceTicked(Event):
    """The organiser ticked (or unticked) that one person on the list came."""

    event_id: int
    user_id: int


@dataclass(frozen=True)
class EveryoneCame(Event):
    """The organiser says everyone who did not cancel came."""

    event_id: int
    speaks: ClassVar[bool] = True


@dataclass(frozen=True)
class EvaluationSaved(Event):
    """The organiser's own evaluation of the event, kept with it."""

    event_id: int
    evaluation: Evaluation
    speaks: ClassVar[bool] = True
