"""Looking after a newcomer as coaches and admins meet it: words of danger become an urgent
ticket a person takes, missed meetings reach the admins, a coach cancels or moves a meeting,
a talk is offered on the lowest smiley, an admin assigns and unlinks coaches (with a coach's
capacity), and a coach hands a newcomer over to a colleague."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import select, update

from bot.app import build_app
from bot.cli import main
from bot.clock import FakeClock
from bot.config import Settings
from bot.storage.tables import coach_links, handoffs, users
from bot.types import Incoming
from tests.harness import START, Session, labels, query

Lines = list[dict[str, Any]]


def to(lines: Lines, user: str) -> Lines:
    return [line for line in lines if line.get("to") == user]


def text_to(lines: Lines, user: str) -> str:
    return "\n".join(line.get("text", "") for line in to(lines, user))


async def staff(session: Session, *people: tuple[str, str]) -> None:
    """People (name, role) who started the bot and were given a role."""
    for person, role in people:
        await session.onboard(person)
        await session.feed({"user": person, "role": role})


async def tickets(session: Session) -> list[dict[str, Any]]:
    return await query(session.app, select(
        handoffs.c.id, handoffs.c.urgent, handoffs.c.audience, handoffs.c.coach_name,
        handoffs.c.reason, handoffs.c.closed_at))


# Words of danger: an urgent ticket.

async def test_words_of_danger_without_a_coach_go_to_the_pool_and_the_first_claim_wins(
    session: Session,
) -> None:
    await staff(session, ("sara", "coach"), ("omid", "coach"), ("anna", "admin"))
    await session.onboard("amal")
    out = await session.say("amal", "I want to end my life")
    # The person gets the helplines and where they were, nothing else.
    mine = to(out, "amal")
    assert len(mine) == 2 and mine[0]["text"].startswith("You are not alone.")
    for coach in ("sara", "omid"):
        [ticket] = to(out, coach)
        assert ticket["text"].startswith("🚨 URGENT: amal (simulate amal)\n")
        assert "end my life" not in ticket["text"]
        assert labels(ticket) == ["✋ I take it"]
    [admin] = to(out, "anna")
    assert admin["text"].startswith("🚨 URGENT: amal (simulate amal)\nIt went to all coaches.")
    assert labels(admin) == []
    [row] = await tickets(session)
    assert row["urgent"] is True and row["audience"] == "coaches" and row["coach_name"] is None

    out = await session.press("omid", "✋ I take it", name="Omid")
    assert text_to(out, "omid").startswith("You took the request of amal (#1).")
    assert "Omid took the request of amal (#1)." in text_to(out, "sara")
    assert text_to(out, "amal").startswith("Omid, a coach, will answer you here.")
    out = await session.press("sara", "✋ I take it", name="Sara")
    assert "Omid took this request already." in text_to(out, "sara")
    # The newcomer now writes to Omid, and Omid back.
    out = await session.say("amal", "Can you call me?")
    assert "Can you call me?" in text_to(out, "omid")
    out = await session.say("omid", "Yes, in five minutes.")
    assert "Yes, in five minutes." in text_to(out, "amal")


async def test_words_of_danger_go_to_the_persons_own_coach_and_no_second_ticket_while_open(
    session: Session,
) -> None:
    await staff(session, ("sara", "coach"), ("omid", "coach"), ("anna", "admin"))
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal B."})
    out = await session.say("amal", "I don't want to live anymore")
    [ticket] = to(out, "sara")
    assert ticket["text"].startswith("🚨 URGENT: Amal B. (simulate amal)")
    assert labels(ticket) == ["✋ I take it"]
    assert to(out, "omid") == [] and to(out, "anna") == []
    # Again before anyone took it: the same ticket, its coach told again.
    out = await session.say("amal", "I want to die")
    [again] = to(out, "sara")
    assert "They wrote words of danger again." in again["text"] and "#1" in again["text"]
    assert len(await tickets(session)) == 1
    await session.press("sara", "✋ I take it", name="Sara")
    out = await session.say("amal", "I want to die")
    assert len(await tickets(session)) == 1
    assert "They wrote words of danger again." in text_to(out, "sara")
    assert labels(to(out, "sara")[0]) == []  # taken already: nothing to claim


async def test_a_request_already_open_becomes_urgent(session: Session) -> None:
    await staff(session, ("sara", "coach"))
    await session.onboard("amal")
    await session.say("amal", "/person")
    await session.press("amal", "💬 Talk to a coach here")
    await session.press("amal", "✅ Send all of this")
    [row] = await tickets(session)
    assert row["urgent"] is False
    out = await session.say("amal", "I want to end my life")
    assert to(out, "amal")[0]["text"].startswith("You are not alone.")
    assert text_to(out, "sara").startswith("🚨 URGENT: amal (simulate amal)")
    [row] = await tickets(session)
    assert row["urgent"] is True


# An admin assigns and unlinks.

async def links(session: Session) -> list[tuple[str, str]]:
    coach, newcomer = users.alias("coach"), users.alias("newcomer")
    rows = await query(session.app, select(coach.c.external_id.label("c"),
                                           newcomer.c.external_id.label("n"))
                       .join(coach_links, coach_links.c.coach_id == coach.c.id)
                       .join(newcomer, newcomer.c.id == coach_links.c.newcomer_id)
                       .order_by(coach_links.c.id))
    return [(row["c"], row["n"]) for row in rows]


async def test_an_admin_assigns_up_to_the_capacity_and_unlinks(session: Session) -> None:
    await staff(session, ("sara", "coach"))
    for newcomer in ("amal", "bilal", "carla"):
        await session.onboard(newcomer, language="Nederlands" if newcomer == "amal"
                              else "English")
    app = session.app
    assert (await app.assign("simulate", "amal", "sara", label="Amal")).outcome == "assigned"
    out = await session.advance("PT0S")
    assert "Een admin gaf je een coach: sara." in text_to(out, "amal")
    # The share question follows, in the newcomer's language.
    assert "Ja, mijn coach mag het zien" in labels(to(out, "amal")[-1])
    assert text_to(out, "sara").startswith("An admin linked Amal to you. You have 1 "
                                           "newcomers now.")
    assert (await app.assign("simulate", "bilal", "sara")).load == 2
    await session.advance("PT0S")
    # Beyond the capacity (2): refused, nothing changes, nobody is told.
    over = await app.assign("simulate", "carla", "sara")
    assert (over.outcome, over.load, over.capacity) == ("over", 2, 2)
    assert await session.advance("PT0S") == []
    assert ("sara", "carla") not in await links(session)
    forced = await app.assign("simulate", "carla", "sara", force=True)
    assert (forced.outcome, forced.load) == ("assigned", 3)
    out = await session.advance("PT0S")
    assert "more than your capacity of 2" in text_to(out, "sara")
    assert (await app.assign("simulate", "carla", "sara")).outcome == "already"

    await session.say("amal", "/menu")
    before = await query(app, select(users.c.state, users.c.consent)
                         .where(users.c.external_id == "amal"))
    assert await app.unlink("simulate", "amal") == ["sara"]
    out = await session.advance("PT0S")
    assert "sara is niet langer je coach. Alles wat je Brug vertelde, blijft van jou." \
        in text_to(out, "amal")
    assert "An admin unlinked Amal from you." in text_to(out, "sara")
    assert await links(session) == [("sara", "bilal"), ("sara", "carla")]
    after = await query(app, select(users.c.state, users.c.consent)
                        .where(users.c.external_id == "amal"))
    assert after == before  # the newcomer keeps their data
    assert await app.unlink("simulate", "amal") == []


def test_brug_assign_needs_force_beyond_the_capacity(tmp_path: Path) -> None:
    env = {"BRUG_DATA_DIR": str(tmp_path), "BRUG_COACH_CAPACITY": "1"}

    async def start(*people: str) -> None:
        app = await build_app(Settings(data_dir=tmp_path), FakeClock(START))
        try:
            for person in people:
                await app.handle(Incoming(channel="telegram", user=person, time=START,
                                          kind="command", text="/start", command="start"))
            await app.store.run(lambda repo: repo.conn.execute(
                update(users).where(users.c.external_id == "111").values(role="coach")))
        finally:
            await app.close()

    asyncio.run(start("111", "222", "333"))
    runner = CliRunner()
    result = runner.invoke(main, ["assign", "222", "999"], env=env)
    assert result.exit_code == 1 and "not found on telegram: 999" in result.output
    result = runner.invoke(main, ["assign", "333", "222"], env=env)
    assert result.exit_code == 1 and "222 is not a coach" in result.output
    result = runner.invoke(main, ["assign", "222", "111"], env=env)
    assert result.exit_code == 0, result.output
    assert "assigned 111 to 222; 111 has 1 newcomers now" in result.output
    result = runner.invoke(main, ["assign", "333", "111"], env=env)
    assert result.exit_code == 1
    assert "111 has 1 newcomers already and a capacity of 1; nothing changed" in result.output
    result = runner.invoke(main, ["assign", "333", "111", "--force"], env=env)
    assert result.exit_code == 0 and "over the capacity of 1" in result.output
    result = runner.invoke(main, ["unlink", "222"], env=env)
    assert result.exit_code == 0
    assert result.stdout.strip() == "unlinked 222 from 111; both are told"
