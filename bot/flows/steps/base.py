"""What every kind of step shares: the context it gets, and the three outcomes of an answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from bot.flows.content import Blank, OptionSpec, StepSpec
from bot.i18n.catalogs import Translator
from bot.i18n.languages import Language
from bot.i18n.numbers import normalize_digits, whole_number
from bot.i18n.yes_no import first_word, meaning_of, words
from bot.types import Option


@dataclass(frozen=True)
class StepContext:
    """What a step may read while rendering or parsing: nothing it could change."""

    translator: Translator
    answers: dict[str, Any]
    languages: Sequence[Language] = ()
    language_hint: str | None = None
    pending: Any = None
    # The person's today, for dates that should lie ahead.
    today: date | None = None
    # What the trigger of a triggered flow carried; its prompts name them (`{event}`).
    values: Mapping[str, str] | None = None

    @property
    def _(self) -> Callable[[str], str]:
        return self.translator.gettext

    @property
    def ngettext(self) -> Callable[[str, str, int], str]:
        return self.translator.ngettext

    def prompt(self, step: StepSpec) -> str:
        """The step's question in the person's language, with the trigger's values filled in."""
        return fill(self._(step.prompt), self.values)


def fill(text: str, values: Mapping[str, str] | None) -> str:
    """A text of a triggered flow with its `{names}` filled in (other flows' texts as they are:
    their braces are not placeholders)."""
    return text if values is None else text.format_map(Blank(values))


@dataclass(frozen=True)
class Reply:
    """The part of an incoming update a step reads: a pressed option id or typed text."""

    choice: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Rendered:
    text: str
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Accepted:
    """A valid answer. `final=False` keeps the step open (a multi-choice still being picked)."""

    value: Any
    final: bool = True


@dataclass(frozen=True)
class Rejected:
    """Not an answer to this question; `reason` (translated) says what to do instead."""

    reason: str


Outcome = Accepted | Rejected


class StepKind(Protocol):
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered: ...

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome: ...


@dataclass(frozen=True)
class Choices:
    """Option ids with their translated labels, and the matching of typed text against them."""

    options: tuple[Option, ...] = field(default_factory=tuple)
    # The person's language: yes and no typed as words in it pick the yes or the no option.
    translator: Translator | None = None

    @classmethod
    def of(cls, specs: Sequence[OptionSpec], ctx: StepContext) -> Choices:
        return cls(tuple(Option(o.id, ctx._(o.label)) for o in specs), ctx.translator)

    def match(self, reply: Reply) -> str | None:
        """The option a reply means: a pressed id, a typed number (any script), or a label."""
        ids = [o.id for o in self.options]
        if reply.choice is not None:
            return reply.choice if reply.choice in ids else None
        text = normalize_digits(reply.text).strip().rstrip(".)").strip()
        number = whole_number(text)
        if number is not None and 1 <= number <= len(ids):
            return ids[number - 1]
        chosen = match_label(text, self.options, min_part=TYPED_PART)
        if chosen is None and self.translator is not None:
            chosen = yes_no_option(text, self.options, self.translator)
        return chosen


def yes_no_option(text: str, options: Sequence[Option], translator: Translator) -> str | None:
    """The one option a typed yes (or no) means: the option "yes" (or "no"), or the one whose
    label starts with such a word ("Yes, I agree", "نعم، أوافق")."""
    meaning = meaning_of(text, translator)
    if meaning is None:
        return None
    said = words(translator, meaning)
    fitting = [o.id for o in options
               if o.kind == "answer" and (o.id == meaning or first_word(o.label) in said)]
    return fitting[0] if len(fitting) == 1 else None


def match_label(text: str, options: Sequence[Option], *, min_part: int = 1) -> str | None:
    """The exact label (case-insensitive), else the one label that contains the text: as a
    whole word of two letters or more, or as a part at least `min_part` characters long."""
    wanted = text.casefold().strip()
    if not wanted:
        return None
    for option in options:
        if option.label.casefold() == wanted:
            return option.id

    def fits(label: str) -> bool:
        folded = label.casefold()
        if len(wanted) >= min_part and wanted in folded:
            return True
        return len(wanted) >= 2 and wanted in _WORD.findall(folded)

    containing = [o.id for o in options if fits(o.label)]
    return containing[0] if len(containing) == 1 else None


_WORD = re.compile(r"\w+")
# Typed text picks an option by a part of its label only if the part is this long: one stray
# letter must never answer a question (least of all the consent question).
TYPED_PART = 3


def please_choose(_: Callable[[str], str]) -> str:
    """The kind re-ask when a reply is not one of the options."""
    return _("Please choose one of the options: tap a button, or type its number.")


class OneOptionStep:
    """A step answered by picking one option; each kind says which options and what value."""

    def choices(self, step: StepSpec, ctx: StepContext) -> Choices:
        return Choices.of(step.options, ctx)

    def match(self, step: StepSpec, reply: Reply, ctx: StepContext) -> str | None:
        return self.choices(step, ctx).match(reply)

    def value(self, option_id: str) -> Any:
        return option_id

    def reason(self, ctx: StepContext) -> str:
        return please_choose(ctx._)

    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        return Rendered(ctx.prompt(step), self.choices(step, ctx).options)

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        chosen = self.match(step, reply, ctx)
        return Accepted(self.value(chosen)) if chosen else Rejected(self.reason(ctx))
