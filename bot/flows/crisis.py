"""Words of danger in free text: the helplines at once, in the language the person reads, and
an urgent handoff to a person (bot/app_urgent.py). The text is never taken as an answer: the
caller asks the same question again right after. Brug does not counsel. Words of unfair
treatment get a note on where to find advice and a person, and the text is taken as usual."""

from __future__ import annotations

from bot.flows.care_content import Care
from bot.flows.events import UrgentAlert
from bot.flows.turn import Turn
from bot.i18n import N_
from bot.i18n.languages import base_code

DANGER = N_("They wrote words that may mean they are in danger.")


def heard(turn: Turn, care: Care | None) -> bool:
    """True if the person's text holds words of danger; the helplines are said (on their own)
    and the alert emitted."""
    if turn.incoming.kind != "text" or care is None:
        return False
    found = care.alarmed_by(turn.incoming.text)
    if not found:
        unfair = care.unfair_in(turn.incoming.text)
        if unfair:
            # Not urgent: where to get advice, and a person on offer; the answer goes on.
            turn.effects.say(care.unfair_note(reply_language(turn, unfair, care)))
        return False
    turn.effects.say(care.reply(reply_language(turn, found, care)), apart=True)
    turn.effects.emit(UrgentAlert(DANGER))
    return True


def reply_language(turn: Turn, found: list[str], care: Care) -> str:
    """The person's own language if the words were in it; otherwise the language they wrote
    in (a Persian speaker reads the helplines in Persian though Brug has no Persian yet)."""
    own = turn.translator.language.code
    if own in found or not found:
        return own
    hint = base_code(turn.incoming.language_hint)
    for code in (hint, *found):
        if code in found and code in care.languages:
            return code
    return own
