"""Run a copy of the repository's benchmark with the copy's own code, for before/after
figures in one run: `.venv/bin/python bench/run_copy.py <copy> [benchmark arguments]`.

The venv's editable install of this tree would otherwise be imported instead of the copy's
`bot` package, even with the copy on PYTHONPATH. Make a copy with
`git archive <commit> | tar -x -C <copy>`."""

from __future__ import annotations

import runpy
import sys

if __name__ == "__main__":
    copy = sys.argv.pop(1)
    sys.meta_path[:] = [finder for finder in sys.meta_path
                        if "editable" not in repr(finder).lower()]
    sys.path.insert(0, copy)
    script = f"{copy}/bench/onboarding_vs_echo.py"
    sys.argv = [script, *sys.argv[1:]]
    runpy.run_path(script, run_name="__main__")
