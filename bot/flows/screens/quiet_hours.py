"""Quiet hours, for a coach: hours (Brussels time) in which Brug sends them nothing but urgent
requests; the rest waits until the hours end. Chosen from a few or typed, or off."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import permissions
from bot.flows.desk_events import QuietHoursSet
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.services.quiet_hours import QuietHours
from bot.types import Option

OFF, QUIET_BACK = "quiet_off", "quiet_back"
# My newcomers, where quiet hours are opened from (its place name; it imports this module).
HOME_SCREEN = "coach"
# Ready choices; any other span can be typed.
CHOICES = ("18:00-08:00", "20:00-08:00", "21:00-07:00", "22:00-07:00", "22:00-08:00")
CHOICE_PREFIX = "quiet_"


def current(turn: Turn) -> QuietHours | None:
    """The coach's quiet hours, with a change made in this very turn already counted."""
    for _at, event in reversed(turn.effects.emitted()):
        if isinstance(event, QuietHoursSet):
            return None if event.start is None or event.end is None \
                else QuietHours.parse(f"{event.start}-{event.end}")
    if turn.user.id is None:
        return None
    return QuietHours.of(turn.lookup.desk_of(turn.user.id))


def line(turn: Turn) -> str:
    _ = turn._
    quiet = current(turn)
    if quiet is None:
        return _("🌙 Quiet hours: off.")
    return _("🌙 Quiet hours: {hours} (Belgian time). Only urgent requests reach you then.").format(
        hours=quiet.text())


class QuietHoursScreen(Screen):
    place = "quiet_hours"
    action = permissions.SEE_NEWCOMERS

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        parts = [line(turn),
                 _("In your quiet hours I send you nothing but urgent requests. Messages from "
                   "your newcomers, new requests, reminders and your weekly overview wait "
                   "until the hours end.")]
        # With a conversation open, what a coach types goes to the newcomer: buttons only.
        talking = turn.user.id is not None and bool(turn.lookup.conversations_of(turn.user.id))
        parts.append(_("Choose your hours.") if talking
                     else _("Choose your hours, or type them like 21:30-07:30."))
        text = "\n\n".join(parts)
        options = [Option(f"{CHOICE_PREFIX}{hours}", hours) for hours in CHOICES]
        options += [Option(OFF, _("No quiet hours")),
                    Option(QUIET_BACK, _("⬅ My newcomers"), "nav")]
        return View(text, tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        if chosen == QUIET_BACK:
            core.show(turn, HOME_SCREEN)
        elif chosen == OFF:
            self._set(turn, core, None)
        else:
            self._set(turn, core, QuietHours.parse(chosen.removeprefix(CHOICE_PREFIX)))

    def typed(self, turn: Turn, core: Core) -> bool:
        try:
            quiet = QuietHours.parse(turn.incoming.text)
        except ValueError:
            return False
        self._set(turn, core, quiet)
        return True

    def retry(self, _: Callable[[str], str]) -> str:
        return _("Please choose, or type your hours like 21:30-07:30.")

    @staticmethod
    def _set(turn: Turn, core: Core, quiet: QuietHours | None) -> None:
        if quiet is None:
            turn.effects.emit(QuietHoursSet(None, None))
        else:
            turn.effects.emit(QuietHoursSet(f"{quiet.start:%H:%M}", f"{quiet.end:%H:%M}"))
        turn.effects.say(turn._("Saved."))
        core.show(turn, HOME_SCREEN)


SCREEN = QuietHoursScreen()
