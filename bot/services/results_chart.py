"""An event's results as a chart (PNG): one bar per question, split by answer. matplotlib is
imported only when a chart is drawn, with its non-interactive backend. Every label is drawn
with real glyphs (bot/services/chart_fonts.py): labels the fonts cannot draw are in English,
and a title they cannot draw is left off (the photo's caption carries it)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.i18n import N_
from bot.i18n.catalogs import Translator
from bot.services.chart_fonts import drawable, families
from bot.services.chart_text import on_chart
from bot.services.event_results import (
    FACES,
    SMILEY_QUESTIONS,
    SURVEY_ANSWERS,
    SURVEY_QUESTIONS,
    EventResults,
    answer_label,
    question_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Red to green for the faces, then for no / a bit / yes.
FACE_COLOURS = ("#c0392b", "#e67e22", "#7fb800", "#1e8449")
SURVEY_COLOURS = {"yes": "#1e8449", "bit": "#f1c40f", "no": "#c0392b"}


AXIS = N_("Share of the answers (%)")
# Every word a chart may show besides the event's title.
CHART_WORDS = (*SMILEY_QUESTIONS.values(), *SURVEY_QUESTIONS.values(),
               *(word for _face, word in FACES.values()), *SURVEY_ANSWERS.values(), AXIS)
IN_ENGLISH = N_("The chart's labels are in English: this server has no font for the "
                "letters of your language.")


@dataclass(frozen=True)
class ChartLabels:
    """How the chart's labels are translated, and a line for the person when they are not
    in the person's language (empty when they are)."""

    translate: Callable[[str], str]
    note: str = ""


def _english(text: str) -> str:
    return text


@cache
def _all_drawable(words: tuple[str, ...]) -> bool:
    # Once per language: laying Arabic script out takes a while, and this runs in the update.
    return all(drawable(on_chart(word)) for word in words)


def chart_labels(translator: Translator) -> ChartLabels:
    """In the person's language when the chart's fonts have its letters (chart_png lays
    right-to-left text out for drawing), else in English and saying so."""
    if _all_drawable(tuple(translator.gettext(word) for word in CHART_WORDS)):
        return ChartLabels(translator.gettext)
    return ChartLabels(_english, translator.gettext(IN_ENGLISH))


def _no_emoji(label: str) -> str:
    """The face's word only: the chart's font has no emoji."""
    return label.split(" ", 1)[1] if label[:1] and not label[:1].isalnum() else label


def chart_figure(results: EventResults, _: Callable[[str], str]) -> Figure:
    """The chart as a figure; `_` translates its labels, each laid out for drawing."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fonts = list(families())
    shown = [q for q in results.questions if q.answers or q.key in SMILEY_QUESTIONS]
    figure = Figure(figsize=(9, 1.6 + 0.6 * len(shown)), dpi=100)
    axes = figure.subplots()
    labels = []
    for row, question in enumerate(reversed(shown)):
        label = question_label(question.key, _)
        if question.index is not None:
            label += f" ({question.index}/100)"
        labels.append(on_chart(label))
        left = 0.0
        for position, (key, count) in enumerate(question.counts):
            if not question.answers or not count:
                continue
            share = 100 * count / question.answers
            colour = (FACE_COLOURS[position] if question.key in SMILEY_QUESTIONS
                      else SURVEY_COLOURS[key])
            axes.barh(row, share, left=left, color=colour,
                      label=on_chart(_no_emoji(answer_label(question.key, key, _))))
            axes.text(left + share / 2, row, str(count), ha="center", va="center",
                      color="white", fontsize=9, fontfamily=fonts)
            left += share
    axes.set_yticks(range(len(labels)), labels, fontfamily=fonts)
    axes.set_xlim(0, 100)
    axes.set_xlabel(on_chart(_(AXIS)), fontfamily=fonts)
    title = on_chart(results.title)
    if drawable(title):
        axes.set_title(title, fontfamily=fonts)
    handles, names = axes.get_legend_handles_labels()
    found = dict(zip(names, handles, strict=True))
    # The faces from worst to best, then no, a bit, yes: each once.
    order = [on_chart(_no_emoji(answer_label("overall", key, _))) for key in FACES] + [
        on_chart(_no_emoji(answer_label("staff", key, _))) for key in reversed(SURVEY_ANSWERS)]
    unique = {name: found[name] for name in order if name in found}
    if unique:
        axes.legend(list(unique.values()), list(unique.keys()), loc="upper center",
                    bbox_to_anchor=(0.5, -0.25), ncol=min(len(unique), 7),
                    prop=FontProperties(family=fonts, size=8), frameon=False)
    figure.tight_layout()
    return figure


def chart_png(results: EventResults, _: Callable[[str], str]) -> bytes:
    """The chart as a PNG image."""
    buffer = io.BytesIO()
    chart_figure(results, _).savefig(buffer, format="png")
    return buffer.getvalue()


def write_chart(results: EventResults, _: Callable[[str], str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(chart_png(results, _))
    return path
