"""Typed effects: each event a turn emits is applied by one handler from the table, in the
update's transaction; an event without a handler is refused loudly. And the lookup of other
people's data is asked only by a turn that shows it."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.app_effects import HANDLERS, UnknownEffect, apply_events
from bot.flows import events
from bot.flows.events import Event
from bot.storage.repository import LinkedNewcomer, SqlRepository
from bot.storage.tables import coach_links, outbox, reminders, users
from bot.types import Incoming
from tests.harness import START, Session, labels, query


async def coach_and_newcomer(session: Session, coach_language: str = "English") -> None:
    await session.onboard("sara", language=coach_language)
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})


async def shared_at(session: Session) -> list[Any]:
    return [row["shared_at"] for row in await query(
        session.app, select(coach_links.c.shared_at))]


async def reminders_of(session: Session, user: str) -> list[dict[str, Any]]:
    return await query(session.app, select(reminders.c.kind, reminders.c.due_at,
                                           reminders.c.done_at)
                       .join(users, users.c.id == reminders.c.user_id)
                       .where(users.c.external_id == user, reminders.c.kind == "nudge"))


def test_every_kind_of_event_has_a_handler() -> None:
    kinds = {cls for _, cls in inspect.getmembers(events, inspect.isclass)
             if issubclass(cls, Event) and cls is not Event}
    assert kinds and kinds <= set(HANDLERS)


@dataclass(frozen=True)
class Unheard(Event):
    """An event nobody wrote a handler for."""


async def test_an_event_without_a_handler_is_refused_loudly(session: Session) -> None:
    await session.onboard("amal")
    incoming = Incoming("simulate", "amal", START)

    def work(repo: SqlRepository) -> None:
        user, _ = repo.load_user("simulate", "amal", None)
        assert user is not None
        apply_events(repo, user, incoming, session.app.surroundings, [(0, Unheard())], [])

    with pytest.raises(UnknownEffect, match="Unheard"):
        await session.app.store.run(work)


async def test_sharing_changed_is_stored_and_taken_back(session: Session) -> None:
    await coach_and_newcomer(session)
    assert await shared_at(session) == [None]
    await session.press("amal", "Yes, my coach may see it")
    assert await shared_at(session) == [START]
    await session.say("amal", "/privacy")
    await session.press("amal", "Stop sharing with my coach")
    assert await shared_at(session) == [None]


async def test_help_asked_reaches_the_coach_in_the_coachs_language(session: Session) -> None:
    await coach_and_newcomer(session, coach_language="Nederlands")
    await session.press("amal", "Yes, my coach may see it")
    await session.say("amal", "/person")
    out = await session.press("amal", "🙋 Ask my coach to contact me")
    [told] = [line for line in out if line.get("to") == "sara"]
    assert told["text"].startswith("🙋 Amal vraagt hulp aan een coach.\nOver: ")
    assert "A talk with you" not in told["text"]  # the topic is translated too
    # Through the outbox, as a message to someone else: kept until it was sent.
    [sent] = await query(session.app, select(outbox.c.sent_at).where(outbox.c.chat == "sara"))
    assert sent["sent_at"] is not None


async def test_person_erased_takes_everything_that_hangs_from_them(session: Session) -> None:
    await coach_and_newcomer(session)
    await session.press("amal", "Yes, my coach may see it")
    await session.say("amal", "/privacy")
    await session.press("amal", "Delete all my data")
    out = await session.press("amal", "Yes, delete everything")
    assert out[-1]["text"].startswith("Done. I deleted everything I kept about you.")
    assert [row["external_id"] for row in await query(
        session.app, select(users.c.external_id))] == ["sara"]
    assert await query(session.app, select(coach_links.c.id)) == []
    assert await query(session.app, select(reminders.c.id).where(
        reminders.c.user_id.not_in(select(users.c.id)))) == []


async def test_reminders_are_set_and_cancelled(session: Session) -> None:
    await session.onboard("amal")
    await session.press("amal", "My profile")
    await session.press("amal", "Diplomas")
    [nudge] = await reminders_of(session, "amal")
    assert nudge["due_at"] == START + timedelta(days=2) and nudge["done_at"] is None
    await session.press("amal", "No")
    await session.press("amal", "No")
    [nudge] = await reminders_of(session, "amal")
    assert nudge["done_at"] is not None  # the part is finished: no nudge


async def test_a_coachs_update_reads_newcomers_only_to_show_them(
    session: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    await coach_and_newcomer(session)  # sara is a coach now
    asked: list[int] = []
    read = SqlRepository.newcomers_of

    def counted(repo: SqlRepository, coach_id: int) -> list[LinkedNewcomer]:
        asked.append(coach_id)
        return read(repo, coach_id)

    monkeypatch.setattr(SqlRepository, "newcomers_of", counted)
    await session.say("sara", "/menu")
    await session.press("sara", "What can Brug do?")
    assert asked == []
    await session.say("sara", "/menu")
    assert asked == []
    out = await session.press("sara", "My newcomers")
    assert labels(out[-1])[0] == "⏳ Amal"
    assert len(asked) == 1  # read once, though the screen is drawn and matched
    await session.press("sara", "Amal")
    assert len(asked) == 2
