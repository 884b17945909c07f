"""Text as a chart draws it: matplotlib lays out characters one by one, from left to right,
so Arabic-script text (Arabic, Dari, Pashto) gets its letters joined into the shapes they take
in a word and its characters put in display order first. Other text is left as it is."""

from __future__ import annotations

import unicodedata


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def on_chart(text: str) -> str:
    """`text` ready for a chart label: joined and in display order if it holds
    right-to-left letters (the libraries are imported only then)."""
    if not _right_to_left(text):
        return text
    import arabic_reshaper

    # The pure-Python algorithm: it also mirrors brackets, which the newer one does not.
    from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))
