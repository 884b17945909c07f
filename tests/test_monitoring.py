"""The operator's view: /healthz and /metrics beside a real core on a temporary SQLite
database, the one log line per update, and the log level from the environment."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import Brug
from bot.channels.monitoring import MonitoringServer, start_monitoring
from bot.clock import FakeClock
from bot.services.health import STUCK_AFTER, Health
from bot.services.metrics import Metrics
from bot.storage.db import open_store
from bot.types import Outgoing
from tests.fake_telegram.server import FakeTelegram
from tests.harness import ROOT, START, Session
from tests.readiness import free_port, wait_until_healthy

CHAT = 5151
TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


@pytest.fixture
async def monitored(session: Session) -> AsyncIterator[tuple[Session, str]]:
    server = MonitoringServer(session.app, "127.0.0.1", 0)
    await server.start()
    try:
        yield session, server.url
    finally:
        await server.stop()


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.text()


async def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, body = await get(url + "/metrics")
    assert status == 200, body
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body) for sample in family.samples
    }


def updates(metrics: dict[tuple[str, tuple[tuple[str, str], ...]], float], kind: str) -> float:
    return metrics[("brug_updates_total", (("kind", kind),))]


async def test_health_and_metrics_follow_the_updates_and_the_outbox(
    monitored: tuple[Session, str],
) -> None:
    session, url = monitored
    # Nothing has gone round the outbox yet: not ready.
    status, body = await get(url + "/healthz")
    assert (status, body) == (503, "outbox sender has not run yet\n")
    before = await scrape(url)
    assert updates(before, "command") == 0

    await session.onboard("amal")  # a command and three presses
    await session.say("amal", "I am looking for work")
    await session.feed({"user": "amal", "media": "photo"})
    await session.say("sara", "/start")
    # Linking asks amal through a reminder: a due reminder is a turn of its own, sent by the
    # outbox.
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.say("sara", "/menu")

    assert await get(url + "/healthz") == (200, "ok\n")
    after = await scrape(url)
    assert {kind: updates(after, kind) for kind in ("text", "press", "command", "media",
                                                    "timeout")} == {
        "text": 1, "press": 3, "command": 3, "media": 1, "timeout": 1}
    assert after[("brug_update_handling_seconds_count", ())] == 9
    assert after[("brug_deliveries_total", (("result", "sent"),))] == 1
    assert after[("brug_outbox_pending", ())] == 0
    assert after[("brug_outbox_sender_last_drain_timestamp_seconds", ())] > 0

    # A reply that could not be sent directly waits in the outbox; its age shows.
    await session.app.defer([Outgoing(to="amal", text="Your reply", channel="simulate")])
    session.clock.advance(timedelta(seconds=90))
    waiting = await scrape(url)
    assert waiting[("brug_outbox_pending", ())] == 1
    assert waiting[("brug_outbox_oldest_pending_age_seconds", ())] == 90
    lines = await session.advance("PT1S")
    assert [line["text"] for line in lines if "text" in line] == ["Your reply"]
    delivered = await scrape(url)
    assert delivered[("brug_outbox_pending", ())] == 0
    assert delivered[("brug_outbox_oldest_pending_age_seconds", ())] == 0
    assert delivered[("brug_deliveries_total", (("result", "sent"),))] == 2


async def test_health_says_the_database_is_unreachable(
    monitored: tuple[Session, str], tmp_path: Path
) -> None:
    session, _ = monitored
    await session.say("amal", "/start")  # the sender goes round
    gone = Brug(open_store(f"sqlite:///{tmp_path / 'no such folder' / 'brug.db'}"),
                session.app.conversation, session.clock, session.app.settings,
                session.app.metrics)
    server = MonitoringServer(gone, "127.0.0.1", 0)
    await server.start()
    try:
        status, body = await get(server.url + "/healthz")
        assert status == 503 and body.startswith("database unreachable: ")
        # The counters are still served.
        assert updates(await scrape(server.url), "command") == 1
    finally:
        await server.stop()
        await gone.close()


def test_health_sees_a_sender_that_stopped_or_hangs(tmp_path: Path) -> None:
    metrics = Metrics()
    health = Health(open_store(f"sqlite:///{tmp_path / 'b.db'}"), metrics, FakeClock(START),
                    sender_interval=1.0)
    with metrics.draining():
        started = metrics.drain_started_at or 0.0
        assert health.sender_problem(started) is None
        # A round that waits on Telegram is alive, up to a point.
        assert health.sender_problem(started + 30) is None
        stuck = health.sender_problem(started + STUCK_AFTER + 1)
        assert stuck is not None and stuck.startswith("outbox sender stuck")
    finished = metrics.drain_finished_at or 0.0
    assert health.sender_problem(finished + 59) is None
    stopped = health.sender_problem(finished + 61)
    assert stopped is not None and stopped.startswith("outbox sender stopped")


async def test_one_log_line_per_update_with_ids_and_timing_never_the_words(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.updates")
    await session.onboard("amal")
    secret = "my passport number is XK-4471"
    replies = await session.say("amal", secret, update_id=4471001)
    said = [line["text"] for line in replies if "text" in line]
    assert said
    lines = [record for record in caplog.records if record.name == "bot.updates"]
    assert len(lines) == 5  # /start, three presses, the text
    last = lines[-1].getMessage()
    assert re.fullmatch(
        r"update channel=simulate user=amal update_id=4471001 kind=text replies=\d+ "
        r"ms=[\d.]+ result=ok", last), last
    # A name with a space (a console login, say) stays one quoted value.
    await session.say("Amal Smit", "/start")
    assert 'update channel=simulate user="Amal Smit" update_id="" kind=command' in (
        caplog.records[-1].getMessage())
    everything = "\n".join(record.getMessage() for record in caplog.records)
    assert "XK-4471" not in everything and "passport" not in everything
    assert not any(text[:40] in everything for text in said)


def brug(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, cwd=ROOT,
                          timeout=120, check=False)


def test_the_log_level_comes_from_brug_log_level(tmp_path: Path) -> None:
    data = {"BRUG_DATA_DIR": str(tmp_path)}
    # INFO (the default): the migration says what it does, each line with a UTC timestamp.
    verbose = brug("migrate", env={**data, "BRUG_LOG_LEVEL": "info"})
    assert verbose.returncode == 0, verbose.stderr
    lines = verbose.stderr.splitlines()
    assert lines and all(re.match(rf"{TIMESTAMP} [A-Z]+ \S+: ", line) for line in lines), lines
    assert any(" INFO alembic." in line for line in lines)
    quiet = brug("migrate", env={**data, "BRUG_LOG_LEVEL": "WARNING"})
    assert quiet.returncode == 0 and quiet.stderr == ""
    wrong = brug("migrate", env={**data, "BRUG_LOG_LEVEL": "loud"})
    assert wrong.returncode == 2 and "use one of DEBUG, INFO" in wrong.stderr


async def test_brug_run_serves_health_and_metrics_and_logs_one_line_per_update(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "BRUG_TELEGRAM_TOKEN": fake_telegram.token,
        "BRUG_TELEGRAM_API_BASE": fake_telegram.api_base,
        "BRUG_DATA_DIR": str(tmp_path),
        "BRUG_METRICS_PORT": str(port),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("BRUG_LOG_LEVEL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await wait_until_healthy(port)
        await fake_telegram.wait_for(lambda: fake_telegram.commands(), timeout=60)
        await fake_telegram.send_text(CHAT, "my secret word is zebrafish")
        await fake_telegram.wait_for_messages(CHAT, 1, timeout=60)
        metrics = await scrape(url)
        assert updates(metrics, "text") == 1
        # The container's health check.
        asked = await asyncio.to_thread(brug, "health", env={"BRUG_METRICS_PORT": str(port)})
        assert (asked.returncode, asked.stdout) == (0, "ok\n"), asked.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    log = stderr.decode()
    assert process.returncode == 0, log
    lines = log.splitlines()
    assert all(re.match(rf"{TIMESTAMP} [A-Z]+ ", line) for line in lines), log
    assert [line for line in lines if " bot.updates: " in line] == [
        line for line in lines if re.search(
            rf"bot.updates: update channel=telegram user={CHAT} update_id=\d+ kind=text ", line)]
    assert len([line for line in lines if " bot.updates: " in line]) == 1, log
    assert "zebrafish" not in log
    assert "apscheduler" not in log and "aiogram.event" not in log, log
    nobody = await asyncio.to_thread(brug, "health", env={"BRUG_METRICS_PORT": str(port)})
    assert nobody.returncode == 1 and "no answer from" in nobody.stderr


async def test_a_taken_metrics_port_is_logged_and_the_bot_goes_on(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = session.app.settings.model_copy(update={"metrics_port": port})
        server = await start_monitoring(session.app, settings)
        await server.stop()
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert f"cannot listen on 127.0.0.1:{port}" in error.getMessage()
    # The core goes on answering.
    assert await session.say("amal", "/start")
