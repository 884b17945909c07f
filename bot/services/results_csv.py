"""An event's results as a CSV file: the figures, each question's answers and index, the
breakdowns (hidden cells say so, with no count) and the organiser's evaluation. Keys in
English, one row each, so a spreadsheet or a script reads it the same in every language.
A breakdown row of a survey question counts one answer, named in `value` ("yes", "bit",
"no"); a hidden cell is one row with "fewer than 5" there."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from pathlib import Path

from bot.services.event_results import Cell, EventResults

HEADER = ("section", "question", "group", "answers", "index", "value")
HIDDEN = "fewer than 5"


def _cells(section: str, cells: tuple[Cell, ...]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for cell in cells:
        if cell.counts:
            rows += [(section, cell.question, cell.group, count, "", answer)
                     for answer, count in cell.counts]
        else:
            rows.append((section, cell.question, cell.group,
                         "" if cell.hidden else cell.answers,
                         "" if cell.index is None else cell.index, HIDDEN if cell.hidden else ""))
    return rows


def results_csv(results: EventResults) -> str:
    rows: list[tuple[object, ...]] = [
        ("event", "title", "", "", "", results.title),
        ("event", "starts_at", "", "", "", results.starts_at.isoformat()),
    ]
    rows += [("figures", field.name, "", getattr(results.figures, field.name), "", "")
             for field in fields(results.figures)]
    for question in results.questions:
        rows += [("distribution", question.key, key, count, "", "")
                 for key, count in question.counts]
        if question.index is not None:
            rows.append(("index", question.key, "", question.answers, question.index, ""))
    rows += _cells("by_language", results.by_language)
    rows += _cells("by_slot", results.by_slot)
    if results.evaluation is not None:
        rows += [("evaluation", field.name, "", "", "",
                  "" if (value := getattr(results.evaluation, field.name)) is None else value)
                 for field in fields(results.evaluation)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(results: EventResults, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # With a byte-order mark, so a spreadsheet opens the names in any script right.
    path.write_text(results_csv(results), encoding="utf-8-sig")
    return path
