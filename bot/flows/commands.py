"""The commands a person can type, with the descriptions channels show in their menus, and
what each opens: a screen or a flow by name, or a page."""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows.content import LANGUAGE
from bot.i18n import N_


@dataclass(frozen=True)
class Opens:
    """What a command or a menu item opens: exactly one screen, flow or page, by name."""

    screen: str | None = None
    flow: str | None = None
    page: str | None = None


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

# The commands that open something; /start, /back and /skip move within where one is.
OPENS: dict[str, Opens] = {
    "menu": Opens(screen="menu"),
    "steps": Opens(screen="roadmap"),
    "person": Opens(screen="person"),
    "privacy": Opens(screen="privacy"),
    "language": Opens(flow=LANGUAGE),
    "help": Opens(page="about"),
}
