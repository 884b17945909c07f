"""A coach's phrasebook in a conversation through the bot: the list of ready phrases, a day to
choose for a phrase that needs one, and the phrase sent (bot/app_handoffs.py translates it
for the newcomer)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.flows.events import HandoffPhraseSent
from bot.flows.phrasebook import ASK_DAY, Phrase
from bot.flows.turn import Turn
from bot.i18n import formats
from bot.storage.handoffs import Handoff
from bot.types import Option

DAYS_AHEAD = 7


def show(turn: Turn, phrases: tuple[Phrase, ...], conversation: Handoff) -> None:
    """The phrases as buttons, in the coach's language."""
    _ = turn._
    turn.effects.say(_("Choose a phrase for {name}. They read it in their language.").format(
        name=conversation.newcomer.name), tuple(
        Option(f"hph.{conversation.id}.{index}", _(phrase.label))
        for index, phrase in enumerate(phrases)))


def chosen(turn: Turn, phrases: tuple[Phrase, ...], conversation: Handoff,
           found: re.Match[str]) -> None:
    """A phrase button: ask the day if it needs one, else send it."""
    index, day = int(found[2]), found[3]
    if index >= len(phrases):
        turn.effects.say(turn._("That phrase is no longer in the list."))
        return
    phrase = phrases[index]
    if phrase.ask == ASK_DAY and day is None:
        _ = turn._
        today = turn.incoming.time.date()
        days = [today + timedelta(days=n) for n in range(1, DAYS_AHEAD + 1)]
        turn.effects.say(_("Which day?"), tuple(
            Option(f"hpd.{conversation.id}.{index}.{d:%Y%m%d}",
                   formats.short_date(d, turn.translator.code)) for d in days))
        return
    iso = None
    if day is not None:
        try:
            iso = date(int(day[:4]), int(day[4:6]), int(day[6:])).isoformat()
        except ValueError:
            turn.effects.say(turn._("That phrase is no longer in the list."))
            return
    turn.effects.emit(HandoffPhraseSent(conversation.id, phrase.text, iso))
