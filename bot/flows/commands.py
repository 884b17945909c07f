"""The commands a person can type, with the descriptions channels show in their menus."""

from __future__ import annotations

from bot.i18n import N_

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Start, or go on where you were")),
    ("menu", N_("Main menu")),
    ("steps", N_("Steps to a job")),
    ("person", N_("Talk to a person")),
    ("back", N_("Previous question")),
    ("skip", N_("Skip this question")),
    ("language", N_("Change language")),
    ("privacy", N_("See or delete your data")),
    ("help", N_("What Brug can do")),
)
