"""Where buttons carry no numbers (Telegram), the bot does not ask to "type a number".

Each sentence that mentions typing an option's number has a twin without it. On a channel
whose options are not numbered, the translated sentence is swapped for its translated twin,
wherever it stands in a message; a language that has only one of the two keeps the sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n import N_

# (the sentence that mentions numbers, the same sentence without them); whole messages and
# sentences inside content texts (the menu's question, the welcome).
HINTS: tuple[tuple[str, str], ...] = (
    (N_("Please choose one of the options: tap a button, or type its number."),
     N_("Please choose one of the options: tap a button.")),
    (N_("Please tap a face, or type a number from 1 to 4."), N_("Please tap a face.")),
    (N_("Please tap a smiley, or type a number from 1 to 5."), N_("Please tap a smiley.")),
    # TRANSLATORS: The same words as at the end of the menu's question "What do you want to
    # do? Tap a button or type a number."
    (N_("Tap a button or type a number."), N_("Tap a button.")),
    # TRANSLATORS: The same words as at the end of the welcome text ("Hello! I am Brug ...").
    (N_("Tap a button or type a number to answer."), N_("Tap a button to answer.")),
)


# (the sentence as said in one language, its twin there, and both as written in the source).
Swap = tuple[str, str, str, str]


def swaps(_: Callable[[str], str]) -> tuple[Swap, ...]:
    """The pairs of one language that may be swapped, translated: made once per language,
    not for every text of every turn (ten translations each time)."""
    found = []
    for numbered, plain in HINTS:
        said, instead = _(numbered), _(plain)
        # Both translated, or both not: never an English sentence inside another language.
        if (said == numbered) == (instead == plain):
            found.append((said, instead, numbered, plain))
    return tuple(found)


def reworded(text: str, pairs: tuple[Swap, ...],
             swapped: Callable[[Swap], None] | None = None) -> str:
    """The text with every sentence about typing a number replaced by its twin, from the
    language's `swaps`; `swapped` hears each swap made (the Dutch line follows the change)."""
    for swap in pairs:
        said, instead = swap[0], swap[1]
        if said in text:
            text = text.replace(said, instead)
            if swapped is not None:
                swapped(swap)
    return text
