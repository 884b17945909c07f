"""docs/privacy.md, the record for the data-protection officer, names every table and column of
the schema: a new one without its line there fails here, with the line to add."""

from __future__ import annotations

import re
from pathlib import Path

from bot.storage.tables import metadata

DOC = Path(__file__).resolve().parent.parent / "docs" / "privacy.md"
SECTION = re.compile(r"^## `(?P<table>\w+)`\s*$")
LINE = re.compile(r"^\| `(?P<column>\w+)` \|(?P<rest>.*)\|\s*$")
CELLS = 5  # what it holds, purpose, legal basis, who can read it, kept


def documented(text: str) -> dict[str, dict[str, list[str]]]:
    """Per table, per column, the cells of its line."""
    tables: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        if section := SECTION.match(line):
            current = tables.setdefault(section["table"], {})
        elif current is not None and (row := LINE.match(line)):
            current[row["column"]] = [cell.strip() for cell in row["rest"].split("|")]
    return tables


def problems(text: str) -> list[str]:
    doc = documented(text)
    found = []
    for table in metadata.sorted_tables:
        columns = doc.get(table.name)
        if columns is None:
            found.append(f"table {table.name} has no section: add '## `{table.name}`', a line "
                         "on what it is for, the header "
                         "'| column | what it holds | purpose | legal basis | who can read it "
                         "| kept |' and '|---|---|---|---|---|---|', then one line per column")
            columns = {}
        for column in table.columns:
            if column.name not in columns:
                found.append(f"column {table.name}.{column.name} has no line: add under "
                             f"'## `{table.name}`' the line '| `{column.name}` | what it holds "
                             "| purpose | legal basis (art. 6(1)(a) consent or (e) public task) "
                             "| who can read it | how long it is kept |'")
            elif len(cells := columns[column.name]) != CELLS or not all(cells):
                found.append(f"the line of {table.name}.{column.name} needs {CELLS} filled "
                             "cells: what it holds, purpose, legal basis, who can read it, kept")
        for name in set(columns) - {column.name for column in table.columns}:
            found.append(f"{table.name}.{name} is documented but not in the schema: remove its "
                         "line")
    for name in set(doc) - {table.name for table in metadata.sorted_tables}:
        found.append(f"table {name} is documented but not in the schema: remove its section")
    return found


def test_every_table_and_column_of_the_schema_has_its_line_in_the_privacy_record() -> None:
    missing = problems(DOC.read_text(encoding="utf-8"))
    assert not missing, "docs/privacy.md is incomplete:\n" + "\n".join(missing)


def test_a_column_without_its_line_is_named_with_the_line_to_add() -> None:
    text = DOC.read_text(encoding="utf-8")
    without = "\n".join(line for line in text.splitlines()
                        if not line.startswith("| `consent_at` |"))
    assert problems(without) == [
        "column users.consent_at has no line: add under '## `users`' the line '| `consent_at` "
        "| what it holds | purpose | legal basis (art. 6(1)(a) consent or (e) public task) | "
        "who can read it | how long it is kept |'"]
    no_section = text.replace("## `reminders`", "## reminders")
    assert any(problem.startswith("table reminders has no section")
               for problem in problems(no_section))
