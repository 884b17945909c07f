"""An event's results from its counts and its poll and survey answers: figures, the
distribution per question, a 0-100 index per smiley question, breakdowns of every question by
language and by time slot that hide every cell of fewer than 5 answers, and a short text for
screen readers.
Pure: no storage, no files; the question and answer keys the poll flows store are here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.i18n import N_, formats
from bot.i18n.languages import native_name
from bot.i18n.lists import grouped, listed
from bot.storage.event_review import Evaluation
from bot.storage.poll_answers import PollAnswer

# The smiley poll: two questions, each answered with one of four faces, stored "0".."3".
SMILEY_QUESTIONS: dict[str, str] = {
    "overall": N_("Overall satisfaction"),
    "access": N_("Could get there and follow it"),
}
FACES: dict[str, tuple[str, str]] = {
    "0": ("😞", N_("Very unhappy")),
    "1": ("🙁", N_("Unhappy")),
    "2": ("🙂", N_("Happy")),
    "3": ("😄", N_("Very happy")),
}
# What each face counts for in the index, which is their average.
FACE_SCORES: dict[str, int] = {"0": 0, "1": 33, "2": 67, "3": 100}
# The short survey: six questions answered yes, a bit or no.
SURVEY_QUESTIONS: dict[str, str] = {
    "staff": N_("Expertise of the staff"),
    "clarity": N_("Clarity of the information"),
    "value": N_("Added value"),
    "involved": N_("Feeling involved"),
    "network": N_("Network grown"),
    "confidence": N_("More confidence to approach people"),
}
SURVEY_ANSWERS: dict[str, str] = {"yes": N_("Yes"), "bit": N_("A bit"), "no": N_("No")}
# A breakdown cell with fewer answers could point at a person: it is never shown.
SMALL_CELL = 5
EVALUATION_NUMBERS: dict[str, str] = {
    "participants": N_("Participants"),
    "partners": N_("Partners or companies present"),
    "job_offers": N_("Job offers"),
    "second_interviews": N_("Second interviews"),
    "started_work": N_("People who started work"),
}
EVALUATION_TEXTS: dict[str, str] = {
    "went_well": N_("What went well"),
    "to_change": N_("What to change"),
}


@dataclass(frozen=True)
class Figures:
    """Invited: everyone on the list in any status (who opened the link and joined, waited or
    left); joined: who holds a place; attended: ticked as come; answered: who answered."""

    invited: int
    joined: int
    attended: int
    answered: int


@dataclass(frozen=True)
class Question:
    """One question's answers: how many, how many per answer key, and (smileys) the index."""

    key: str
    answers: int
    counts: tuple[tuple[str, int], ...]
    index: int | None


@dataclass(frozen=True)
class Cell:
    """One question within one language or time slot: a smiley question's index, a survey
    question's count per answer; `answers`, `index` and `counts` are empty when the cell has
    fewer than SMALL_CELL answers (hidden)."""

    group: str
    question: str
    answers: int | None
    index: int | None
    counts: tuple[tuple[str, int], ...] = ()

    @property
    def hidden(self) -> bool:
        return self.answers is None


@dataclass(frozen=True)
class EventResults:
    title: str
    starts_at: datetime
    figures: Figures
    questions: tuple[Question, ...]
    by_language: tuple[Cell, ...]
    by_slot: tuple[Cell, ...]
    evaluation: Evaluation | None


def face_index(faces: Sequence[str]) -> int | None:
    """The average of the faces' scores, rounded half up; None without answers."""
    scores = [FACE_SCORES[face] for face in faces if face in FACE_SCORES]
    if not scores:
        return None
    return (2 * sum(scores) + len(scores)) // (2 * len(scores))


def _question(key: str, answers: Sequence[PollAnswer], keys: Sequence[str]) -> Question:
    given = [a.answer for a in answers if a.question == key and a.answer in keys]
    counted = Counter(given)
    return Question(key, len(given), tuple((k, counted[k]) for k in keys),
                    face_index(given) if key in SMILEY_QUESTIONS else None)


def _cell(group: str, key: str, given: list[str]) -> Cell:
    if len(given) < SMALL_CELL:
        return Cell(group, key, None, None)
    if key in SMILEY_QUESTIONS:
        return Cell(group, key, len(given), face_index(given))
    counted = Counter(given)
    return Cell(group, key, len(given), None, tuple((k, counted[k]) for k in SURVEY_ANSWERS))


def _cells(answers: Sequence[PollAnswer], group_of: Callable[[PollAnswer], str]
           ) -> tuple[Cell, ...]:
    """Per group, the smiley questions, then each survey question somebody answered."""
    valid: dict[str, Collection[str]] = {
        **{key: FACE_SCORES.keys() for key in SMILEY_QUESTIONS},
        **{key: SURVEY_ANSWERS.keys() for key in SURVEY_QUESTIONS}}
    kept = [a for a in answers if a.question in valid and a.answer in valid[a.question]]
    asked = [*SMILEY_QUESTIONS,
             *(key for key in SURVEY_QUESTIONS if any(a.question == key for a in kept))]
    cells = []
    for group in sorted({group_of(a) for a in kept}):
        for key in asked:
            cells.append(_cell(group, key, [a.answer for a in kept
                                            if a.question == key and group_of(a) == group]))
    return tuple(cells)


def compute(title: str, starts_at: datetime, *, invited: int, joined: int, attended: int,
            answers: Sequence[PollAnswer], respondents: int,
            evaluation: Evaluation | None) -> EventResults:
    questions = tuple(
        [_question(key, answers, tuple(FACES)) for key in SMILEY_QUESTIONS]
        + [_question(key, answers, tuple(SURVEY_ANSWERS)) for key in SURVEY_QUESTIONS])
    return EventResults(
        title, starts_at, Figures(invited, joined, attended, respondents), questions,
        _cells(answers, lambda a: a.language), _cells(answers, lambda a: a.slot), evaluation)


def language_name(code: str) -> str:
    return native_name(code) if code else "?"


def answer_label(question: str, answer: str, _: Callable[[str], str]) -> str:
    if question in SMILEY_QUESTIONS:
        face, word = FACES[answer]
        return f"{face} {_(word)}"
    return _(SURVEY_ANSWERS[answer])


def question_label(question: str, _: Callable[[str], str]) -> str:
    return _(SMILEY_QUESTIONS.get(question) or SURVEY_QUESTIONS[question])


def _cell_lines(cells: tuple[Cell, ...], name: Callable[[str], str],
                _: Callable[[str], str], ngettext: Callable[[str, str, int], str]) -> list[str]:
    lines = []
    for group in dict.fromkeys(cell.group for cell in cells):
        parts = []
        for cell in cells:
            if cell.group != group:
                continue
            label = question_label(cell.question, _)
            if cell.hidden:
                parts.append(_("{question}: fewer than 5 answers").format(question=label))
            elif cell.index is None:
                parts.append(f"{label}: " + listed(
                    (f"{answer_label(cell.question, key, _)}: {count}"
                     for key, count in cell.counts), _))
            else:
                parts.append(ngettext("{question}: index {index} ({count} answer)",
                                      "{question}: index {index} ({count} answers)",
                                      cell.answers or 0).format(
                    question=label, index=cell.index, count=cell.answers))
        lines.append(f"{name(group)}: " + grouped(parts, _))
    return lines


def summary_text(results: EventResults, _: Callable[[str], str], locale: str,
                 ngettext: Callable[[str, str, int], str]) -> str:
    """The results in a few plain lines, for reading aloud; counts of answers by the
    language's plural rule (`ngettext`)."""
    figures = results.figures
    blocks = [
        _("Results of {title} ({date})").format(
            title=results.title, date=formats.long_date(results.starts_at, locale)),
        "\n".join((
            _("Invited: {count} (everyone who opened its link and joined, waited or left)")
            .format(count=figures.invited),
            _("Joined: {count}").format(count=figures.joined),
            _("Came: {count}").format(count=figures.attended),
            _("Answered: {count}").format(count=figures.answered))),
    ]
    for question in results.questions:
        if question.key in SURVEY_QUESTIONS and question.answers == 0:
            continue
        label = question_label(question.key, _)
        if question.answers == 0:
            blocks.append(_("{question}: no answers yet.").format(question=label))
            continue
        counts = listed((f"{answer_label(question.key, key, _)}: {count}"
                          for key, count in question.counts), _)
        if question.index is None:
            blocks.append(f"{label}: {counts}")
        else:
            blocks.append(ngettext("{question}: index {index} of 100, from {count} answer.",
                                   "{question}: index {index} of 100, from {count} answers.",
                                   question.answers).format(
                question=label, index=question.index, count=question.answers)
                + f"\n{counts}")
    if results.by_language:
        blocks.append("\n".join([_("By language:"),
                                 *_cell_lines(results.by_language, language_name, _,
                                             ngettext)]))
    if results.by_slot:
        blocks.append("\n".join([_("By time slot:"), *_cell_lines(
            results.by_slot, lambda slot: slot or _("no time slot"), _, ngettext)]))
    blocks.append(evaluation_text(results.evaluation, _))
    return "\n\n".join(blocks)


def evaluation_text(evaluation: Evaluation | None, _: Callable[[str], str]) -> str:
    if evaluation is None:
        return _("Your evaluation: not filled in yet.")
    lines = [_("Your evaluation:")]
    for field, label in EVALUATION_NUMBERS.items():
        value = getattr(evaluation, field)
        lines.append(f"{_(label)}: {'–' if value is None else value}")
    for field, label in EVALUATION_TEXTS.items():
        lines.append(f"{_(label)}: {getattr(evaluation, field) or '–'}")
    return "\n".join(lines)
