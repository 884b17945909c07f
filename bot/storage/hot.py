"""The statements every update runs, compiled once and executed on SQLite's own cursor.

On these small statements SQLAlchemy's execution of an already compiled statement (execution
context, result object, events) costs three to four times what SQLite itself spends, and
every update runs three of them (see BENCHMARKS.md). They stay SQLAlchemy Core: SQLAlchemy
compiles them for the dialect, and every value goes through its column type's own bind and
result processors, so what is stored and read back is exactly what `Connection.execute`
stores and reads. Other backends take the usual `Connection.execute`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Select
from sqlalchemy.sql.dml import UpdateBase


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # The parameters' values in the order of the SQL's placeholders, as a tuple.
    values: Callable[[Mapping[str, Any]], tuple[Any, ...]]
    # Only the values that need converting through their column type, by position, and
    # only the result's columns that do, by name: most are texts and numbers, passed as
    # they are, and every update runs these statements several times.
    binds: tuple[tuple[int, Callable[[Any], Any]], ...]
    keys: tuple[str, ...]  # the result's columns
    results: tuple[tuple[str, Callable[[Any], Any]], ...]
    # Values written into the statement (`status != "left"`, `limit(1)`), by parameter name;
    # a value given at execution wins, as with `Connection.execute`.
    defaults: Mapping[str, Any]

    def args(self, params: Mapping[str, Any]) -> list[Any]:
        if self.defaults:
            params = {**self.defaults, **params}
        values = list(self.values(params))
        for index, bind in self.binds:
            values[index] = bind(values[index])
        return values

    def mapping(self, row: tuple[Any, ...]) -> dict[str, Any]:
        found = dict(zip(self.keys, row, strict=True))
        for key, process in self.results:
            found[key] = process(found[key])
        return found


class HotStatement:
    """A Core statement with bind parameters that runs on SQLite's cursor, inside the
    connection's transaction."""

    def __init__(self, statement: Select[Any] | UpdateBase) -> None:
        self.statement = statement
        self._sqlite: _Compiled | None = None

    def execute(self, conn: Connection, params: Mapping[str, Any]) -> None:
        if conn.dialect.name != "sqlite":
            conn.execute(self.statement, params)
            return
        compiled = self._compiled(conn)
        self._cursor(conn).execute(compiled.sql, compiled.args(params))

    def execute_many(self, conn: Connection, params: Sequence[Mapping[str, Any]]) -> None:
        """The statement once for each set of parameters, in one call to the driver."""
        if not params:
            return
        if conn.dialect.name != "sqlite":
            conn.execute(self.statement, list(params))
            return
        compiled = self._compiled(conn)
        self._cursor(conn).executemany(compiled.sql, [compiled.args(one) for one in params])

    def first(self, conn: Connection, params: Mapping[str, Any]) -> dict[str, Any] | None:
        """The first row as a dict of column name to value, or None."""
        if conn.dialect.name != "sqlite":
            row = conn.execute(self.statement, params).mappings().first()
            return None if row is None else dict(row)
        compiled = self._compiled(conn)
        found = self._cursor(conn).execute(compiled.sql, compiled.args(params)).fetchone()
        return None if found is None else compiled.mapping(found)

    def all(self, conn: Connection, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every row, each as a dict of column name to value."""
        if conn.dialect.name != "sqlite":
            return [dict(row) for row in conn.execute(self.statement, params).mappings()]
        compiled = self._compiled(conn)
        found = self._cursor(conn).execute(compiled.sql, compiled.args(params)).fetchall()
        return [compiled.mapping(row) for row in found]

    def _compiled(self, conn: Connection) -> _Compiled:
        if self._sqlite is None:
            self._sqlite = _compile(self.statement, conn.dialect)
        return self._sqlite

    @staticmethod
    def _cursor(conn: Connection) -> Any:
        # SQLite's cursor runs in whatever transaction its connection has open: the store
        # began one, and SQLAlchemy never saw these statements, so check it is there.
        if not conn.in_transaction():
            raise RuntimeError("a hot statement runs only inside the store's transaction")
        driver = conn.connection.driver_connection
        assert driver is not None  # an open connection has its driver's connection
        return driver


def _compile(statement: Select[Any] | UpdateBase, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ())
    binds = (compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
             for name in names)
    columns = list(statement.exported_columns)  # what a SELECT or a RETURNING gives back
    keys = tuple(str(column.key) for column in columns)
    results = (column.type.dialect_impl(dialect).result_processor(dialect, None)
               for column in columns)
    return _Compiled(
        sql=compiled.string,
        values=_values(names),
        binds=tuple((index, bind) for index, bind in enumerate(binds) if bind),
        keys=keys,
        # A name given twice takes the last column's value, and so its conversion.
        results=tuple((key, process) for key, process
                      in dict(zip(keys, results, strict=True)).items() if process),
        defaults={name: compiled.binds[name].effective_value for name in names
                  if not compiled.binds[name].required},
    )


def _values(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """Picks the named values out of the parameters, in order (`itemgetter` gives a single
    value alone, not in a tuple)."""
    if len(names) > 1:
        return itemgetter(*names)
    if names:
        one = itemgetter(names[0])
        return lambda params: (one(params),)
    return lambda params: ()
