"""What a screen is: a place beside the flows, declared once with what it shows and what each
answer does. The dispatch (`dispatch.py`) shows it, matches replies and re-asks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from bot.flows import permissions
from bot.flows.commands import Opens
from bot.flows.content import Content, FlowSpec
from bot.flows.steps.base import please_choose
from bot.flows.turn import Turn
from bot.types import Option


@dataclass(frozen=True)
class View:
    """What a screen shows now: its text and its options (the menu button is added after)."""

    text: str
    options: tuple[Option, ...] = ()
    # The ☰ Menu button goes last, unless the screen is a question that must be answered.
    menu: bool = True


# Where a screen shown after a flow (`then:` in its YAML) finds the run it reads.
FINISHED_FLOW, FINISHED_INSTANCE = "finished_flow", "finished_instance"


def after_flow(flow: str, instance: str | None) -> dict[str, str]:
    return {FINISHED_FLOW: flow, FINISHED_INSTANCE: instance or ""}


class Core(Protocol):
    """What a screen may ask of the conversation."""

    content: Content
    flow_titles: dict[str, str]

    def show(self, turn: Turn, place: str, where: Mapping[str, Any] | None = None, *,
             new_question: bool = True) -> None: ...

    def show_menu(self, turn: Turn, *, new_question: bool = True) -> None: ...

    def show_current(self, turn: Turn, resume: bool = False) -> None: ...

    def show_page(self, turn: Turn, page_id: str) -> None: ...

    def start_flow(self, turn: Turn, name: str) -> None: ...

    def open(self, turn: Turn, target: Opens) -> bool: ...

    def offers(self, turn: Turn, screen: str) -> bool: ...

    def offers_flow(self, turn: Turn, flow: str) -> bool: ...

    def edit_answer(self, turn: Turn, spec: FlowSpec, step_id: str) -> None: ...

    def menu_option(self, turn: Turn) -> Option: ...

    def turn_number(self, turn: Turn, new_question: bool) -> int: ...


class Screen:
    """A place a person can be on that is not a flow step. A subclass names its `place` and
    declares `view` (text and options from the turn) and `choose` (what an option does).

    A screen reads the turn and acts only through `turn.effects` (replies, and events it
    emits) and `core`, never by sending or by storage."""

    place: ClassVar[str]
    # What opening or answering it is, in the table of who may do what (the dispatch checks).
    action: ClassVar[str] = permissions.OWN
    # State set when the screen is opened from the menu or by a command.
    opens_with: ClassVar[Mapping[str, Any]] = {}
    # Where a person goes whose screen showed something that left the content (a roadmap item
    # renamed); None: the menu, with a kind line.
    retired_to: ClassVar[str | None] = None

    def available(self, turn: Turn, core: Core) -> bool:
        """Whether the menu and the commands offer this screen to this person now, beyond
        what `action` says of their role (the dispatch checks that first): only what the
        table cannot say (they have points; they joined an event)."""
        return True

    def instead(self, turn: Turn, core: Core) -> str | None:
        """A text to say instead of opening the screen (then the menu follows), if it does
        not apply to this person."""
        return None

    def opening(self, turn: Turn, core: Core) -> None:
        """What opening the screen from the menu or by a command does before it shows (emit
        an event whose messages come first)."""

    def opened_by_link(self, turn: Turn, payload: str) -> Mapping[str, Any] | None:
        """The state to show this screen with when someone opens the deep link `payload`
        (an event's join link opens the event); None if the link is not for this screen."""
        return None

    def view(self, turn: Turn, core: Core) -> View | None:
        """What the screen shows; None if what it showed is no longer in the content."""
        raise NotImplementedError

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        """What the option `chosen` (an id of the view's options) does."""
        raise NotImplementedError

    def typed(self, turn: Turn, core: Core) -> bool:
        """Typed text that is none of the options; True if the screen understood it."""
        return False

    def retry(self, _: Callable[[str], str]) -> str:
        """The kind line before the screen is shown again after a reply it did not understand."""
        return please_choose(_)
