"""scripts/dev on a machine whose Python cannot make a virtual environment (Debian without
python3-venv), and with a .venv left half-made by such an attempt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.harness import ROOT


def debian_python(folder: Path) -> Path:
    """A Python whose ensurepip is missing, as on Debian without python3-venv."""
    shadow = folder / "shadow" / "ensurepip"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named ensurepip")\n')
    wrapper = folder / "python3"
    wrapper.write_text(
        f'#!/bin/sh\nPYTHONPATH="{folder / "shadow"}" exec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def dev(checkout: Path, python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(checkout / "scripts" / "dev"), *args], capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHON": str(python)})


def checkout_in(folder: Path) -> Path:
    checkout = folder / "brug"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "dev", checkout / "scripts" / "dev")
    shutil.copy2(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    return checkout


def test_a_missing_venv_module_is_named_and_leaves_no_venv(tmp_path: Path) -> None:
    checkout = checkout_in(tmp_path)
    result = dev(checkout, debian_python(tmp_path), "chat")
    assert result.returncode == 1
    assert "python3-venv" in result.stderr and "cannot make a virtual environment" in (
        result.stderr)
    assert not (checkout / ".venv").exists()


def test_a_half_made_venv_is_removed_and_said(tmp_path: Path) -> None:
    checkout = checkout_in(tmp_path)
    # What a failed `python -m venv` leaves: a Python without pip.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(checkout / ".venv")],
                   check=True)
    result = dev(checkout, debian_python(tmp_path), "test")
    assert result.returncode == 1
    assert ".venv is half-made or broken" in result.stderr and "python3-venv" in result.stderr
    assert not (checkout / ".venv").exists()
