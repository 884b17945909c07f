"""After the first job starts: the first workday, check-ins after a day, a week, and one, three
and six months, each asking how it goes with a smiley and offering a coach."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot.flows import roadmap
from bot.flows.events import HelpAsked, RemindersCancelled, ReminderSet
from bot.flows.roadmap import writable
from bot.flows.roadmap_content import Roadmap
from bot.flows.steps.scale import face_options
from bot.flows.turn import Turn
from bot.i18n import N_
from bot.types import Option

# (reminder kind, days after the first workday, the question). The first comes in the evening
# of the first workday itself.
CHECKINS = (
    ("job_day1", 0, N_("How was your first workday?")),
    ("job_week1", 7, N_("You have worked for one week now. How is it going?")),
    ("job_month1", 30, N_("You have worked for one month now. How is it going?")),
    ("job_month3", 91, N_("You have worked for three months now. How is it going?")),
    ("job_month6", 182, N_("You have worked for six months now. How is it going?")),
)
KINDS = tuple(kind for kind, _, _ in CHECKINS)
# Asked from the menu, at any time after the check-ins.
ANY_TIME = "job_any"
# 16:00 UTC: after a day's work in Belgium (17:00 or 18:00).
EVENING = time(16, 0)
TODAY, UNKNOWN = "today", "unknown"
ASK_COACH = "coach"
# What a coach is told the newcomer asked help with, when it is their job.
HELP_TOPIC = N_("Their job: how it is going")
# A smiley this low or lower is answered with the offer of a person.
LOW = 2


def start_question(turn: Turn) -> tuple[str, tuple[Option, ...]]:
    _ = turn._
    return (
        _("Congratulations on your job! When is your first workday? Type the date as "
          "day-month-year, for example 24-11-2026. I will ask how it goes on that day, after "
          "a week, and after one, three and six months."),
        (Option(TODAY, _("Today")), Option(UNKNOWN, _("I don't know yet"))),
    )


def schedule(turn: Turn, first_day: date) -> int:
    """Set the check-ins that still lie ahead (a new date replaces the old ones); how many."""
    for kind in KINDS:
        turn.effects.emit(RemindersCancelled(kind))
    writable(turn)["job"] = {"start": first_day.isoformat(), "answers": {}}
    count = 0
    for kind, days, _ in CHECKINS:
        due = datetime.combine(first_day + timedelta(days=days), EVENING, tzinfo=UTC)
        if due > turn.incoming.time:
            turn.effects.emit(ReminderSet(kind, due, {"start": first_day.isoformat()}))
            count += 1
    return count


def job(state: dict[str, Any]) -> dict[str, Any] | None:
    """The job the person started: its first workday and the check-in answers."""
    started: dict[str, Any] | None = (state.get("roadmap") or {}).get("job")
    return started


def is_current(turn: Turn) -> bool:
    """A check-in that fell due belongs to the job start the person gave last."""
    started = job(turn.state) or {}
    return bool(started.get("start")) and \
        started.get("start") == turn.incoming.reminder_data.get("start")


def question(turn: Turn, kind: str) -> tuple[str, tuple[Option, ...]]:
    _ = turn._
    asked = dict((k, q) for k, _days, q in CHECKINS).get(kind)
    text = _(asked) if asked else _("I am still here for you. How is your job going?")
    hint = _("Tap a smiley: 1 is very bad, 5 is very good.")
    return f"{text}\n\n{hint}", (*face_options(),
                                  Option(ASK_COACH, _("🙋 Talk to a coach")))


def record(turn: Turn, kind: str, score: int) -> None:
    answers = (writable(turn).setdefault("job", {})).setdefault("answers", {})
    answers[kind] = [turn.incoming.time.date().isoformat(), score]


def ask_coach(turn: Turn, content: Roadmap) -> None:
    """Note that the person wants a coach's help with their job, and tell their coaches."""
    _ = turn._
    started = next((i for i in content.all_items() if i.job_start), None)
    if started is not None:
        roadmap.ask_help(turn, started)
    turn.effects.emit(HelpAsked(HELP_TOPIC))
    turn.effects.say(_("I noted that you want to talk to a coach about your job.") + "\n"
                     + roadmap.who_sees(turn))
