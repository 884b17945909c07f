"""What an operator building the image relies on, read from the Dockerfile itself (CI has no
Docker daemon): every file it copies reaches the builder, the dependencies are installed from
the lock before the code arrives, and the image checks its own health on the webhook's port."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from bot.config import Settings
from tests.harness import ROOT


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments left out."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    return [(line.split()[0].upper(), line.partition(" ")[2].strip())
            for line in lines if line and not line.startswith("#")]


def let_in(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore sends PATH to the builder: the last pattern matching it decides."""
    sent = True
    for pattern in patterns:
        negated = pattern.startswith("!")
        if fnmatchcase(path, pattern.removeprefix("!")):
            sent = negated
    return sent


def test_every_file_the_dockerfile_copies_reaches_the_builder() -> None:
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in ignore if line.strip() and not line.startswith("#")]
    sources = [source for name, args in instructions() if name == "COPY"
               and not args.startswith("--from") for source in args.split()[:-1]]
    assert {"pyproject.toml", "constraints.txt", "bot", "content"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), source
        assert let_in(source, patterns), f".dockerignore keeps {source} from the builder"
    # What stays home: local databases, settings and environments.
    for private in ("data", ".env", ".venv", ".git", "tests"):
        assert not let_in(private, patterns), private


def test_dependencies_come_from_the_lock_before_the_code_and_the_image_checks_itself() -> None:
    steps = instructions()
    final = len(steps) - [name for name, _ in reversed(steps)].index("FROM")
    image = steps[final:]
    installs = [i for i, (name, args) in enumerate(image)
                if name == "RUN" and "pip install" in args]
    [dependencies] = [i for i in installs if "-c /tmp/lock/constraints.txt" in image[i][1]]
    code = [i for i, (name, args) in enumerate(image)
            if name == "COPY" and args.startswith("--from=build")]
    assert code and dependencies < min(code)
    assert all("/tmp/lock/" in args for name, args in image[:dependencies]
               if name in ("COPY", "ADD")), "only the lock is copied before the dependencies"

    def joined(instruction: str) -> str:
        return " ".join(args for name, args in image if name == instruction)

    assert joined("EXPOSE").split() == [str(Settings().webhook_port)]
    assert joined("HEALTHCHECK").endswith('CMD ["brug", "health"]')
    assert "BRUG_WEBHOOK_HOST=0.0.0.0" in joined("ENV")
