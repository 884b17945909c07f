"""Commands as people type them: '/start', '/start PAYLOAD', '/menu@BrugBot'."""

from __future__ import annotations

import re

_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$", re.DOTALL)


def parse_command(text: str) -> tuple[str, str | None] | None:
    """(command, payload) for a command, else None."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    payload = match.group(2)
    return match.group(1).lower(), (payload.strip() or None) if payload else None
