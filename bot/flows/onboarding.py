"""What the answers of the first conversation do: set the language, record consent."""

from __future__ import annotations

from typing import Any

from bot.flows.content import StepSpec
from bot.storage.repository import UserRecord
from bot.types import Incoming

AGREE = "agree"
DECLINE = "decline"


def apply_answer(user: UserRecord, step: StepSpec, value: Any, incoming: Incoming) -> None:
    """Answers that change the person's settings take effect at once."""
    if step.type == "language" and value:
        user.language = str(value)
    elif step.type == "consent":
        user.consent = AGREE if value == AGREE else DECLINE
        user.consent_version = step.version
        user.consent_at = incoming.time


def has_consent(user: UserRecord) -> bool:
    return user.consent == AGREE
