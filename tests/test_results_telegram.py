"""An organiser reads an event's results on Telegram (aiogram against the fake Bot API
server): the text, the chart as a photo and the CSV file as a document arrive."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from bot.storage.gatherings import Gatherings, NewGathering
from bot.storage.poll_answers import PollAnswer, PollAnswers
from bot.storage.tables import users
from tests.test_events_telegram import next_saying
from tests.test_telegram import CHAT, Running, telegram

__all__ = ["telegram"]
FACES = ["3", "2", "2", "1", "3", "0"]


async def an_event_with_answers(running: Running) -> None:
    """An event of the chat's person, with six answers to the first smiley question."""

    def add(repo: Any) -> None:
        organiser = repo.conn.execute(select(users.c.id).where(
            users.c.external_id == str(CHAT))).scalar_one()
        now = running.app.clock.now()
        event = Gatherings(repo.conn).add(organiser, NewGathering(
            title="Jobdate Brugge", kind="jobdate", starts_at=now - timedelta(hours=3),
            ends_at=now - timedelta(hours=1), place="Markt 1, Brugge", online_url=None,
            languages=("nl",), capacity=40, bring="", reminder_plan=()), now)
        answers = PollAnswers(repo.conn)
        for number, face in enumerate(FACES):
            answers.record(event, f"token{number}", PollAnswer("overall", face, "nl"))

    await running.app.store.run(add)


async def test_the_results_arrive_as_text_chart_photo_and_csv_document(
    telegram: Running,
) -> None:
    await telegram.app.set_role("telegram", str(CHAT), "organiser")
    await telegram.fake.send_command(CHAT, "/start")
    await telegram.press(await next_saying(telegram, "Choose your language"), "English")
    await telegram.press(await next_saying(telegram, "Hello"), "Continue")
    await telegram.press(await next_saying(telegram, "Before we start"), "Yes, I agree")
    await next_saying(telegram, "Thank you.", "My events")
    await an_event_with_answers(telegram)
    await telegram.press(await next_saying(telegram, "Thank you."), "My events")
    await telegram.press(await next_saying(telegram, "Your events:"), "⚙️ Jobdate Brugge")
    await telegram.press(await next_saying(telegram, "Jobdate Brugge", "📊 Results"),
                         "📊 Results")
    text = await next_saying(telegram, "Results of Jobdate Brugge")
    assert f"Answered: {len(FACES)}" in text["text"]

    async def sent(kind: str) -> dict[str, Any] | None:
        return next((m for m in await telegram.messages() if m.get(kind)), None)

    photo = await telegram.fake.wait_for(lambda: sent("photo"), timeout=20)
    document = await telegram.fake.wait_for(lambda: sent("document"), timeout=20)
    assert photo["caption"] == "Jobdate Brugge"
    assert document["caption"] == "The results as a table (CSV)"
    assert document["document"]["file_name"].endswith(".csv")
    # The files that were uploaded: a PNG, and a CSV with every face counted.
    table = Path(telegram.app.files) / document["document"]["file_name"]
    with Image.open(table.with_suffix(".png")) as image:
        assert image.format == "PNG"
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    counted = {row["group"]: int(row["answers"]) for row in rows
               if row["section"] == "distribution" and row["question"] == "overall"}
    assert counted == {face: FACES.count(face) for face in "0123"}
