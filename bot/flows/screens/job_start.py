"""When is your first workday? Asked when the person marks the job item done; the answer sets
the check-ins (the triggered flow in content/job_checkin.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from bot.flows import triggers
from bot.flows.roadmap import JOB_CHECKIN_FLOW, writable
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.steps.date import parse_date
from bot.flows.turn import Turn
from bot.types import Option

# When the flow that asks how the job goes starts: days after the first workday, per reminder
# kind. The first comes in the evening of the first workday itself.
CHECKIN_DAYS = {"job_day1": 0, "job_week1": 7, "job_month1": 30, "job_month3": 91,
                "job_month6": 182}
# 16:00 UTC: after a day's work in Belgium (17:00 or 18:00).
EVENING = time(16, 0)
TODAY, UNKNOWN = "today", "unknown"


class JobStart(Screen):
    place = road.JOB_START

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        return View(
            _("Congratulations on your job! When is your first workday? Type the date as "
              "day-month-year, for example 24-11-2026. I will ask how it goes on that day, "
              "after a week, and after one, three and six months."),
            (Option(TODAY, _("Today")), Option(UNKNOWN, _("I don't know yet"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        self.started(turn, core, turn.incoming.time.date() if chosen == TODAY else None)

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
        elif schedule(turn, core, first_day):
            turn.effects.say(_("Good luck! I will ask you how it goes."))
        else:
            turn.effects.say(_("Thank you. I hope your job goes well."))
        step = next(s.id for s in road.content(core).steps if any(i.job_start for i in s.items))
        core.show(turn, road.STEP, {road.STEP_SHOWN: step})


def schedule(turn: Turn, core: Core, first_day: date) -> int:
    """Set the check-ins that still lie ahead (a new date replaces the old ones); how many."""
    writable(turn).job_start = first_day.isoformat()
    due = {kind: datetime.combine(first_day + timedelta(days=days), EVENING, tzinfo=UTC)
           for kind, days in CHECKIN_DAYS.items()}
    return triggers.schedule(turn, core.content.flows[JOB_CHECKIN_FLOW], due,
                             {"start": first_day.isoformat()})


SCREEN = JobStart()
