"""Gates as tests: lint, types, and the direction of imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"

# Each layer may import only from the layers after it (and from the shared leaf modules).
LAYERS = ["channels", "app", "flows", "services", "i18n", "storage"]
SHARED = {"bot.types", "bot.clock", "bot.config", "bot.i18n"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean_on_bot() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "bot":
        return None
    return parts[1] if parts[1] in LAYERS else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_imports_go_one_way_and_only_channels_know_aiogram() -> None:
    wrong = []
    for path in BOT.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        own = _layer(module)
        for imported in _imports(path):
            if imported.startswith("aiogram") and own != "channels":
                wrong.append(f"{module} imports {imported}")
            target = _layer(imported)
            if own is None or target is None or imported in SHARED or target == own:
                continue
            if LAYERS.index(target) < LAYERS.index(own):
                wrong.append(f"{module} ({own}) imports {imported} ({target})")
    assert wrong == []


def test_the_gate_itself_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from bot.channels.telegram import TelegramChannel\nimport aiogram\n")
    imported = _imports(bad)
    assert "bot.channels.telegram" in imported and "aiogram" in imported
    assert LAYERS.index(_layer("bot.channels.telegram") or "") < LAYERS.index("flows")
