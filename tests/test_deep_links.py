"""Deep links: `/start PAYLOAD` opens a coach's link (or refuses a bad one kindly), then the
normal start follows. Driven through the simulate protocol, as a newcomer would."""

from __future__ import annotations

import asyncio
import hashlib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.app import build_app
from bot.cli import main
from bot.clock import FakeClock
from bot.config import Settings
from bot.flows import deep_links
from bot.flows.coach_link import coach_link_screen
from bot.flows.link_kind import Opened, Opening, PayloadKind
from bot.services.link_codes import MAX_PAYLOAD, issue, prefix_of
from bot.storage.link_codes import LinkCodes
from bot.storage.tables import coach_links, link_codes, reminders, users
from bot.types import Incoming
from tests.harness import START, Session, labels, query, texts
from tests.qr_reading import read_qr

LINKED = "You opened your coach's link: you are now linked to your coach."
DOES_NOT_WORK = ("This link does not work. Check that you copied all of it, or ask the person "
                 "who gave it to you for a new one.")


async def coach_link(session: Session, coach: str = "sara", **extra: Any) -> str:
    [line] = await session.feed({"link_code": coach, **extra})
    assert line["link"] == f"https://t.me/brug_bot?start={line['payload']}"
    payload: str = line["payload"]
    return payload


def to(user: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line.get("to") == user]


async def newcomers_of_sara(session: Session) -> list[str]:
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    # The newcomers' buttons (n and their number), not the desk's own.
    return [option["label"] for option in out[-1]["options"]
            if option["id"].startswith("n") and option["id"][1:].isdigit()]


async def test_a_newcomer_who_opens_the_link_is_linked_and_asked_to_share(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    payload = await coach_link(session)
    [start, share] = to("amal", await session.say("amal", f"/start {payload}"))
    assert start["text"].startswith(f"{LINKED}\n\nWelcome back!\n\nWhat do you want to do?")
    assert share["text"].startswith("A coach will help you on your way to work.")
    assert await newcomers_of_sara(session) == ["⏳ amal"]
    await session.press("amal", "Yes, my coach may see it")
    assert await newcomers_of_sara(session) == ["amal"]
    [profile, _] = await session.press("sara", "amal")
    assert profile["text"].startswith("Profile of amal:")


async def test_many_newcomers_may_open_the_same_link_and_each_only_once(
    session: Session,
) -> None:
    await session.onboard("sara")
    payload = await coach_link(session)
    for name in ("amal", "omid"):
        await session.onboard(name)
        assert to(name, await session.say(name, f"/start {payload}"))[0]["text"].startswith(LINKED)
    out = await session.say("amal", f"/start {payload}")
    assert [line["text"].split("\n\n")[0] for line in out] == [
        "You are linked to this coach already."]  # and not asked again
    assert await newcomers_of_sara(session) == ["⏳ amal", "⏳ omid"]
    [code] = await query(session.app, select(link_codes))
    assert code["uses"] == 2 and not code["single_use"]


async def test_the_code_is_stored_only_as_its_hash(session: Session) -> None:
    await session.onboard("sara")
    payload = await coach_link(session)
    [code] = await query(session.app, select(link_codes))
    assert code["code_hash"] == hashlib.sha256(payload.encode()).hexdigest()
    token = payload.partition("_")[2]
    assert not any(token in str(value) for value in code.values())
    assert code["kind"] == "coach" and code["grants"] == ""
    assert code["expires_at"] == session.clock.now() + timedelta(days=180)
    # Every request makes a new link; the earlier ones go on working.
    again = await coach_link(session)
    assert again != payload
    await session.onboard("amal")
    assert to("amal", await session.say("amal", f"/start {payload}"))[0]["text"].startswith(
        LINKED)


async def test_a_renewed_link_replaces_the_old_one(session: Session) -> None:
    await session.onboard("sara")
    old = await coach_link(session)
    new = await coach_link(session, renew=True)
    await session.onboard("amal")
    [refused] = await session.say("amal", f"/start {old}")
    assert refused["text"].startswith(
        "This link was replaced by a new one. Ask the person who gave it to you for the new "
        "link.\n\nWelcome back!")
    assert await newcomers_of_sara(session) == []
    assert to("amal", await session.say("amal", f"/start {new}"))[0]["text"].startswith(LINKED)
    assert await newcomers_of_sara(session) == ["⏳ amal"]


async def test_an_expired_link_is_refused_with_a_kind_line(session: Session) -> None:
    await session.onboard("sara")
    payload = await coach_link(session)
    await session.advance("P179D")
    await session.onboard("amal")
    assert to("amal", await session.say("amal", f"/start {payload}"))[0]["text"].startswith(
        LINKED)
    await session.advance("P2D")
    [refused] = await session.say("omid", f"/start {payload}", language_code="nl")
    # A new person: the line in their phone's language, then the start of onboarding.
    assert refused["text"].startswith("Deze link is verlopen. Vraag een nieuwe aan wie hem je "
                                      "gaf.\n\nKies je taal.")
    assert "Nederlands" in labels(refused)
    assert await newcomers_of_sara(session) == ["⏳ amal"]


BAD_PAYLOADS = [
    "hello", "c_", "_abc", "zz_AbCdEfGhIjKlMnOpQrStUv", "c_AbCdEfGhIjKlMnOpQrStUv",
    "c_" + "a" * (MAX_PAYLOAD - 1), "c_abc def", "c_ab!cd", "c_é1",
]


async def test_garbage_and_too_long_payloads_get_a_line_and_the_normal_start(
    session: Session,
) -> None:
    await session.onboard("sara")
    await coach_link(session)
    await session.onboard("omid")
    for number, payload in enumerate(BAD_PAYLOADS):
        [start] = await session.say(f"new{number}", f"/start {payload}")
        assert start["text"].startswith(f"{DOES_NOT_WORK}\n\nChoose your language."), payload
        [start] = await session.say("omid", f"/start {payload}")
        assert start["text"].startswith(f"{DOES_NOT_WORK}\n\nWelcome back!"), payload
    assert await query(session.app, select(coach_links)) == []


def test_a_payload_is_at_most_64_characters_of_telegrams_alphabet() -> None:
    longest = "c_" + "a" * (MAX_PAYLOAD - 2)
    assert prefix_of(longest) == "c"
    assert prefix_of(longest + "a") is None
    assert prefix_of("c_a-b_c") == "c" and prefix_of("C_abc") is None


async def test_a_coach_who_opens_their_own_link_is_told_so(session: Session) -> None:
    await session.onboard("sara")
    payload = await coach_link(session)
    [start] = await session.say("sara", f"/start {payload}")
    assert start["text"].startswith("This is your own link. Give it to newcomers: whoever "
                                    "opens it is linked to you.\n\nWelcome back!")
    assert await newcomers_of_sara(session) == []


async def test_a_link_opened_before_onboarding_asks_to_share_once_they_agree(
    session: Session,
) -> None:
    await session.onboard("sara")
    payload = await coach_link(session)
    [start] = await session.say("amal", f"/start {payload}")
    assert start["text"].startswith(f"{LINKED}\n\nChoose your language.")
    await session.press("amal", "English")
    await session.press("amal", 1)
    out = await session.press("amal", "Yes, I agree")
    assert [line["text"].split(".")[0] for line in out] == [
        "Thank you", "A coach will help you on your way to work"]
    await session.press("amal", "Yes, my coach may see it")
    assert await newcomers_of_sara(session) == ["amal"]
    # One share question for the one coach, not a second one from the sweep.
    asked = await query(session.app, select(reminders).where(reminders.c.kind == "share_request"))
    assert len(asked) == 1


async def test_someone_who_declines_is_linked_but_never_asked(session: Session) -> None:
    await session.onboard("sara")
    payload = await coach_link(session)
    await session.say("amal", f"/start {payload}")
    await session.press("amal", "English")
    await session.press("amal", 1)
    out = await session.press("amal", "No, thank you")
    assert "A coach will help you" not in texts(out)
    assert await newcomers_of_sara(session) == ["🔒 amal"]


async def test_a_newcomer_linked_by_the_admin_before_agreeing_is_asked_after(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.say("amal", "/start")
    assert await session.feed({"user": "sara", "link": "amal", "label": "Amal"}) == []
    await session.press("amal", "English")
    await session.press("amal", 1)
    out = await session.press("amal", "Yes, I agree")
    assert out[-1]["text"].startswith("A coach will help you on your way to work.")


async def test_a_single_use_code_opens_once(session: Session,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The router's single-use path, on a kind of link made for this test."""
    def grant(opening: Opening) -> Opened:
        return Opened([f"Ticket {opening.code.grants} for {opening.user.external_id}."],
                      used=True)

    ticket = PayloadKind("ticket", "t", grant, single_use=True, lifetime=timedelta(days=1))
    monkeypatch.setitem(deep_links.KINDS, "t", ticket)
    now = session.clock.now()
    issued = await session.app.store.run(lambda repo: issue(
        LinkCodes(repo.conn), "ticket", "t", None, grants="7", single_use=True, now=now,
        lifetime=ticket.lifetime))
    assert issued.payload.startswith("t_")
    [start] = await session.say("amal", f"/start {issued.payload}")
    assert start["text"].startswith("Ticket 7 for amal.\n\nChoose your language.")
    [start] = await session.say("omid", f"/start {issued.payload}")
    assert start["text"].startswith("This link was used already. Ask the person who gave it "
                                    "to you for a new one.\n\nChoose your language.")
    [code] = await query(session.app, select(link_codes))
    assert (code["uses"], code["used_at"]) == (1, now)


async def test_a_link_code_line_names_a_coach_who_has_not_started(session: Session) -> None:
    [error] = await session.feed({"link_code": "nobody"})
    assert error["error"] == "not found on simulate: nobody (they must start the bot first)"
    await session.onboard("sara")
    [error] = await session.feed({"link_code": "sara", "renew": "yes"})
    assert "renew" in error["error"]


def test_brug_link_code_prints_a_link_that_opens(tmp_path: Path) -> None:
    env = {"BRUG_DATA_DIR": str(tmp_path), "BRUG_BOT_USERNAME": "brug_test_bot"}
    runner = CliRunner()
    result = runner.invoke(main, ["link-code", "111"], env=env)
    assert result.exit_code == 1
    assert "not found on telegram: 111 (they must start the bot first)" in result.output

    async def start(user: str, text: str) -> list[str]:
        settings = Settings(data_dir=tmp_path)
        app = await build_app(settings, FakeClock(START))
        try:
            incoming = Incoming(channel="telegram", user=user, time=START, kind="command",
                                text=text, command="start", payload=text[7:] or None)
            return [reply.text for reply in (await app.handle(incoming)).replies]
        finally:
            await app.close()

    asyncio.run(start("111", "/start"))
    qr_file = tmp_path / "sara.png"
    result = runner.invoke(main, ["link-code", "111", "--qr", str(qr_file)], env=env)
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert re.fullmatch(r"https://t\.me/brug_test_bot\?start=c_[A-Za-z0-9_-]{22}", url)
    assert read_qr(qr_file.read_bytes())[0] == [url]
    payload = url.partition("?start=")[2]
    [opened] = asyncio.run(start("222", f"/start {payload}"))
    assert opened.startswith(LINKED)
    # Renewed: the link printed before no longer opens. Without the bot's username set, the
    # default names it and the operator is told.
    result = runner.invoke(main, ["link-code", "111", "--renew"],
                           env={**env, "BRUG_BOT_USERNAME": None})
    assert result.exit_code == 0
    assert result.stdout.startswith("https://t.me/brug_bot?start=c_")
    assert "BRUG_BOT_USERNAME is not set" in result.stderr
    [refused] = asyncio.run(start("333", f"/start {payload}"))
    assert refused.startswith("This link was replaced by a new one.")


async def test_the_coachs_link_screen_has_the_link_and_its_qr_image(
    session: Session, tmp_path: Path,
) -> None:
    await session.onboard("sara", language="Nederlands")
    [sara] = await query(session.app, select(users.c.id).where(users.c.external_id == "sara"))
    dutch = session.app.conversation.catalogs.get("nl").gettext
    now = session.clock.now()
    screen = await session.app.store.run(lambda repo: coach_link_screen(
        repo, sara["id"], now, bot_username="brug_bot", folder=tmp_path / "files", _=dutch))
    assert screen.text.startswith(f"Jouw link voor nieuwkomers:\n{screen.url}\n\n")
    assert not screen.image.exists()  # drawn after the transaction
    assert read_qr(screen.draw().read_bytes())[0] == [screen.url]
    image = screen.image_message("sara", "simulate")
    assert (image.kind, image.file, image.caption) == ("image", str(screen.image), screen.url)
    await session.onboard("amal")
    payload = screen.url.partition("?start=")[2]
    assert to("amal", await session.say("amal", f"/start {payload}"))[0]["text"].startswith(
        LINKED)
