"""The readers of a table that holds at most one row a workshop, each with its id (the check-ins, the surveys):
every row, one by its id, the workshop's. Each runs over the connection it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import sqlalchemy as sa

Row = TypeVar("Row")


@dataclass(frozen=True)
class Rows(Generic[Row]):
    """The rows of ``table``, each read as ``make`` makes it."""

    table: sa.Table
    make: Callable[[sa.RowMapping], Row]

    def every(self, conn: sa.Connection) -> list[Row]:
        """Every row, by cycle and workshop."""
        t = self.table
        return [self.make(r) for r in conn.execute(sa.select(t).order_by(t.c.cycle, t.c.workshop)).mappings()]

    def by_id(self, conn: sa.Connection, id_: str) -> Row | None:
        return self._first(conn, self.table.c.id == str(id_))

    def of_workshop(self, conn: sa.Connection, cycle: str, workshop: int) -> Row | None:
        t = self.table
        return self._first(conn, t.c.cycle == str(cycle), t.c.workshop == int(workshop))

    def _first(self, conn: sa.Connection, *where: sa.ColumnElement[bool]) -> Row | None:
        row = conn.execute(sa.select(self.table).where(*where)).mappings().first()
        return self.make(row) if row is not None else None
