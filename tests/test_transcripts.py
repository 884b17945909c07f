"""Conversations as transcripts: simulate input lines and the exact output expected.

Rewriting the expected files is a deliberate step: run with BRUG_REWRITE_TRANSCRIPTS=1,
then review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.harness import run_simulate

FOLDER = Path(__file__).resolve().parent / "transcripts"
CASES = sorted(path.name.removesuffix(".in.jsonl") for path in FOLDER.glob("*.in.jsonl"))


@pytest.mark.parametrize("name", CASES)
def test_transcript(name: str, database: str) -> None:
    lines = [json.loads(line) for line in (FOLDER / f"{name}.in.jsonl").read_text().splitlines()
             if line.strip()]
    out = run_simulate(lines, database)
    expected_path = FOLDER / f"{name}.out.jsonl"
    rendered = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in out)
    if os.environ.get("BRUG_REWRITE_TRANSCRIPTS") == "1":
        expected_path.write_text(rendered)
    assert rendered == expected_path.read_text()


def test_there_are_transcripts() -> None:
    assert {"onboarding_en", "onboarding_nl", "onboarding_ar"} <= set(CASES)
