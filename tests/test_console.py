"""`brug chat`: numbered options, a number or a label to answer, the same core underneath."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def chat(lines: list[str], data: Path, database: str = "") -> str:
    env = {**os.environ, "BRUG_DATA_DIR": str(data), "BRUG_DATABASE_URL": database,
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", "tester"], input="\n".join(lines) + "\n",
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_terminal_conversation_by_number_and_by_label(tmp_path: Path) -> None:
    out = chat(["4", "متابعة", "1", "/menu"], tmp_path)
    assert "  1. English\n  2. Nederlands\n  3. Français\n  4. العربية\n  5. دری" in out
    assert "أنا Brug" in out or "Brug" in out
    assert out.count("Brug: ") >= 5
    assert out.rstrip().endswith("Bye.")
    assert (tmp_path / "brug.db").exists()


def test_the_terminal_remembers_the_person_between_runs(tmp_path: Path, database: str) -> None:
    chat(["1", "1", "1"], tmp_path, database)
    out = chat([], tmp_path, database)
    assert "Welcome back!" in out
    assert "What do you want to do?" in out
