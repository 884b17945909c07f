"""Buttons a phone could send that the screen did not show: a forged one (an option id the
person was never given, on the message they have now) and a stale one (on an earlier
message)."""

from __future__ import annotations

from typing import Any

from tests.harness import Session

Buttons = tuple[int | None, list[tuple[str, str]]]


async def press_forged(session: Session, user: str, option_id: str) -> list[dict[str, Any]]:
    """Press an option with this id on the person's latest message, as a forged callback."""
    turn, _ = session.simulator.options.by_user[user]
    session.simulator.options.by_user[user] = (turn, [(option_id, "forged")])
    return await session.press(user, "forged")


def buttons_now(session: Session, user: str) -> Buttons:
    """The buttons of the person's latest message, to press again later."""
    turn, options = session.simulator.options.by_user[user]
    return turn, list(options)


async def press_stale(session: Session, user: str, earlier: Buttons,
                      option: int | str) -> list[dict[str, Any]]:
    """Press a button of an earlier message (kept with `buttons_now`)."""
    session.simulator.options.by_user[user] = earlier
    return await session.press(user, option)
