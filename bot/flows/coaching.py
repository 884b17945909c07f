"""Coach and newcomer: asking a newcomer whether their coach may see their profile, and the
coach's read-only view of the profiles (and roadmap progress) that were shared with them."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import growth, measures, onboarding, profile, roadmap, runs
from bot.flows.content import Content
from bot.flows.engine import END
from bot.flows.state import load
from bot.flows.turn import Turn
from bot.i18n import N_
from bot.storage.repository import LinkedNewcomer
from bot.types import Option

SHARE_PROFILE, KEEP_PRIVATE = "share", "keep_private"
NEWCOMER = "n"
CONTACT_ME = "contact_me"
# What the coach is told when a newcomer asks them, from Talk to a person, to get in touch.
TALK_TOPIC = N_("A talk with you")


def share_question(turn: Turn) -> tuple[str, tuple[Option, ...]]:
    _ = turn._
    return (
        _("A coach will help you on your way to work. May your coach see your profile (your "
          "answers)? You can change your mind later in My data."),
        (Option(SHARE_PROFILE, _("Yes, my coach may see it")),
         Option(KEEP_PRIVATE, _("No, keep it private"))),
    )


def contact_option(turn: Turn) -> Option:
    return Option(CONTACT_ME, turn._("🙋 Ask my coach to contact me"))


def help_alert(_: Callable[[str], str], name: str, topic: str) -> str:
    """What a coach is told when their newcomer asks for help (topic: an English source
    string, read here in the coach's language)."""
    return _("🙋 {name} asks a coach for help.\nAbout: {topic}\nPlease contact them soon. In "
             "the menu, My newcomers shows their profile and steps.").format(
                 name=name, topic=_(topic))


def pending(linked: LinkedNewcomer) -> bool:
    """The newcomer has not answered yet whether this coach may see their profile (they are
    still starting, or the question waits for them): not a refusal."""
    if linked.shared or linked.withdrawn or linked.consent == onboarding.DECLINE:
        return False
    return linked.consent is None or linked.share_step != END


def marked(linked: LinkedNewcomer) -> str:
    """The newcomer's name as a coach's button shows it: 🔒 for a no, ⏳ while they have not
    answered yet."""
    if linked.shared:
        return linked.label
    return f"⏳ {linked.label}" if pending(linked) else f"🔒 {linked.label}"


def newcomer_option(linked: LinkedNewcomer) -> str:
    return f"{NEWCOMER}{linked.user_id}"


def profile_of(turn: Turn, content: Content, linked: LinkedNewcomer) -> str:
    """A shared profile, read-only, in the coach's language."""
    _ = turn._
    if pending(linked):
        return _("{name} has not answered yet whether you may see their profile. You see it "
                 "once they say yes.").format(name=linked.label)
    # Growth points have their own say (growth.coach_may_see_growth).
    growing = growth.for_coach(turn, linked)
    if not linked.shared:
        refused = _("{name} did not agree to share their profile. Ask them in person.").format(
            name=linked.label)
        return f"{refused}\n\n{growing}" if growing else refused
    state = load(linked.state)
    parts = [_("Profile of {name}:").format(name=linked.label)]
    for spec in content.group("profile"):
        answers = runs.answers(state, spec.name)
        lines = profile.answer_lines(turn, spec, answers)
        if lines:
            parts.append("\n".join([_(spec.title), *lines]))
    if len(parts) == 1:
        parts.append(_("No answers yet."))
    if content.roadmap:
        parts.append(roadmap.for_coach(turn, content.roadmap, state))
    changed = measures.then_and_now(turn, content, state)
    if changed:
        parts.append(changed)
    if growing:
        parts.append(growing)
    return "\n\n".join(parts)
