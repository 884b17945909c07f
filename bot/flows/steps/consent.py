"""Agreeing (or not) to what Brug stores; the flow records the text version and the time."""

from __future__ import annotations

from bot.flows.steps.choice import ChoiceStep


class ConsentStep(ChoiceStep):
    """A choice whose answer the onboarding hooks turn into the user's consent."""
