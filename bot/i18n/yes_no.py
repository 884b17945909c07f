"""Yes and no typed as a word in the person's language ("ja", "نعم", "oui", "да", "evet",
"haa", "እወ"), understood wherever a yes or no is asked.

The words come from the catalog, so each language brings its own, plus the words of the
translated "Yes" and "No" buttons; English is understood in every language.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.i18n import N_
from bot.i18n.catalogs import Translator

Meaning = Literal["yes", "no"]

# TRANSLATORS: Words a person may type to say yes, separated by commas: the ways of saying
# exactly yes in your language, not "ok" or "sure" (a typed yes can cancel an event), never
# a single letter nor an emoji. Not shown to anyone.
YES_WORDS = N_("yes, yeah, yep")
# TRANSLATORS: Words a person may type to say no, separated by commas: the ways of saying
# exactly no in your language. Not shown to anyone.
NO_WORDS = N_("no, nope")
# The yes and no buttons of a yes-or-no question: their translations count as words too.
YES_LABEL, NO_LABEL = N_("Yes"), N_("No")

# What a person adds around a word: punctuation of any script, and an emoji style marker.
_AROUND = " \t\n.,!?¡¿؟،。！？።፣\ufe0f"
_FIRST_WORD = re.compile(r"[^\s,،፣.!?؟።]+")


def _fold(text: str) -> str:
    return text.strip(_AROUND).casefold()


def words(translator: Translator, meaning: Meaning) -> frozenset[str]:
    """The words that mean yes (or no) to a person reading this language."""
    source, label = (YES_WORDS, YES_LABEL) if meaning == "yes" else (NO_WORDS, NO_LABEL)
    listed = f"{source},{translator.gettext(source)}".split(",")
    return frozenset(_fold(w) for w in (*listed, label, translator.gettext(label)) if _fold(w))


def meaning_of(text: str, translator: Translator) -> Meaning | None:
    """'yes' or 'no' if the typed text is one of those words, else None."""
    typed = _fold(text)
    if not typed:
        return None
    for meaning in ("yes", "no"):
        if typed in words(translator, meaning):
            return meaning
    return None


def first_word(label: str) -> str:
    """A button label's first word ("Yes" of "Yes, I agree"), folded for comparing."""
    found = _FIRST_WORD.search(label)
    return _fold(found.group()) if found else ""
