"""Poll and survey answers, stored apart from identity: write one, read an event's.

The caller passes a token (a keyed one-way hash of person and event, made outside
storage); storage never sees who answered."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select

from bot.storage.tables import poll_answers


@dataclass(frozen=True)
class PollAnswer:
    """One answer to one question, with the breakdown keys and nothing about the person."""

    question: str
    answer: str
    language: str
    slot: str = ""


class PollAnswers:
    """The poll_answers table on one connection (the update's transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def record(self, event_id: int, token: str, answer: PollAnswer) -> None:
        """Keep an answer; a second answer to the same question replaces the first."""
        self.conn.execute(delete(poll_answers).where(
            poll_answers.c.event_id == event_id, poll_answers.c.token == token,
            poll_answers.c.question == answer.question))
        self.conn.execute(poll_answers.insert().values(
            event_id=event_id, token=token, question=answer.question, answer=answer.answer,
            language=answer.language, slot=answer.slot))

    def of_event(self, event_id: int) -> list[PollAnswer]:
        rows = self.conn.execute(
            select(poll_answers.c.question, poll_answers.c.answer, poll_answers.c.language,
                   poll_answers.c.slot)
            .where(poll_answers.c.event_id == event_id).order_by(poll_answers.c.id)).all()
        return [PollAnswer(str(q), str(a), str(lang), str(slot)) for q, a, lang, slot in rows]

    def respondents(self, event_id: int) -> int:
        """How many people answered at least one question."""
        return int(self.conn.execute(
            select(func.count(func.distinct(poll_answers.c.token)))
            .where(poll_answers.c.event_id == event_id)).scalar_one())
