"""One purpose of consent, from My data: its text in plain words, where the person stands
(yes since when, or no), and a yes and a no that take effect at once."""

from __future__ import annotations

from bot.flows import consent_choice
from bot.flows.consent_purposes import Purpose, by_id
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.i18n import formats
from bot.types import Option

# What the screen shows: the purpose's id.
PURPOSE = "consent_purpose"
YES, NO = "yes", "no"


def purpose_shown(turn: Turn, core: Core, key: str = PURPOSE) -> Purpose | None:
    return by_id(core.content.purposes).get(str(turn.state.shown.get(key, "")))


def text(turn: Turn, purpose: Purpose, standing: consent_choice.Standing) -> str:
    """The purpose's text, and where the person stands, in their language."""
    _ = turn._
    if standing.given and standing.since is not None:
        now = _("Your choice now: yes, since {date}.").format(
            date=formats.long_date(standing.since, turn.translator.code))
    elif standing.given:
        now = _("Your choice now: yes. You can say no at any time.")
    else:
        now = _("Your choice now: no.")
    return f"{_(purpose.title)}\n\n{_(purpose.text)}\n\n{now}"


def answers(turn: Turn) -> tuple[Option, ...]:
    _ = turn._
    return (Option(YES, _("Yes, I agree")), Option(NO, _("No")))


class ConsentPurpose(Screen):
    place = "consent_purpose"
    # Back to My data after a change.
    retired_to = "privacy"

    def view(self, turn: Turn, core: Core) -> View | None:
        purpose = purpose_shown(turn, core)
        if purpose is None:
            return None
        return View(text(turn, purpose, consent_choice.standing(turn, purpose)), answers(turn))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        purpose = purpose_shown(turn, core)
        assert purpose is not None  # the view was shown
        turn.effects.say(consent_choice.change(turn, purpose, chosen == YES))
        # The change is stored after this turn: My data would still show the choice before.
        core.show_menu(turn)


SCREEN = ConsentPurpose()
