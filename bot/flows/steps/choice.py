"""One answer out of a list of options."""

from __future__ import annotations

from bot.flows.steps.base import OneOptionStep


class ChoiceStep(OneOptionStep):
    """The options come from the YAML; the value is the chosen option's id."""
