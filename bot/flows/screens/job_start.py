"""When is your first workday? Asked when the person marks the job item done; the answer sets
the check-ins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.flows import job
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.steps.date import parse_date
from bot.flows.turn import Turn


class JobStart(Screen):
    place = road.JOB_START

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View:
        return View(*job.start_question(turn))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        self.started(turn, core, turn.incoming.time.date() if chosen == job.TODAY else None)

    def typed(self, turn: Turn, core: Core) -> bool:
        first_day = parse_date(turn.incoming.text)
        if first_day is not None:
            self.started(turn, core, first_day)
        return first_day is not None

    def retry(self, _: Callable[[str], str]) -> str:
        return _("Please type a date as day-month-year, for example 24-11-2026.")

    @staticmethod
    def started(turn: Turn, core: Core, first_day: date | None) -> None:
        """The first workday, or None if they do not know it yet."""
        _ = turn._
        if first_day is None:
            turn.effects.say(_("Fine. When you know the date, mark this item done again."))
        elif job.schedule(turn, first_day):
            turn.effects.say(_("Good luck! I will ask you how it goes."))
        else:
            turn.effects.say(_("Thank you. I hope your job goes well."))
        step = next(s.id for s in road.content(core).steps if any(i.job_start for i in s.items))
        core.show(turn, road.STEP, {road.STEP_SHOWN: step})


SCREEN = JobStart()
