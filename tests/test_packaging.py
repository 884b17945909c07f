"""What `pip install .` installs: the package with its content and catalogs, enough for
`brug simulate` to run away from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.harness import ROOT


def test_the_wheel_carries_content_and_catalogs_and_simulate_runs_from_it(
    tmp_path: Path,
) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
         str(tmp_path / "wheel"), str(ROOT)],
        capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "wheel").glob("brug-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    content = {f"bot/content/{path.name}" for path in (ROOT / "content").glob("*.yaml")}
    catalogs = {f"bot/i18n/locales/{path.relative_to(ROOT / 'bot/i18n/locales')}"
                for path in (ROOT / "bot/i18n/locales").rglob("*.po*")}
    migrations = {f"bot/storage/migrations/versions/{path.name}"
                  for path in (ROOT / "bot/storage/migrations/versions").glob("*.py")}
    assert content and catalogs and migrations
    assert content | catalogs | migrations <= names
    assert not any(name.startswith(("tests/", "content/")) for name in names)

    # Only the unpacked wheel on the path (the dependencies come from this environment),
    # started far from the checkout: the content and the Dutch catalog are found inside it.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "installed")}
    env.pop("BRUG_CONTENT_DIR", None)
    lines = [{"user": "amal", "text": "/start"}, {"user": "amal", "press": "Nederlands"}]
    ran = subprocess.run(
        [sys.executable, "-m", "bot", "simulate"], input="\n".join(map(json.dumps, lines)),
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path, check=False,
    )
    assert ran.returncode == 0, ran.stderr
    said = [json.loads(line) for line in ran.stdout.splitlines()]
    texts = [line["text"] for line in said if "text" in line]
    assert texts[0].startswith("Choose your language") and "Brug" in texts[-1]
    assert texts[-1] != texts[0] and "error" not in json.dumps(said)
