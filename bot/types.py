"""The transport contract: what a channel hands the core and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

IncomingKind = Literal["text", "press", "command", "media", "timeout"]
OutgoingKind = Literal["message", "image", "document", "copy"]
OptionKind = Literal["answer", "nav"]


@dataclass(frozen=True, slots=True)
class Incoming:
    """One update from a person (or a due reminder), already stripped of its transport."""

    channel: str
    user: str
    time: datetime
    kind: IncomingKind = "text"
    text: str = ""
    choice: str | None = None
    # The turn of the question a pressed button belongs to; an old turn means a stale button.
    turn: int | None = None
    command: str | None = None
    payload: str | None = None
    update_id: int | None = None
    language_hint: str | None = None
    # For kind "timeout": which reminder fell due, and its data.
    reminder: str | None = None
    reminder_data: dict[str, str] = field(default_factory=dict)
    # For kind "media": what it is ("photo", "voice", "document", ...) and the channel's
    # reference to the message, so it can be copied to someone else.
    media: str | None = None
    message_ref: str | None = None
    # The name the person's chat profile shows (Telegram's first name), when the channel has one.
    name: str | None = None
    # The text (or caption) of the message this one replies to, if it is a reply.
    reply_to: str | None = None


@dataclass(frozen=True, slots=True)
class Option:
    """A button: a short ASCII id the core understands and a translated label."""

    id: str
    label: str
    kind: OptionKind = "answer"


@dataclass(frozen=True, slots=True)
class ChannelLimits:
    """What one message on a channel can hold; the core splits text and pages options to fit.

    The defaults are Telegram's: 4096 UTF-16 units of text, 100 buttons, and labels kept to
    40 characters so that a button shows its whole label on a phone."""

    text: int = 4096
    options: int = 100
    label: int = 40
    # Whether the channel shows a number before each option (`brug chat` does, Telegram's
    # buttons do not): only then does the bot say "type a number".
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message for one person, with its final (translated) text."""

    to: str
    text: str
    options: tuple[Option, ...] = ()
    kind: OutgoingKind = "message"
    # The question turn the options answer; channels put it in the button data.
    turn: int | None = None
    file: str | None = None
    caption: str | None = None
    channel: str = ""
    # For kind "copy": a person's message passed on as it is ("photo", "voice", ...), and the
    # channel's reference to it (on Telegram "chat:message_id", for copyMessage).
    media: str | None = None
    copy_of: str | None = None
    # For an image drawn from a text (a link's QR code): the text. The image is drawn after
    # the commit; whoever sends the message draws it again if a crash came first.
    qr: str | None = None

    def to_json(self) -> dict[str, object]:
        """The stored form, used by the outbox and the replay of a repeated update."""
        data: dict[str, object] = {"to": self.to, "text": self.text, "kind": self.kind}
        if self.options:
            data["options"] = [[o.id, o.label, o.kind] for o in self.options]
        for name in ("turn", "file", "caption", "channel", "media", "copy_of", "qr"):
            value = getattr(self, name)
            if value not in (None, ""):
                data[name] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Outgoing:
        raw_options = data.get("options") or []
        assert isinstance(raw_options, list)
        options = tuple(Option(str(i), str(label), kind) for i, label, kind in raw_options)
        turn = data.get("turn")
        return cls(
            to=str(data["to"]),
            text=str(data.get("text", "")),
            options=options,
            kind=data.get("kind", "message"),  # type: ignore[arg-type]
            turn=int(turn) if isinstance(turn, int) else None,
            file=data.get("file"),  # type: ignore[arg-type]
            caption=data.get("caption"),  # type: ignore[arg-type]
            channel=str(data.get("channel", "")),
            media=data.get("media"),  # type: ignore[arg-type]
            copy_of=data.get("copy_of"),  # type: ignore[arg-type]
            qr=data.get("qr"),  # type: ignore[arg-type]
        )
