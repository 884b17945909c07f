"""A scan of every value of every column of every table, for what an erasure must leave
nothing of: the person's texts and names, and their id wherever a column points at a person."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import MetaData, Table, inspect, select

from tests.harness import Session

Found = tuple[str, str, Any]


async def everything_stored(session: Session) -> list[Found]:
    """Every value of every column of every table in the database, read back as stored."""
    def read(repo: Any) -> list[Found]:
        found = []
        for name in inspect(repo.conn).get_table_names():
            table = Table(name, MetaData(), autoload_with=repo.conn)
            for row in repo.conn.execute(select(table)).mappings():
                found += [(name, column, value) for column, value in row.items()]
        return found
    return await session.app.store.run(read)


def person_columns() -> set[tuple[str, str]]:
    """The (table, column) pairs that hold a person's id: every foreign key to users.id."""
    from bot.storage.tables import metadata

    return {(table.name, column.name) for table in metadata.tables.values()
            for column in table.columns
            if any(key.target_fullname == "users.id" for key in column.foreign_keys)}


def traces(stored: list[Found], texts: list[str], person_id: int,
           id_columns: set[str] | None = None) -> list[Found]:
    """The values that name the person (one of `texts`) or hold their id: in a column that
    points at a person, in a list of coaches told (`notified`), as a reminder's coach, or
    as a newcomer counted in a coach's digest."""
    pointing = person_columns()
    found = []
    for table, column, value in stored:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                                default=str)
        named = any(text in shown for text in texts)
        by_id = value == person_id and ((table, column) in pointing
                                        or column in (id_columns or set()))
        told = column == "notified" and isinstance(value, list) and person_id in value
        as_coach = f'"coach": {person_id}' in shown or f'"coach": "{person_id}"' in shown
        # A coach's digest counts steps per newcomer, by their id.
        counted = column == "digest_counts" and str(person_id) in (value or {})
        if named or by_id or told or as_coach or counted:
            found.append((table, column, value))
    return found
