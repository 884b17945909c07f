"""The results chart has real letters in all twelve languages: an organiser presses Results and
every character of every label on the chart is in a font the chart is drawn with (no empty
boxes), Tigrinya's Ethiopic letters and Pashto's ۍ included. Without an Ethiopic font the
chart of a Tigrinya speaker is labelled in English and the message says so in Tigrinya."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from bot.i18n.languages import PICKER_ORDER, native_name
from bot.services import chart_fonts, results_chart
from bot.services.chart_text import on_chart
from tests.harness import Session
from tests.test_events import invite
from tests.test_results_chart import an_event_with_answers, keep_figures

# An event title in each language's own script.
TITLES = {
    "en": "Job day in Ostend", "nl": "Jobdag in Oostende", "fr": "Journée de l'emploi à Ostende",
    "ar": "يوم التوظيف في أوستند", "fa_AF": "روز کاریابی در اوستنده",
    "ps": "د دندو لومړۍ ورځ په اوستنده کې", "ti": "ናይ ስራሕ መዓልቲ ኣብ ኦስተንደ",
    "so": "Maalinta shaqada ee Ostend", "uk": "Ярмарок вакансій в Остенде",
    "ru": "Ярмарка вакансий в Остенде", "tr": "İş günü ve ağ kurma",
    "es": "Feria de empleo en Ostende",
}


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Session]:
    """On SQLite only: what the chart draws does not depend on the database."""
    sim = await Session.open(f"sqlite:///{tmp_path / 'brug.db'}")
    yield sim
    await sim.close()


def _clear_font_caches() -> None:
    for found in (chart_fonts.font_files, chart_fonts._characters, chart_fonts.families,
                  results_chart._all_drawable):
        found.cache_clear()


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    return keep_figures(monkeypatch)


def missing_glyphs(figure: Figure) -> list[str]:
    """Each character of a text on the figure that none of that text's fonts has: what
    matplotlib would draw as an empty box."""
    missing = []
    for text in figure.findobj(Text):
        assert isinstance(text, Text)
        characters: set[int] = set()
        for family in text.get_fontproperties().get_family():
            one = text.get_fontproperties().copy()
            one.set_family(family)
            path = font_manager.findfont(one, fallback_to_default=False)
            characters.update(FT2Font(path).get_charmap())
        missing += [f"{char!r} in {text.get_text()!r}" for char in text.get_text()
                    if ord(char) not in characters]
    return missing


async def press_results(session: Session, user: str, language: str) -> list[dict[str, Any]]:
    """An organiser speaking `language` with an event that has answers presses Results."""
    payload = await invite(session)
    await session.onboard(user, native_name(language))
    await session.say(user, f"/start {payload}")
    tr = session.app.conversation.catalogs.get(language).gettext
    await an_event_with_answers(session, user, TITLES[language])
    await session.say(user, "/menu")
    await session.press(user, tr("My events"))
    await session.press(user, f"⚙️ {TITLES[language]}")
    return await session.press(user, tr("📊 Results"))


@pytest.mark.parametrize("language", PICKER_ORDER)
async def test_every_letter_on_the_chart_is_drawn_in_every_language(
    session: Session, figures: list[Figure], language: str,
) -> None:
    translator = session.app.conversation.catalogs.get(language)
    tr = translator.gettext
    if results_chart.chart_labels(translator).note:
        assert language == "ti", "only Ethiopic needs a font the system may lack"
        pytest.skip("no Ethiopic font here (the fonts-sil-abyssinica package): a Tigrinya "
                    "speaker's chart is labelled in English, as the next test checks")
    title = on_chart(TITLES[language])
    if not chart_fonts.drawable(title):
        assert language == "ps", "only Pashto's ۍ needs a font the system may lack"
        pytest.skip("no font with Pashto's ۍ here (the fonts-sil-scheherazade package): "
                    "the title is left off the chart, in the photo's caption only")

    out = await press_results(session, "amina", language)

    assert [line for line in out if line["kind"] == "image"]
    assert tr(results_chart.IN_ENGLISH) not in out[0]["text"]
    [figure] = figures
    assert missing_glyphs(figure) == []
    axes = figure.axes[0]
    assert axes.get_title() == title
    assert [label.get_text() for label in axes.get_yticklabels()] == [
        on_chart(tr("Expertise of the staff")), on_chart(tr("Could get there and follow it")),
        on_chart(tr("Overall satisfaction") + " (61/100)")]
    assert axes.get_xlabel() == on_chart(tr("Share of the answers (%)"))
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [
        on_chart(tr(word)) for word in ("Very unhappy", "Unhappy", "Happy", "Very happy", "Yes")]


@pytest.fixture
def no_extra_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A system with no font but matplotlib's own."""
    monkeypatch.setattr(chart_fonts, "FONT_FOLDERS", (tmp_path,))
    _clear_font_caches()
    yield
    monkeypatch.undo()
    _clear_font_caches()


async def test_without_an_ethiopic_font_a_tigrinya_chart_is_in_english_and_says_so(
    session: Session, figures: list[Figure], no_extra_fonts: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ti = session.app.conversation.catalogs.get("ti").gettext
    with caplog.at_level(logging.WARNING, logger=chart_fonts.__name__):
        out = await press_results(session, "senait", "ti")
        again = await session.press("senait", ti("📊 Results"))

    # In Tigrinya, after the results: the chart's labels are in English, and why.
    for said in (out, again):
        assert said[0]["text"].endswith("\n\n" + ti(results_chart.IN_ENGLISH))
        assert ti(results_chart.IN_ENGLISH) != results_chart.IN_ENGLISH
        [image] = [line for line in said if line["kind"] == "image"]
        assert image["caption"] == TITLES["ti"]
    for figure in figures:
        assert missing_glyphs(figure) == []
        axes = figure.axes[0]
        assert axes.get_title() == ""  # in the caption only
        assert [label.get_text() for label in axes.get_yticklabels()] == [
            "Expertise of the staff", "Could get there and follow it",
            "Overall satisfaction (61/100)"]
        assert axes.get_xlabel() == "Share of the answers (%)"
        assert [text.get_text() for text in axes.get_legend().get_texts()] == [
            "Very unhappy", "Unhappy", "Happy", "Very happy", "Yes"]
    assert len(figures) == 2
    # Said once to whoever runs the bot, with what to install.
    warned = [r.getMessage() for r in caplog.records if "Ethiopic" in r.getMessage()]
    assert len(warned) == 1
    assert "fonts-sil-abyssinica" in warned[0]
