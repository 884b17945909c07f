"""The crash test: `brug run` (long polling) against the fake Bot API, 100 people sending 1 000
updates, killed (SIGKILL) twice in the middle and started again. The fake server keeps every
update until it is acknowledged and redelivers the rest. Afterwards every update was handled
exactly once, every committed reply was delivered, and the duplicates a crash may cause (at
most one per message in flight) are counted. Loopback only; every wait is bounded."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

from tests.brug_process import BOUND, BrugProcess, brug_env, committed_replies, stored
from tests.fake_telegram.botapi import FakeBotApi

PEOPLE = 100
# What each person types, one update each: 1 000 updates in all.
SCRIPT = ["/start", "English", "Continue", "Yes, I agree", "/menu", "1", "/menu", "hello",
          "/privacy", "/menu"]
# Killed once this many replies have reached Telegram, then again at the second number.
KILLS = (250, 650)


async def test_two_kills_lose_no_update_and_no_reply(tmp_path: Path) -> None:
    started = time.monotonic()
    fake = await FakeBotApi(latency=0.02).start()
    # The lease is what a restarted process waits before it sends a message the killed one
    # had taken. Long enough that a live sender on a loaded 2-core machine never loses a
    # message it is still sending (that would count as a takeover without a crash).
    env = brug_env(fake.token, fake.api_base, tmp_path, delivery_lease_seconds="10",
                   outbox_interval_seconds="0.5")
    db = tmp_path / "brug.db"
    try:
        for text in SCRIPT:
            for person in range(1, PEOPLE + 1):
                fake.send_text(person, text)
        bot = await BrugProcess.start(env)
        for replies in KILLS:
            await fake.wait_for(lambda n=replies: len(fake.sent) >= n, BOUND)
            await bot.stop(signal.SIGKILL)
            bot = await BrugProcess.start(env)
        await fake.wait_for(fake.all_acknowledged, BOUND)
        await fake.wait_for(
            lambda: stored(db, "SELECT count(*) FROM outbox WHERE status = 'pending'") == [(0,)],
            BOUND)
        assert await bot.stop() == 0, bot.stderr()
    finally:
        await fake.close()

    # Every update handled, and once: its replies were stored with it, once (a primary key).
    handled = [int(row[0]) for row in stored(db, "SELECT update_id FROM processed_updates")]
    assert sorted(handled) == sorted(fake.history) and len(handled) == PEOPLE * len(SCRIPT)
    # The kills came while updates were in flight: some were handed out again.
    assert max(fake.handed_out.values()) >= 2
    # Every committed reply reached the person.
    committed = committed_replies(db)
    got = Counter((m["chat"]["id"], m["sent_text"]) for m in fake.sent)
    assert committed - got == Counter()
    # Duplicates: only replies taken over after a crash, all counted, and at most one per
    # crash that found the message in flight.
    duplicates = sum((got - committed).values())
    [(resent, most)] = stored(db, "SELECT coalesce(sum(resent), 0), coalesce(max(resent), 0) "
                                  "FROM outbox")
    assert stored(db, "SELECT status, count(*) FROM outbox GROUP BY status") == [
        ("sent", sum(committed.values()))]
    assert duplicates <= int(str(resent)) and int(str(most)) <= len(KILLS)
    print(f"\ncrash test: {len(handled)} updates, {sum(committed.values())} replies, "
          f"{duplicates} duplicates, {resent} resent after a crash, "
          f"{sum(fake.handed_out.values()) - len(handled)} updates handed out again, "
          f"{time.monotonic() - started:.0f} s")
