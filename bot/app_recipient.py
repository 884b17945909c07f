"""What reaches a person from someone else's turn or from a job (a coach's message, an event's
news, a reminder of a meeting) gets the same last touch as the replies of their own turn
(bot/flows/reply_text.py): Flemish terms explained, and the Dutch line if they asked for it.
The reader decides: their language and their setting, read when a message is written for them,
so an update that tells nobody else costs nothing more."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select

from bot.flows.glossary import Glossary
from bot.flows.reply_text import touched
from bot.flows.state import load as load_state
from bot.i18n import beside
from bot.i18n.beside import Said
from bot.i18n.catalogs import Catalogs, Translator
from bot.storage.repository import SqlRepository
from bot.storage.tables import users
from bot.types import ChannelLimits, Outgoing


@dataclass
class ToOthers:
    """The texts a turn or a job translated for other people, noted with their Dutch form, and
    how each of their messages is finished before it goes into the outbox."""

    catalogs: Catalogs
    glossary: Glossary | None = None
    limits: dict[str, ChannelLimits] = field(default_factory=dict)
    said: Said = field(default_factory=Said, repr=False)

    def translator(self, language: str | None) -> Translator:
        """Someone's language, noting what it translates for their Dutch line."""
        return beside.noting(self.catalogs, self.catalogs.get(language), self.said)

    def gettext(self, language: str | None) -> Callable[[str], str]:
        return self.translator(language).gettext

    def finished(self, repo: SqlRepository, user_id: int, message: Outgoing) -> list[Outgoing]:
        """The message as its reader gets it (split when the Dutch line makes it too long)."""
        if message.kind != "message" or not message.text:
            return [message]
        row = repo.conn.execute(select(users.c.language, users.c.state)
                                .where(users.c.id == user_id)).first()
        if row is None:
            return [message]
        translator = self.catalogs.get(row.language)
        stored = row.state if isinstance(row.state, dict) else None
        said = replace(self.said, pairs=list(self.said.pairs),
                       wanted=load_state(stored).dutch_beside
                       and translator.code != beside.DUTCH)
        labels = {option.label for option in message.options}
        limit = self.limits.get(message.channel, ChannelLimits()).text
        return touched(message, said, self.glossary, translator.gettext, labels, limit)

    def enqueue(self, repo: SqlRepository, user_id: int, message: Outgoing, due: datetime,
                now: datetime) -> None:
        """The message, finished for its reader, into the outbox: sent once this update's
        transaction commits, not before `due`."""
        for part in self.finished(repo, user_id, message):
            repo.enqueue(user_id, part.channel, part.to, part.to_json(), due, now)
