"""What handling one update produces: replies now, messages for later, reminders to set."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.flows.paging import fit
from bot.i18n.text import split_text, utf16_length
from bot.types import ChannelLimits, Option, Outgoing


@dataclass(frozen=True)
class ReminderRequest:
    kind: str
    due_at: datetime
    data: dict[str, Any]


@dataclass
class Effects:
    """Collected while a flow runs; written in the update's transaction, delivered after."""

    to: str
    channel: str
    replies: list[Outgoing] = field(default_factory=list)
    reminders: list[ReminderRequest] = field(default_factory=list)
    cancel_reminders: list[str] = field(default_factory=list)
    # The person asked to be forgotten: the user row and all that hangs from it goes.
    delete_user: bool = False
    # A newcomer's answers to "may your coach see your profile?": (coach id, yes or no).
    shares: list[tuple[int, bool]] = field(default_factory=list)
    # What the person asked a coach's help with (English source strings, so each coach reads
    # them in their own language); every coach they share their profile with is told.
    help_asked: list[str] = field(default_factory=list)
    # A button of the question that was open was pressed (not one of an older message): the
    # channel may show the choice on that question.
    answered_open_question: bool = False
    # What one message on the person's channel holds; options beyond it are paged.
    limits: ChannelLimits = field(default_factory=ChannelLimits)
    # The page of options to show, and the label of the option that turns it.
    page: int = 0
    more_label: str = "More ▶"
    _apart: bool = field(default=False, repr=False)

    def say(self, text: str, options: tuple[Option, ...] = (), turn: int | None = None, *,
            apart: bool = False) -> None:
        """Add a message; text too long for the channel is split, buttons go on the last part
        (as many as the channel shows at once, labels shortened to fit).

        A short message without buttons and the one after it become one message: one
        notification on the phone ("Thank you." and the next question together), unless the
        earlier one was said `apart` (helplines stand on their own)."""
        if self.replies and not self.replies[-1].options and not self._apart:
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

    def remind(self, kind: str, due_at: datetime, **data: Any) -> None:
        self.reminders.append(ReminderRequest(kind, due_at, data))
