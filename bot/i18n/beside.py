"""Dutch beside the person's language: what a turn translated is recorded with its simple Dutch
form, and a reply's text is rendered again in Dutch from those records.

A reply is built from translated templates, filled with values (`{name}`) and joined. Running
the turn twice would do its effects twice, so the turn runs once with a translator that notes,
for every message it translates, the text in the person's language and in Dutch. Afterwards
each recorded text is found in the reply (a template's values as groups), and the Dutch
template is filled with the same values, themselves turned into Dutch when they are recorded
texts too (a flow's title inside "You were at: {flow}")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from babel.support import NullTranslations

if TYPE_CHECKING:
    from bot.i18n.catalogs import Catalogs, Translator

DUTCH = "nl"
# What stands before the Dutch line, so a reader sees at once which line is the Dutch one.
MARK = "🇳🇱 "
_PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")
_LETTER = re.compile(r"[^\W\d_]")
# Messages about the language itself: their Dutch form would name Dutch, not the person's
# language ("Vanaf nu schrijf ik in het Nederlands"), so they get no Dutch line.
NAMES_ITS_LANGUAGE = frozenset({"From now on I write in English."})
# A template with less fixed text than this is too vague to find in a reply ("{a}: {b}").
_LEAST_FIXED = 3


@dataclass
class Said:
    """The texts one turn translated: (in the person's language, in Dutch), in order."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    # The person wants the Dutch line (their setting, as it is at the end of the turn).
    wanted: bool = False

    def reword(self, own: str, own_now: str, dutch: str, dutch_now: str) -> None:
        """A sentence of the reply was changed after it was noted (bot/flows/number_hints.py):
        the noted texts change with it, in both languages."""
        self.pairs = [(text.replace(own, own_now), line.replace(dutch, dutch_now))
                      for text, line in self.pairs]


class _Recording(NullTranslations):
    """The person's translations, noting every message with its Dutch form. Anything not
    overridden here falls back to the person's translations, unrecorded."""

    def __init__(self, own: NullTranslations, dutch: NullTranslations, said: Said) -> None:
        super().__init__()
        self._own, self._dutch, self._said = own, dutch, said
        self.add_fallback(own)

    def _note(self, own: str, dutch: str) -> str:
        self._said.pairs.append((own, dutch))
        return own

    def gettext(self, message: str) -> str:
        if message in NAMES_ITS_LANGUAGE:
            return self._own.gettext(message)
        return self._note(self._own.gettext(message), self._dutch.gettext(message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._note(self._own.ngettext(msgid1, msgid2, n),
                          self._dutch.ngettext(msgid1, msgid2, n))

    def pgettext(self, context: str, message: str) -> str:
        return self._note(str(self._own.pgettext(context, message)),
                          str(self._dutch.pgettext(context, message)))

    def npgettext(self, context: str, singular: str, plural: str, num: int) -> str:
        return self._note(str(self._own.npgettext(context, singular, plural, num)),
                          str(self._dutch.npgettext(context, singular, plural, num)))


def recording(translator: Translator, dutch: Translator | None, said: Said) -> Translator:
    """The translator of a turn, noting what it translates (for Dutch speakers, and without
    a Dutch catalog, the Dutch form is their own)."""
    other = dutch if dutch is not None and translator.code != DUTCH else translator
    return translator.with_translations(_Recording(translator.translations,
                                                   other.translations, said))


def noting(catalogs: Catalogs, translator: Translator, said: Said) -> Translator:
    """`translator`, noting what it translates with the Dutch form from these catalogs."""
    return recording(translator, catalogs.get(DUTCH) if catalogs.supports(DUTCH) else None,
                     said)


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    dutch: str


def _template(own: str, dutch: str) -> _Template | None:
    parts = _PLACEHOLDER.split(own)
    fixed = "".join(parts[0::2])
    if len(fixed.strip()) < _LEAST_FIXED or not _LETTER.search(fixed):
        return None
    regex, seen = [], set()
    for index, part in enumerate(parts):
        if index % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            last = index == len(parts) - 2 and parts[-1] == ""
            # A value at the very end runs to the end of its line, not of the whole reply.
            regex.append(f"(?P<{part}>[^\\n]+)" if last else f"(?P<{part}>.+?)")
    return _Template(re.compile("".join(regex), re.DOTALL), dutch)


def _templates(said: Said, labels: set[str]) -> list[_Template]:
    """The recorded texts worth finding: not button labels (they stay as they are), each once,
    longest first so a whole message wins over a word inside it."""
    unique = {own: dutch for own, dutch in said.pairs if own and own not in labels}
    found = [_template(own, dutch) for own, dutch in unique.items()]
    return sorted((t for t in found if t is not None), key=lambda t: -len(t.pattern.pattern))


def _fill(match: re.Match[str], template: _Template, templates: list[_Template],
          depth: int) -> str | None:
    values = {name: _whole(value, templates, depth + 1)
              for name, value in match.groupdict().items()}
    try:
        return template.dutch.format(**values)
    except (KeyError, IndexError, ValueError):
        return None  # a broken Dutch template: better no line than a wrong one


def _whole(value: str, templates: list[_Template], depth: int) -> str:
    """A placeholder's value in Dutch when it is itself a recorded text, else as it is."""
    if depth > 3:
        return value
    for template in templates:
        match = template.pattern.fullmatch(value)
        if match is not None:
            filled = _fill(match, template, templates, depth)
            if filled is not None:
                return filled
    return value


def in_dutch(text: str, said: Said, labels: set[str] | None = None) -> str:
    """The reply's text in Dutch, as far as it was translated; "" if none of it was. Text
    between translated parts stays when it holds no letters (icons, numbers), so lists keep
    their marks; a person's own words are not repeated."""
    templates = _templates(said, labels or set())
    spans: list[tuple[int, int, str]] = []
    for template in templates:
        for match in template.pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, _ in spans):
                continue
            filled = _fill(match, template, templates, 0)
            if filled is not None:
                spans.append((match.start(), match.end(), filled))
    if not spans:
        return ""
    spans.sort()
    out, last = [], 0
    for start, end, dutch in spans:
        out.append(_between(text[last:start]))
        out.append(dutch)
        last = end
    out.append(_between(text[last:]))
    # Values copied from a right-to-left reply carry isolates; a Dutch line needs none.
    dutch = "".join(out).replace("\u2068", "").replace("\u2069", "")
    return re.sub(r"\n{2,}", "\n", dutch).strip()


def _between(gap: str) -> str:
    """Text between translated parts: its lines without letters stay (marks, numbers)."""
    if not _LETTER.search(gap):
        return gap
    if "\n" not in gap:
        return " "
    return "\n".join("" if _LETTER.search(line) else line for line in gap.split("\n"))



def translated_parts(text: str, said: Said, labels: set[str] | None = None
                     ) -> list[tuple[int, int]]:
    """Where the text holds words of a translated message (not the values filled into it,
    such as a person's own words): (start, end) of each fixed part found."""
    parts: list[tuple[int, int]] = []
    for own, _dutch in said.pairs:
        if not own or own in (labels or set()):
            continue
        for piece in _PLACEHOLDER.split(own)[0::2]:
            if len(piece.strip()) < _LEAST_FIXED or not _LETTER.search(piece):
                continue
            start = text.find(piece)
            while start >= 0:
                parts.append((start, start + len(piece)))
                start = text.find(piece, start + 1)
    return parts
