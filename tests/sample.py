"""A content folder with the real content plus the sample flow on the menu."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(ROOT / "tests" / "sample_content" / "sample.yaml", content / "sample.yaml")
    menu = content / "menu.yaml"
    menu.write_text(menu.read_text().replace(
        "  items:\n",
        "  items:\n    - id: sample\n      label: Sample questions\n      flow: sample\n", 1,
    ))
    return content
