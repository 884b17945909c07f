"""Gates as tests: lint, types, and the direction of imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"

# Each layer may import only from the layers after it (and from the shared leaf modules).
LAYERS = ["channels", "app", "flows", "services", "i18n", "storage"]
SHARED = {"bot.types", "bot.clock", "bot.config", "bot.i18n"}
# Modules of the application layer beside bot/app.py.
APP_MODULES = {"app_effects", "appointment_effects", "app_gatherings"}


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
    if parts[1] in APP_MODULES:
        return "app"
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


# Only the screens' own package may steer by the place a person is on (`at` in their state):
# everything else goes through its registry and dispatch.
SCREENS = BOT / "flows" / "screens"
PLACE_KEYS = {"at"}
PLACE_KEY_NAMES = {"AT"}


def _is_place_key(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in PLACE_KEYS
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
    return name in PLACE_KEY_NAMES


def _is_state(node: ast.expr) -> bool:
    """`state` or `something.state`: the person's conversation state."""
    return (isinstance(node, ast.Name) and node.id == "state") or \
        (isinstance(node, ast.Attribute) and node.attr == "state")


def _reads_place(node: ast.AST, tainted: set[str]) -> bool:
    """Whether an expression reads the place: x["at"], x.get("at"), the typed state's
    `state.at`, or a name holding it."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr == "at" and _is_state(sub.value):
            return True
        if isinstance(sub, ast.Subscript) and _is_place_key(sub.slice):
            return True
        if (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                and sub.func.attr == "get" and sub.args and _is_place_key(sub.args[0])):
            return True
        if isinstance(sub, ast.Name) and sub.id in tainted:
            return True
    return False


def place_dispatch(source: str) -> list[int]:
    """Lines that compare, match or look up the place a person is on."""
    tree = ast.parse(source)
    tainted: set[str] = set()
    # Names given the place (at = state.get("at")), and functions that return it.
    for _ in range(3):
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _reads_place(node.value, tainted):
                tainted |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                    isinstance(r, ast.Return) and r.value is not None
                    and _reads_place(r.value, tainted) for r in ast.walk(node)):
                tainted.add(node.name)
        tainted |= {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Attribute) and n.func.attr in tainted}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            steers = any(_reads_place(part, tainted) for part in (node.left, *node.comparators))
        elif isinstance(node, ast.Match):
            steers = _reads_place(node.subject, tainted)
        elif isinstance(node, ast.Subscript):  # a table looked up by place
            steers = not _is_place_key(node.slice) and _reads_place(node.slice, tainted)
        else:
            steers = False
        if steers:
            found.append(node.lineno)
    return sorted(found)


def test_only_the_screens_package_dispatches_on_a_place_name() -> None:
    wrong = [f"{path.relative_to(ROOT)}:{line}"
             for path in sorted(BOT.rglob("*.py")) if SCREENS not in path.parents
             for line in place_dispatch(path.read_text(encoding="utf-8"))]
    assert wrong == [], "steer by place through bot/flows/screens/registry.py: " + str(wrong)


@pytest.mark.parametrize("source", [
    # As the conversation and the roadmap's views did it before the screens had a registry.
    'def f(turn):\n    at = turn.state.get("at")\n    if at == "profile":\n        pass\n',
    'def f(turn):\n    at = turn.state.get("at")\n    if self.roadmap and at in PLACES:\n'
    '        pass\n',
    'def f(turn):\n    return turn.state.get("at") == "flow" and True\n',
    'class R:\n    def _where(self, turn):\n        at = str(turn.state.get("at"))\n'
    '        return at\n    def show(self, turn):\n        at = self._where(turn)\n'
    '        if at == STEP:\n            pass\n',
    'def f(state):\n    HANDLERS[state["at"]](state)\n',
    'def f(state):\n    match state.get(place.AT):\n        case "menu":\n            pass\n',
    # The typed state (bot/flows/state.py).
    'def f(turn):\n    if turn.state.at == "menu":\n        pass\n',
    'def f(turn):\n    at = turn.state.at\n    return SCREENS[at]\n',
])
def test_the_place_gate_sees_dispatch_on_a_place(source: str) -> None:
    assert place_dispatch(source) != []


def test_the_place_gate_lets_a_place_be_written() -> None:
    assert place_dispatch('def f(turn):\n    turn.state.update(at="flow", flow="x")\n'
                          '    turn.state["at"] = "menu"\n') == []


def _string_constants(path: Path) -> dict[str, object]:
    """Module-level NAME = "value" (and NAME1, NAME2 = "a", "b") assignments."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        pairs = (zip(target.elts, value.elts, strict=False)
                 if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
                 else [(target, value)])
        for name, item in pairs:
            if (isinstance(name, ast.Name) and name.id.isupper()
                    and isinstance(item, ast.Constant) and isinstance(item.value, str)):
                found[name.id] = item.value
    return found


def test_a_name_of_a_place_option_or_key_means_one_thing_in_the_flows() -> None:
    """STEP, DONE or NETWORK may not be a place in one module and an option or a state key
    in another: a name is defined once (each screen module's SCREEN is the registry's)."""
    where: dict[str, list[str]] = {}
    for path in sorted((BOT / "flows").rglob("*.py")):
        for name in _string_constants(path):
            where.setdefault(name, []).append(str(path.relative_to(ROOT)))
    clashes = {name: paths for name, paths in where.items() if len(paths) > 1}
    assert clashes == {}
