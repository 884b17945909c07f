"""My link: a coach finds the link for newcomers in the menu, as text and as a QR image, and
can renew it (the earlier links stop working)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.harness import Session, labels, run_simulate
from tests.qr_reading import read_qr

LINK = re.compile(r"https://t\.me/brug_bot\?start=(c_[A-Za-z0-9_-]+)")


async def open_my_link(session: Session, user: str = "sara") -> list[dict[str, Any]]:
    await session.say(user, "/menu")
    return await session.press(user, "My link for newcomers")


def link_in(lines: list[dict[str, Any]]) -> tuple[str, str]:
    """The link of a My link screen (its text and its QR image agree) and its payload."""
    [text, image, screen] = lines
    found = LINK.search(text["text"])
    assert found is not None, text
    assert image["kind"] == "image" and image["caption"] == found.group(0)
    assert read_qr(Path(image["file"]).read_bytes())[0] == [found.group(0)]
    assert labels(screen) == ["🔄 Renew my link", "☰ Menu"]
    return found.group(0), found.group(1)


async def test_a_coach_finds_their_link_as_text_and_qr_and_a_newcomer_opens_it(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    out = await open_my_link(session)
    assert out[0]["text"].startswith("Your link for newcomers:\nhttps://t.me/brug_bot?start=")
    _, payload = link_in(out)
    await session.onboard("amal")
    out = await session.say("amal", f"/start {payload}")
    assert out[0]["text"].startswith("You opened your coach's link")


async def test_renewing_the_link_stops_the_earlier_one(session: Session) -> None:
    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    _, old = link_in(await open_my_link(session))
    out = await session.press("sara", "Renew")
    assert out[0]["text"].startswith("Your new link for newcomers:")
    assert "Your earlier links no longer work." in out[0]["text"]
    _, new = link_in(out)
    assert new != old
    await session.onboard("amal")
    out = await session.say("amal", f"/start {old}")
    assert out[0]["text"].startswith("This link was replaced by a new one.")
    out = await session.say("amal", f"/start {new}")
    assert out[0]["text"].startswith("You opened your coach's link")


async def test_only_coaches_have_a_link_in_the_menu(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert "My link for newcomers" not in labels(out[-1])


async def test_the_link_reads_in_the_coachs_language(session: Session) -> None:
    await session.onboard("sara", language="Nederlands")
    await session.feed({"user": "sara", "role": "coach"})
    await session.say("sara", "/menu")
    out = await session.press("sara", "Mijn link")
    assert out[0]["text"].startswith("Jouw link voor nieuwkomers:")
    assert out[1]["kind"] == "image"
    assert labels(out[2]) == ["🔄 Vernieuw mijn link", "☰ Menu"]


def test_brug_simulate_writes_the_image_beside_its_database(tmp_path: Path) -> None:
    out = run_simulate([
        {"user": "sara", "text": "/start"},
        {"user": "sara", "role": "coach"},
        {"user": "sara", "text": "/menu"},
        {"user": "sara", "press": "My link for newcomers"},
    ], tmp_path / "brug.db")
    [image] = [line for line in out if line.get("kind") == "image"]
    assert Path(image["file"]).parent == tmp_path / "files"
    assert read_qr(Path(image["file"]).read_bytes())[0] == [image["caption"]]
