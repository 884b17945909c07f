"""/privacy: what Brug keeps about you, and deleting all of it after one confirmation."""

from __future__ import annotations

from babel.dates import format_date

from bot.flows import onboarding
from bot.flows.turn import Turn
from bot.types import Option

DELETE, CONFIRM_DELETE, KEEP_DATA, UNSHARE = "delete", "confirm", "keep", "unshare"
# Settings, the share question and the job check-ins: shown on lines of their own in My data
# (or not at all), not among the answers.
PRIVATE_FLOWS = frozenset({"onboarding", "language", "consent", "share", "job_checkin"})


def overview(turn: Turn, flow_titles: dict[str, str]) -> tuple[str, tuple[Option, ...]]:
    """What is stored about this person, in their language, with the delete button."""
    _ = turn._
    user = turn.user
    lines = [_("This is what I keep about you:")]
    lines.append(_("- Your language: {language}").format(
        language=turn.translator.language.native_name))
    if user.consent_at is not None:
        when = format_date(user.consent_at.date(), format="long", locale=turn.translator.locale)
        if onboarding.has_consent(user):
            line = _("- On {date}, you said yes: I may keep your answers.")
        else:
            line = _("- On {date}, you said no: I do not keep your answers.")
        lines.append(line.format(date=when))
    answered = [
        _(flow_titles[name]) for name, data in turn.state.runs.items()
        if name in flow_titles and name not in PRIVATE_FLOWS and data.get("answers")
    ]
    # Flows run per instance (a reflection per event): named once, with how many were answered.
    for name, instances in turn.state.instances.items():
        count = sum(bool(run.get("answers")) for run in instances.values())
        if name in flow_titles and name not in PRIVATE_FLOWS and count:
            answered.append(_(flow_titles[name]) + (f" ({count})" if count > 1 else ""))
    if answered:
        lines.append(_("- Your answers about: {parts}").format(parts=", ".join(answered)))
    road = turn.state.roadmap
    if road.items or road.sector or road.network or road.help:
        lines.append(_("- Your steps to a job: what you marked and where you asked for help"))
    if road.job_start:
        lines.append(_("- Your first workday and how your job goes"))
    options = [Option(DELETE, _("Delete all my data"))]
    if sharing_with(turn):
        lines.append(_("Your coach can see your profile."))
        options.insert(0, Option(UNSHARE, _("Stop sharing with my coach")))
    else:
        lines.append(_("Only you see this. A coach sees it only if you say yes."))
    return "\n".join(lines), tuple(options)


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
