"""Where a person stands on each purpose, and changing it: what a yes or a no does at once,
said in plain words. The screens (My data, and the question again after a new text) call
here; the change itself is recorded by the ConsentChanged event's handler."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.flows import onboarding
from bot.flows.consent_purposes import (
    ANSWERS,
    COACH_GROWTH,
    COACH_PROFILE,
    ON_UNLESS_WITHDRAWN,
    REMINDERS,
    Purpose,
    fingerprint,
)
from bot.flows.content import Content
from bot.flows.events import ConsentChanged
from bot.flows.state import RoadmapProgress
from bot.flows.turn import Turn
from bot.storage.consents import Answer

# Runs that are settings, not answers: kept when the answers go.
SETTINGS = frozenset({"onboarding", "language", "consent", "share"})
# Purposes that only make sense while Brug keeps the answers.
NEEDS_ANSWERS = frozenset({COACH_PROFILE, COACH_GROWTH})


@dataclass(frozen=True)
class Standing:
    """Whether the purpose is given now, since when (None: by default), and to which text."""

    given: bool
    since: date | None
    version: str | None


def standings(turn: Turn, purposes: tuple[Purpose, ...]) -> dict[str, Standing]:
    """Per purpose, where the person stands (their answers read once)."""
    answers = turn.lookup.consents_of(turn.user.id) if turn.user.id is not None else {}
    return {purpose.id: standing(turn, purpose, answers) for purpose in purposes}


def standing(turn: Turn, purpose: Purpose, answers: Mapping[str, Answer] | None = None
             ) -> Standing:
    if purpose.id == ANSWERS:
        user = turn.user
        return Standing(onboarding.has_consent(user),
                        user.consent_at.date() if user.consent_at else None, user.consent_version)
    if answers is None:
        answers = turn.lookup.consents_of(turn.user.id) if turn.user.id is not None else {}
    answer = answers.get(purpose.id)
    if answer is None:
        return Standing(purpose.id in ON_UNLESS_WITHDRAWN, None, None)
    return Standing(answer.given, answer.at.date(), answer.version)


def outdated(turn: Turn, purposes: tuple[Purpose, ...]) -> list[str]:
    """The purposes this person said yes to an older text of: each is asked again."""
    now = standings(turn, purposes)
    return [purpose.id for purpose in purposes
            if now[purpose.id].given and now[purpose.id].version is not None
            and now[purpose.id].version != purpose.version]


def due_for_check(turn: Turn, content: Content) -> bool:
    """Whether this person was not checked against the current texts yet (then once)."""
    return bool(content.purposes) and turn.state.consent_texts != fingerprint(content.purposes)


def mark_checked(turn: Turn, content: Content) -> None:
    turn.state.consent_texts = fingerprint(content.purposes)


def change(turn: Turn, purpose: Purpose, given: bool) -> str:
    """The person says yes or no to the purpose's current text: it takes effect now. Returns
    the line that says what happened."""
    _ = turn._
    user = turn.user
    if given and purpose.id in NEEDS_ANSWERS and not onboarding.has_consent(user):
        return _("First let Brug keep your answers: without them there is nothing to share.")
    now = standing(turn, purpose)
    if now.given == given and (not given or now.version == purpose.version):
        return _("That was already your choice. Nothing changed.")
    if purpose.id == ANSWERS:
        # The conversation records it (ConsentChanged) when it sees the consent change.
        user.consent = onboarding.AGREE if given else onboarding.DECLINE
        user.consent_version, user.consent_at = purpose.version, turn.incoming.time
        if not given:
            forget_answers(turn)
            # Nothing is left to share: the coaches' sight goes with the answers, and a yes
            # later asks about each coach again.
            answers = turn.lookup.consents_of(user.id) if user.id is not None else {}
            for needing in sorted(NEEDS_ANSWERS):
                if (answer := answers.get(needing)) is not None and answer.given:
                    turn.effects.emit(ConsentChanged(needing, False, answer.version))
    else:
        turn.effects.emit(ConsentChanged(purpose.id, given, purpose.version))
    return _said(turn, purpose.id, given)


def forget_answers(turn: Turn) -> None:
    """Everything the person answered and marked goes; their language and settings stay."""
    state = turn.state
    state.runs = {name: run for name, run in state.runs.items() if name in SETTINGS}
    state.instances = {name: runs for name, runs in state.instances.items() if name in SETTINGS}
    state.triggered = {name: v for name, v in state.triggered.items() if name in SETTINGS}
    state.measures = {}
    state.roadmap = RoadmapProgress()


def _said(turn: Turn, purpose: str, given: bool) -> str:
    _ = turn._
    lines = {
        (ANSWERS, True): _("Thank you. From now on I keep your answers."),
        (ANSWERS, False): _("Done. I deleted your answers and your steps. I keep only your "
                            "language. Coaches no longer see your profile."),
        (COACH_PROFILE, True): _("Done. Your coach can now see your profile."),
        (COACH_PROFILE, False): _("Done. Your coach no longer sees your profile."),
        (COACH_GROWTH, True): _("Done. Your coach can now see your growth points."),
        (COACH_GROWTH, False): _("Done. Your coach no longer sees your growth points."),
        (REMINDERS, True): _("Done. I send you reminders again."),
        (REMINDERS, False): _("Done. I send you no more reminders. You still get reminders "
                              "of meetings with your coach."),
    }
    return lines[(purpose, given)]
