"""Retention with the clock advanced: inactive people are asked after a year and erased 30
days later without an answer; messages and handled updates go after a week; a conversation
with a coach 90 days after it closed; `brug purge`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from bot.storage.tables import outbox, processed_updates, users
from tests.harness import Session, labels, query

ROOT = Path(__file__).resolve().parent.parent
ASKED = "You have not written to me for a long time. May I keep what I know about you?"


async def people(session: Session) -> list[str]:
    return [row["external_id"] for row in await query(session.app, select(users.c.external_id))]


async def test_inactive_for_a_year_i_am_asked_and_erased_30_days_later_without_an_answer(
    session: Session,
) -> None:
    await session.onboard("amal")
    await session.onboard("omid")
    assert await session.advance("P364D") == []
    await session.say("omid", "/menu")  # omid writes now and then
    out = await session.advance("P2D")
    [asked] = [line for line in out if line.get("to") == "amal"]
    assert asked["text"].startswith(ASKED)
    assert labels(asked) == ["Yes, keep my data", "Delete all my data"]
    assert await session.advance("P29D") == []  # asked once, not every day
    assert sorted(await people(session)) == ["amal", "omid"]
    await session.advance("P2D")
    assert await people(session) == ["omid"]


async def test_keep_my_data_keeps_it_and_asks_again_only_a_year_later(session: Session) -> None:
    await session.onboard("amal")
    await session.advance("P366D")
    out = await session.press("amal", "Yes, keep my data")
    assert out[0]["text"].startswith("Good. I keep your data.")
    assert await session.advance("P40D") == []
    assert await people(session) == ["amal"]
    out = await session.advance("P330D")
    assert [line["text"][:len(ASKED)] for line in out] == [ASKED]


async def test_sent_messages_and_handled_updates_go_after_seven_days(session: Session) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    await session.say("amal", "/menu", update_id=1)
    await session.say("amal", "/privacy", update_id=2)
    await session.feed({"user": "sara", "link": "amal"})  # the share question: an outbox row
    assert await query(session.app, select(outbox.c.status)) == [{"status": "sent"}]
    assert len(await query(session.app, select(processed_updates))) == 2
    await session.advance("P6D")
    assert len(await query(session.app, select(processed_updates))) == 2
    await session.advance("P2D")
    assert await query(session.app, select(processed_updates)) == []
    assert await query(session.app, select(outbox)) == []
    assert sorted(await people(session)) == ["amal", "sara"]


def brug(database: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRUG_DATABASE_URL": f"sqlite:///{database}",
           "BRUG_DATA_DIR": str(database.parent), "BRUG_LOG_LEVEL": "INFO"}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_brug_purge_dry_run_counts_and_purge_removes_logging_counts_only(tmp_path: Path
                                                                          ) -> None:
    database = tmp_path / "brug.db"
    lines = [{"user": "amal-5151", "text": "/start", "update_id": 1},
             {"user": "amal-5151", "press": "English", "update_id": 2}]
    made = brug(database, "simulate", "--db", str(database), "--start",
                "2020-01-05T09:00:00+00:00",
                stdin="\n".join(json.dumps(line) for line in lines) + "\n")
    assert made.returncode == 0, made.stderr
    dry = brug(database, "purge", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[:4] == ["would go (dry run):", "  sent_messages: 0",
                                           "  handled_updates: 2", "  inactive_asked: 1"]
    done = brug(database, "purge")
    assert done.returncode == 0, done.stderr
    assert "  handled_updates: 2" in done.stdout.splitlines()
    assert "purge sent_messages=0 handled_updates=2 inactive_asked=1" in done.stderr
    assert "amal" not in done.stderr and "amal" not in dry.stderr
    again = brug(database, "purge", "--dry-run")
    assert "  handled_updates: 0" in again.stdout.splitlines()
    assert "  inactive_asked: 0" in again.stdout.splitlines()  # asked already


async def test_a_conversation_with_a_coach_goes_90_days_after_it_closed(session: Session
                                                                        ) -> None:
    from bot.storage.tables import handoffs

    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    await session.onboard("amal")
    await session.say("amal", "/person")
    await session.press("amal", "💬 Talk to a coach here")
    await session.press("amal", "✅ Send")
    await session.press("sara", "✋ I take it")
    out = await session.say("amal", "My landlord keeps my deposit")
    assert any("My landlord keeps my deposit" in line["text"] for line in out
               if line.get("to") == "sara")
    await session.press("sara", "✖ Close #1")
    await session.say("sara", "Deposit dispute")
    await session.press("amal", "😄 5")
    [row] = await query(session.app, select(handoffs.c.note, handoffs.c.summary))
    assert row["note"] == "Deposit dispute" and row["summary"]
    await session.say("sara", "/menu")
    out = await session.press("sara", "My conversations")
    assert "Deposit dispute" in json.dumps(out, ensure_ascii=False)
    await session.advance("P89D")
    assert len(await query(session.app, select(handoffs.c.id))) == 1
    await session.advance("P2D")
    assert await query(session.app, select(handoffs.c.id)) == []
    assert sorted(await people(session)) == ["amal", "sara"]
    # Sara's notes no longer have it.
    await session.say("sara", "/menu")
    out = await session.press("sara", "My conversations")
    assert "Deposit dispute" not in json.dumps(out, ensure_ascii=False)
