"""`brug chat`: the bot in a terminal. Options are numbered; type a number, a label or text."""

from __future__ import annotations

import asyncio
import getpass
import sys
from typing import IO

from bot.app import Brug
from bot.channels.commands import parse_command
from bot.i18n.numbers import whole_number
from bot.types import ChannelLimits, Incoming, Option, Outgoing

CHANNEL = "console"
# As Telegram: the terminal stands in for a phone; its options are numbered.
LIMITS = ChannelLimits(text=4096, options=100, label=40, numbered=True)


def numbered(number: int, label: str) -> str:
    """'3. Training': a label that starts with its own number (a roadmap step) keeps it, so
    the terminal never shows two numbers in a row ("3. 3. Training")."""
    return label if label.startswith(f"{number}. ") else f"{number}. {label}"


class Console:
    """One person at one terminal, on the real clock and the embedded database."""

    def __init__(self, app: Brug, out: IO[str] = sys.stdout, user: str | None = None) -> None:
        self.app = app
        self.out = out
        self.user = user or getpass.getuser()
        self.last: tuple[int | None, tuple[Option, ...]] = (None, ())
        app.use_limits(CHANNEL, LIMITS)

    async def deliver(self, chat: str, message: Outgoing) -> None:
        """The outbox transport: reminders print as they fall due."""
        self.show(message)

    def show(self, message: Outgoing) -> None:
        if message.file:
            # A terminal shows no picture: it names the file (a QR code, an export).
            self.out.write(f"\nBrug: [{message.kind}: {message.file}] {message.caption or ''}\n")
        else:
            self.out.write(f"\nBrug: {message.text}\n")
        if message.options:
            self.last = (message.turn, message.options)
            for number, option in enumerate(message.options, start=1):
                self.out.write(f"  {numbered(number, option.label)}\n")
        self.out.flush()

    def incoming(self, line: str) -> Incoming:
        now = self.app.clock.now()
        text = line.strip()
        command = parse_command(text)
        if command:
            return Incoming(CHANNEL, self.user, now, kind="command", text=text,
                            command=command[0], payload=command[1])
        turn, options = self.last
        chosen = None
        number = whole_number(text)  # "²" or a 5 000-digit number is text, not a number
        if number is not None and 1 <= number <= len(options):
            chosen = options[number - 1].id
        elif options and number is None:
            exact = [o.id for o in options if o.label.casefold() == text.casefold()]
            chosen = exact[0] if exact else None
        if chosen is not None:
            return Incoming(CHANNEL, self.user, now, kind="press", choice=chosen, turn=turn)
        return Incoming(CHANNEL, self.user, now, kind="text", text=line.rstrip("\n"))

    async def run(self, lines: IO[str] = sys.stdin) -> None:
        self.out.write("Brug in your terminal. Type /start to begin, Ctrl-D to leave.\n")
        for message in (await self.app.handle(self.incoming("/start"))).replies:
            self.show(message)
        loop = asyncio.get_running_loop()
        while True:
            self.out.write("> ")
            self.out.flush()
            line = await loop.run_in_executor(None, lines.readline)
            if not line:
                self.out.write("\nBye.\n")
                return
            if not line.strip():
                continue
            for message in (await self.app.handle(self.incoming(line))).replies:
                self.show(message)
