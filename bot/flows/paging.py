"""Options fitted to a channel: labels shortened to its longest label, and a list longer than
one message holds shown a page at a time behind a "More ▶" option."""

from __future__ import annotations

from bot.i18n.text import shorten
from bot.types import ChannelLimits, Option

# The option id of "More ▶": the next page of the same question.
MORE = "more_options"


def fit(options: tuple[Option, ...], limits: ChannelLimits, page: int, more: str
        ) -> tuple[Option, ...]:
    """The options of page `page` (counted from 0, wrapping round); navigation options such
    as Back and Menu stay on every page, after the answers."""
    # Only a label too long is made anew: most fit, and every question passes here.
    options = tuple(o if len(o.label) <= limits.label
                    else Option(o.id, shorten(o.label, limits.label), o.kind) for o in options)
    if len(options) <= limits.options:
        return options
    answers = [o for o in options if o.kind != "nav"]
    kept = [o for o in options if o.kind == "nav"]
    per_page = max(1, limits.options - len(kept) - 1)
    pages = -(-len(answers) // per_page)
    start = (page % pages) * per_page
    more_option = Option(MORE, shorten(more, limits.label), "nav")
    return (*answers[start:start + per_page], more_option, *kept)
