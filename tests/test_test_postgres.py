"""scripts/test-postgres: a throw-away PostgreSQL beside a command, gone when the command ends,
and a run that leaves a test database behind fails."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import POSTGRES, PREFIX
from tests.harness import ROOT

# The cluster's programs are here when the tests themselves got one from the script.
pytestmark = pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL server programs")

CREATE_A_DATABASE = f"""
import asyncio, os, asyncpg
async def main():
    url = os.environ["BRUG_TEST_POSTGRES_URL"].replace("+asyncpg", "")
    conn = await asyncpg.connect(url)
    await conn.execute("CREATE DATABASE {PREFIX}left_behind")
    await conn.close()
asyncio.run(main())
"""


def run_beside(*command: str) -> tuple[subprocess.CompletedProcess[str], Path, int]:
    env = {name: value for name, value in os.environ.items()
           if name not in ("BRUG_TEST_POSTGRES_URL", "BRUG_TEST_POSTGRES")}
    result = subprocess.run([str(ROOT / "scripts" / "test-postgres"), *command], env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    started = re.search(r"on 127\.0\.0\.1:(\d+), in (\S+)", result.stderr)
    assert started, result.stderr
    return result, Path(started[2]), int(started[1])


def refuses_connections(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_the_cluster_is_removed_and_the_command_s_failure_is_kept() -> None:
    result, folder, port = run_beside("sh", "-c", 'test -n "$BRUG_TEST_POSTGRES_URL"; exit 3')
    assert result.returncode == 3
    assert not folder.exists() and refuses_connections(port)


def test_a_test_database_left_behind_fails_the_run() -> None:
    result, folder, port = run_beside(sys.executable, "-c", CREATE_A_DATABASE)
    assert result.returncode == 1, result.stderr
    assert f"the tests left databases behind: {PREFIX}left_behind" in result.stderr
    assert not folder.exists() and refuses_connections(port)
