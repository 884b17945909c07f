"""The smiley poll on Telegram, end to end: `brug run` as an operator runs it, against the
fake Bot API server. A newcomer who speaks Arabic joins an event by its link; at the event's
end the poll goes out by itself; she presses two faces; the answers are stored under a keyed
token, apart from her."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import create_engine, select, update

from bot.app_polls import schedule_poll
from bot.cli import main
from bot.flows.gathering_link import new_event_link
from bot.i18n.catalogs import Catalogs
from bot.storage.gatherings import Gatherings, NewGathering
from bot.storage.link_codes import LinkCodes
from bot.storage.repository import SqlRepository
from bot.storage.tables import events, users
from tests.brug_process import BOUND, BrugProcess, brug_env, stored
from tests.fake_telegram.server import FakeTelegram
from tests.test_telegram import buttons

ORGANISER, AMAL = 7171, 6161
KEY = "a long secret for the poll tokens of this test"
TITLE = "Jobdate Brugge"
FACES = ("😞", "🙁", "🙂", "😄")
ar = Catalogs().get("ar").gettext


async def said(fake: FakeTelegram, chat: int, text: str, *, after: int = 0,
               faces: bool = False) -> dict[str, Any]:
    """The newest bot message in the chat, newer than message `after`, that holds `text`
    (and, with `faces`, has the four face buttons); waits for it."""

    async def found() -> dict[str, Any] | None:
        for message in reversed(await fake.bot_messages(chat)):
            labels = [button["text"] for button in buttons(message)]
            if message["message_id"] > after and text in (message.get("text") or "") and (
                    not faces or [label[:1] for label in labels[:4]] == list(
                        FACES)):
                return message
        return None

    message: dict[str, Any] = await fake.wait_for(found, timeout=BOUND)
    return message


async def press(fake: FakeTelegram, chat: int, message: dict[str, Any], label: str,
                language: str = "en") -> None:
    [data] = [b["callback_data"] for b in buttons(message) if b["text"].startswith(label)]
    await fake.press(chat, message["message_id"], data, language_code=language)


async def onboard(fake: FakeTelegram, chat: int, language: str, payload: str | None = None
                  ) -> None:
    """/start (with a link's payload), the language, the intro, the consent: each press on
    the question it answers."""
    await fake.send_command(chat, "/start", payload, language_code=language)
    picker = await said(fake, chat, "")
    await press(fake, chat, picker, buttons(picker)[0]["text"], language)
    intro = await said(fake, chat, "", after=picker["message_id"])
    await press(fake, chat, intro, buttons(intro)[0]["text"], language)
    consent = await said(fake, chat, "", after=intro["message_id"])
    await press(fake, chat, consent, buttons(consent)[0]["text"], language)
    await said(fake, chat, "", after=consent["message_id"])


def in_the_database(db: Path, work: Any) -> Any:
    """Work on the bot's SQLite file beside the running process, as one transaction."""
    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 60})
    try:
        with engine.begin() as conn:
            return work(conn)
    finally:
        engine.dispose()


def an_event_in_an_hour(conn: Any, folder: Path) -> tuple[int, str]:
    """The organiser's event (in an hour, for two hours) and its join link's payload."""
    organiser = conn.execute(select(users.c.id).where(
        users.c.external_id == str(ORGANISER))).scalar_one()
    now = datetime.now(UTC)
    store = Gatherings(conn)
    number = store.add(organiser, NewGathering(
        title=TITLE, kind="jobdate", starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=3), place="Markt 1, Brugge", online_url=None,
        languages=("nl", "ar"), capacity=40, bring="", reminder_plan=()), now)
    event = store.get(number)
    assert event is not None
    link = new_event_link(LinkCodes(conn), event, now, bot_username="brug_bot", folder=folder)
    return number, link.url.partition("?start=")[2]


def the_event_ends_now(conn: Any, number: int) -> None:
    """The event's hours pass: the process runs on the real clock, so its start and end move
    to the past, and its poll is due at its end, as when the organiser saved it."""
    now = datetime.now(UTC)
    conn.execute(update(events).where(events.c.id == number).values(
        starts_at=now - timedelta(hours=2), ends_at=now - timedelta(seconds=1)))
    event = Gatherings(conn).get(number)
    assert event is not None
    schedule_poll(SqlRepository(conn), event.organiser_id, event, now)


async def test_the_poll_goes_out_at_the_end_and_a_pressed_face_is_stored_anonymously(
    fake_telegram: FakeTelegram, tmp_path: Path,
) -> None:
    fake = fake_telegram
    env = brug_env(fake.token, fake.api_base, tmp_path, sweep_interval_seconds="1",
                   poll_key=KEY)
    db = tmp_path / "brug.db"
    bot = await BrugProcess.start(env)
    try:
        invited = await asyncio.to_thread(CliRunner().invoke, main, ["invite", "organiser"],
                                          env=env)
        assert invited.exit_code == 0, invited.output
        await onboard(fake, ORGANISER, "en", invited.stdout.strip().partition("?start=")[2])
        number, payload = in_the_database(db, lambda conn: an_event_in_an_hour(
            conn, tmp_path / "files"))

        # Amal opens the event's link: onboarding in Arabic, then the event; she joins.
        await onboard(fake, AMAL, "ar", payload)
        event = await said(fake, AMAL, "Markt 1, Brugge")
        await press(fake, AMAL, event, "✅", "ar")
        await said(fake, AMAL, ar("You joined: {title}. I will remind you before it starts.")
                   .format(title=TITLE))

        in_the_database(db, lambda conn: the_event_ends_now(conn, number))
        told = await said(fake, ORGANISER, f"The poll about {TITLE} goes out now")
        assert told["text"].startswith(f"The poll about {TITLE} goes out now to the 1 person")
        overall = await said(fake, AMAL, "", faces=True)
        assert TITLE in overall["text"]
        words = [button["text"][2:] for button in buttons(overall)[:4]]
        assert all(any("\u0621" <= char <= "\u064a" for char in word) for word in words)
        await press(fake, AMAL, overall, "😄", "ar")
        access = await said(fake, AMAL, "", after=overall["message_id"], faces=True)
        await press(fake, AMAL, access, "🙁", "ar")

        def counted() -> list[tuple[object, ...]]:
            return stored(db, "SELECT question, answer, language, token FROM poll_answers "
                          "ORDER BY question")

        rows = await fake.wait_for(lambda: len(counted()) == 2 and counted(), timeout=BOUND)
    finally:
        assert await bot.stop() == 0, bot.stderr()
    # Counted apart from Amal: her language and the faces, under a token made with a key
    # that is not in the database; her own record knows only that she answered.
    [(amal, state)] = stored(db, f"SELECT id, state FROM users WHERE external_id = '{AMAL}'")
    token = hmac.new(KEY.encode(), f"{amal}:{number}".encode(), hashlib.sha256).hexdigest()
    assert rows == [("access", "1", "ar", token), ("overall", "3", "ar", token)]
    [run] = json.loads(str(state))["instances"]["event_poll"].values()
    assert run["answers"] == {"overall": "answered", "access": "answered"}
    assert await fake.errors() == [], "the bot made calls real Telegram would refuse"
