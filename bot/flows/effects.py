"""What handling one update produces: the replies, how they are fitted to the channel, and the
events (bot/flows/events.py) that the application applies in the update's transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.flows.events import Event
from bot.flows.paging import fit
from bot.i18n.beside import Said
from bot.i18n.text import split_text, utf16_length
from bot.types import ChannelLimits, Option, Outgoing


@dataclass
class Effects:
    """Collected while a flow runs; written in the update's transaction, delivered after."""

    to: str
    channel: str
    replies: list[Outgoing] = field(default_factory=list)
    # A button of the question that was open was pressed (not one of an older message): the
    # channel may show the choice on that question.
    answered_open_question: bool = False
    # What one message on the person's channel holds; options beyond it are paged.
    limits: ChannelLimits = field(default_factory=ChannelLimits)
    # The page of options to show, and the label of the option that turns it.
    page: int = 0
    more_label: str = "More ▶"
    # What the turn translated, for the Dutch line under each reply (bot/i18n/beside.py).
    said: Said = field(default_factory=Said, repr=False)
    # What the channel needs changed in every text (bot/flows/number_hints.py), if anything.
    wording: Callable[[str], str] | None = None
    _apart: bool = field(default=False, repr=False)
    # The events in the order they were emitted, each with the number of replies said before
    # it: what applying it says to this person goes there.
    _events: list[tuple[int, Event]] = field(default_factory=list, repr=False)

    def emit(self, event: Event) -> None:
        """Record something the turn changes beyond its replies (a reminder, a share, ...)."""
        self._events.append((len(self.replies), event))

    def _spoken_here(self) -> bool:
        """An event that says something was emitted after the last reply: it goes between."""
        return any(at == len(self.replies) and event.speaks for at, event in self._events)

    def emitted(self) -> list[tuple[int, Event]]:
        """The events with where in the replies each was emitted."""
        return list(self._events)

    def say(self, text: str, options: tuple[Option, ...] = (), turn: int | None = None, *,
            apart: bool = False) -> None:
        """Add a message; text too long for the channel is split, buttons go on the last part
        (as many as the channel shows at once, labels shortened to fit).

        A short message without buttons and the one after it become one message: one
        notification on the phone ("Thank you." and the next question together), unless the
        earlier one was said `apart` (helplines stand on their own)."""
        if self.wording is not None:
            text = self.wording(text)
        if self.replies and not self.replies[-1].options and not self._apart \
                and not self._spoken_here():
            joined = f"{self.replies[-1].text}\n\n{text}"
            if utf16_length(joined) <= self.limits.text:
                self.replies.pop()
                text = joined
        self._apart = apart
        pieces = split_text(text, self.limits.text)
        options = fit(options, self.limits, self.page, self.more_label)
        for piece in pieces[:-1]:
            self.replies.append(Outgoing(to=self.to, text=piece, channel=self.channel))
        self.replies.append(
            Outgoing(
                to=self.to,
                text=pieces[-1],
                options=options,
                turn=turn if options else None,
                channel=self.channel,
            )
        )
