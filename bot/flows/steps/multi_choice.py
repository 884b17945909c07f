"""Several answers out of a list: each press toggles an option, "Done" closes the question."""

from __future__ import annotations

import re

from bot.flows.content import StepSpec
from bot.flows.steps.base import (
    Accepted,
    Choices,
    Outcome,
    Rejected,
    Rendered,
    Reply,
    StepContext,
)
from bot.i18n.numbers import MAX_WHOLE_DIGITS, normalize_digits
from bot.types import Option

DONE = "done"
# ASCII digits only: normalize_digits made every decimal digit ASCII, and "²" is none.
_NUMBERS = re.compile(r"[0-9]+")


class MultiChoiceStep:
    def render(self, step: StepSpec, ctx: StepContext) -> Rendered:
        picked = set(ctx.pending or [])
        options = tuple(
            Option(o.id, ("✓ " if o.id in picked else "") + o.label)
            for o in Choices.of(step.options, ctx).options
        )
        return Rendered(ctx.prompt(step), (*options, Option(DONE, ctx._("Done"))))

    def parse(self, step: StepSpec, reply: Reply, ctx: StepContext) -> Outcome:
        picked: list[str] = list(ctx.pending or [])
        choices = Choices.of(step.options, ctx)
        alone = {option.id for option in step.options if option.alone}
        if reply.choice == DONE or reply.text.strip().casefold() == ctx._("Done").casefold():
            if not picked and not step.optional:
                return Rejected(ctx._("Please choose at least one, then tap Done."))
            return Accepted(picked)
        numbers = _NUMBERS.findall(normalize_digits(reply.text))
        if reply.choice is None and len(numbers) > 1:
            # "1, 3" picks both at once and closes the question.
            ids = [o.id for o in choices.options]
            chosen = [ids[int(n) - 1] for n in numbers
                      if len(n) <= MAX_WHOLE_DIGITS and 1 <= int(n) <= len(ids)]
            if len(chosen) == len(numbers):
                if alone & set(chosen) and len(set(chosen)) > 1:
                    return Rejected(ctx._("One of these answers cannot go with the others. "
                                          "Please choose again."))
                return Accepted(sorted(set(chosen), key=ids.index))
            return Rejected(ctx._("Please use the numbers of the options."))
        option = choices.match(reply)
        if option is None:
            return Rejected(
                ctx._("Tap the options that fit, then tap Done. Or type their numbers, like 1, 3.")
            )
        if option in picked:
            picked.remove(option)
        elif option in alone:
            picked = [option]  # "Nothing urgent" clears the rest
        else:
            picked = [p for p in picked if p not in alone] + [option]
        return Accepted(picked, final=False)
