"""The results chart in the organiser's language: an organiser who speaks Arabic presses
Results and gets a chart whose labels are in Arabic, with the letters joined and in display
order (matplotlib does neither by itself), and drawn without a missing letter."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import arabic_reshaper
import pytest
from bidi.algorithm import get_display
from PIL import Image
from sqlalchemy import select

from bot.services import results_chart
from bot.storage.gatherings import Gatherings, NewGathering
from bot.storage.poll_answers import PollAnswer, PollAnswers
from bot.storage.tables import users
from tests.harness import Session
from tests.test_events import invite

TITLE = "يوم التوظيف في أوستند"
FACES = ["3", "2", "2", "1", "3", "0"]


def drawn(text: str) -> str:
    """Arabic as a left-to-right renderer must get it: joined letters, display order."""
    return str(get_display(arabic_reshaper.reshape(text)))


def joined_letters(text: str) -> bool:
    """Arabic presentation forms (the joined shapes), not the plain letters."""
    return any("\ufb50" <= char <= "\ufeff" for char in text) and not any(
        "\u0621" <= char <= "\u064a" for char in text)


async def an_event_with_answers(session: Session, organiser: str, title: str = TITLE) -> None:
    def add(repo: Any) -> None:
        owner = repo.conn.execute(select(users.c.id).where(
            users.c.external_id == organiser)).scalar_one()
        now = session.clock.now()
        event = Gatherings(repo.conn).add(owner, NewGathering(
            title=title, kind="jobdate", starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(hours=3), place="Vrijhavenstraat 1, Oostende",
            online_url=None, languages=("ar",), capacity=40, bring="", reminder_plan=()),
            now)
        answers = PollAnswers(repo.conn)
        for number, face in enumerate(FACES):
            answers.record(event, f"t{number}", PollAnswer("overall", face, "ar"))
            answers.record(event, f"t{number}", PollAnswer("staff", "yes", "ar"))

    await session.app.store.run(add)


def keep_figures(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The charts drawn from now on, kept to look at their texts."""
    figures: list[Any] = []
    draw = results_chart.chart_figure

    def keep(*args: Any) -> Any:
        figures.append(draw(*args))
        return figures[-1]

    monkeypatch.setattr(results_chart, "chart_figure", keep)
    return figures


async def test_an_arabic_speaking_organiser_gets_a_chart_labelled_in_joined_arabic(
    session: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    figures = keep_figures(monkeypatch)
    payload = await invite(session)
    await session.onboard("amina", "العربية")
    await session.say("amina", f"/start {payload}")
    ar = session.app.conversation.catalogs.get("ar").gettext
    await an_event_with_answers(session, "amina")
    await session.say("amina", "/menu")
    await session.press("amina", ar("My events"))
    await session.press("amina", f"⚙️ {TITLE}")
    out = await session.press("amina", ar("📊 Results"))
    [image] = [line for line in out if line["kind"] == "image"]
    with Image.open(image["file"]) as png:  # drawn with every letter (warnings are errors)
        assert png.format == "PNG"

    [figure] = figures
    axes = figure.axes[0]
    rows = [label.get_text() for label in axes.get_yticklabels()]
    # Bottom to top: the survey question that was answered, then the two smiley questions.
    assert rows == [drawn(ar("Expertise of the staff")),
                    drawn(ar("Could get there and follow it")),
                    drawn(ar("Overall satisfaction") + " (61/100)")]
    # The index, after the words in reading order: at the left, its brackets the right way.
    assert rows[-1].startswith("(61/100) ")
    assert axes.get_title() == drawn(TITLE)
    assert axes.get_xlabel() == drawn(ar("Share of the answers (%)"))
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert legend == [drawn(ar(word)) for word in (
        "Very unhappy", "Unhappy", "Happy", "Very happy", "Yes")]
    for text in [*rows, axes.get_title(), *legend]:
        assert joined_letters(text.replace(" (61/100)", "")), text
