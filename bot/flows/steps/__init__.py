"""The kinds of step, one module per YAML `type`."""

from __future__ import annotations

from bot.flows.steps.base import StepKind
from bot.flows.steps.choice import ChoiceStep
from bot.flows.steps.consent import ConsentStep
from bot.flows.steps.date import DateStep
from bot.flows.steps.info import InfoStep
from bot.flows.steps.language import LanguageStep
from bot.flows.steps.multi_choice import MultiChoiceStep
from bot.flows.steps.number import NumberStep
from bot.flows.steps.scale import ScaleStep
from bot.flows.steps.smiley import SmileyStep
from bot.flows.steps.text import TextStep
from bot.flows.steps.yes_no import YesNoStep

STEP_KINDS: dict[str, StepKind] = {
    "choice": ChoiceStep(),
    "consent": ConsentStep(),
    "date": DateStep(),
    "info": InfoStep(),
    "language": LanguageStep(),
    "multi_choice": MultiChoiceStep(),
    "number": NumberStep(),
    "scale": ScaleStep(),
    "smiley": SmileyStep(),
    "text": TextStep(),
    "yes_no": YesNoStep(),
}
