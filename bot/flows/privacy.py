"""/privacy: what Brug keeps about you, and deleting all of it after one confirmation."""

from __future__ import annotations

from collections.abc import Mapping

from bot.flows import consent_choice, growth, onboarding, profile
from bot.flows.consent_purposes import ANSWERS, Purpose
from bot.flows.content import FlowSpec
from bot.flows.turn import Turn
from bot.i18n import formats
from bot.types import Option

DELETE, CONFIRM_DELETE, KEEP_DATA, UNSHARE = "delete", "confirm", "keep", "unshare"
EXPORT = "export"
# A purpose's button ("cp_reminders") opens it (bot/flows/screens/consent_purpose.py).
OPEN_PURPOSE = "cp_"
# Settings, the share question and the job check-ins: shown on lines of their own in My data
# (or not at all), not among the answers.
PRIVATE_FLOWS = frozenset({"onboarding", "language", "consent", "share", "job_checkin"})
# The retention job's defaults (bot/services/retention.py), as the person reads them.
INACTIVE_MONTHS, ANSWER_DAYS, MESSAGE_DAYS = 12, 30, 7


def overview(turn: Turn, flow_titles: dict[str, str],
             flows: Mapping[str, FlowSpec] | None = None,
             purposes: tuple[Purpose, ...] = ()) -> tuple[str, tuple[Option, ...]]:
    """What is stored about this person (the answers themselves) and how long, in their
    language, with the buttons to export, stop sharing, change each consent and delete."""
    _ = turn._
    text = summary(turn, flow_titles, flows or {}, purposes)
    options = [Option(DELETE, _("Delete all my data")), Option(EXPORT, _("📄 Export my data")),
               *consent_options(turn, purposes)]
    if sharing_with(turn):
        options.insert(0, Option(UNSHARE, _("Stop sharing with my coach")))
    return text, tuple(options)


def summary(turn: Turn, flow_titles: dict[str, str], flows: Mapping[str, FlowSpec],
            purposes: tuple[Purpose, ...] = ()) -> str:
    """What is stored about this person, answer by answer, and how long it is kept."""
    _ = turn._
    user = turn.user
    lines = [_("This is what I keep about you:")]
    lines.append(_("- Your language: {language}").format(
        language=turn.translator.language.native_name))
    if user.consent_at is not None:
        when = formats.long_date(user.consent_at.date(), turn.translator.code)
        if onboarding.has_consent(user):
            line = _("- On {date}, you said yes: I may keep your answers.")
        else:
            line = _("- On {date}, you said no: I do not keep your answers.")
        lines.append(line.format(date=when))
    lines += consent_lines(turn, purposes)
    for name, run in turn.state.runs.items():
        answers = run.answers
        if name in PRIVATE_FLOWS or not answers or name not in flow_titles:
            continue
        spec = flows.get(name)
        given = profile.answer_lines(turn, spec, answers) if spec else []
        lines.append(_("- Your answers about: {parts}").format(parts=_(flow_titles[name])))
        lines += ["  " + line for line in given]
    # Flows run per instance (a reflection per event): named once, with how many were answered.
    for name, instances in turn.state.instances.items():
        count = sum(bool(run.answers) for run in instances.values())
        # An anonymous flow's answers are not kept with the person (only that they answered).
        anonymous = name in flows and flows[name].anonymous
        if name in flow_titles and name not in PRIVATE_FLOWS and count and not anonymous:
            title = _(flow_titles[name]) + (f" ({count})" if count > 1 else "")
            lines.append(_("- Your answers about: {parts}").format(parts=title))
    road = turn.state.roadmap
    if road.items or road.sector or road.network or road.help:
        lines.append(_("- Your steps to a job: what you marked and where you asked for help"))
    if road.job_start:
        lines.append(_("- Your first workday and how your job goes"))
    points = turn.lookup.growth_points_of(user.id) if user.id is not None else ()
    if points:
        lines.append(_("- Your growth points:"))
        lines += ["  " + line for line in growth.by_event(turn, points).splitlines() if line]
    lines.append(_("How long I keep it: until you delete it. If you do not write to me for "
                   "{months} months, I ask you if I may keep it. Without an answer, I delete "
                   "it {days} days later. Messages are deleted after {messages} days.").format(
        months=INACTIVE_MONTHS, days=ANSWER_DAYS, messages=MESSAGE_DAYS))
    if sharing_with(turn):
        lines.append(_("Your coach can see your profile."))
    else:
        lines.append(_("Only you see this. A coach sees it only if you say yes."))
    return "\n".join(lines)


def consent_lines(turn: Turn, purposes: tuple[Purpose, ...]) -> list[str]:
    """What the person said yes and no to, besides keeping answers (said on its own line)."""
    _ = turn._
    lines = []
    now = consent_choice.standings(turn, purposes) if purposes else {}
    for purpose in purposes:
        if purpose.id == ANSWERS:
            continue
        if now[purpose.id].given:
            line = _("- {purpose}: yes").format(purpose=_(purpose.title))
        else:
            line = _("- {purpose}: no").format(purpose=_(purpose.title))
        lines.append(line)
    return lines


def consent_options(turn: Turn, purposes: tuple[Purpose, ...]) -> tuple[Option, ...]:
    """A button per purpose, marked when it is given: it opens the purpose to change it."""
    _ = turn._
    now = consent_choice.standings(turn, purposes) if purposes else {}
    return tuple(Option(f"{OPEN_PURPOSE}{purpose.id}",
                        f"{'✅' if now[purpose.id].given else '⬜'} {_(purpose.title)}")
                 for purpose in purposes)


def sharing_with(turn: Turn) -> list[int]:
    """The coaches who see this person's profile (the coach links, read through the lookup)."""
    if turn.user.id is None:
        return []
    return [coach.user_id for coach in turn.lookup.coaches_sharing(turn.user.id)]


def confirmation(turn: Turn) -> tuple[str, tuple[Option, ...]]:
    _ = turn._
    return (
        _("Are you sure? I will delete everything I keep about you: your language, your "
          "answers and your reminders. You cannot get it back."),
        (Option(CONFIRM_DELETE, _("Yes, delete everything")),
         Option(KEEP_DATA, _("No, keep it"))),
    )
