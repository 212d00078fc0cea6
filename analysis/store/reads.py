"""Reading the store: the dataset the dashboard shows, the schedule alone, the office's localities.

Each function reads over the connection it is given; none writes.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from analysis.dataset import Dataset, as_dates, dataset_frames
from analysis.fields import CANONICAL_COLUMNS, TableKind
from analysis.sample import SAMPLE_AS_OF
from analysis.store import updates
from analysis.store.records import Batch
from analysis.store.schema import ROW_TABLES, batches, localities_table, targets_table

_READ_ROWS = 100_000  # rows converted to columns at a time when the dataset is loaded


def dataset(conn: sa.Connection) -> Dataset:
    """Every table in force, with the saved votes and statuses applied to the proposals."""
    frames = {kind: frame(conn, kind) for kind in ROW_TABLES if kind != "gminas"}
    frames["proposals"] = updates.apply(conn, frames["proposals"])
    targets = pd.read_sql(sa.select(targets_table.c.cycle, targets_table.c.kind, targets_table.c.code,
                                    targets_table.c.share), conn)
    first, changes = updates.status_records(conn)
    gminas = _gmina_table(conn)
    sample = has_sample(conn)
    return dataset_frames(frames["workshops"], frames["attendance"], frames["proposals"], sample,
                          SAMPLE_AS_OF if sample else None, targets.astype({"share": float}), gminas=gminas,
                          first_statuses=first, updates=changes)


def has_sample(conn: sa.Connection) -> bool:
    return bool(conn.execute(sa.select(sa.func.count()).select_from(batches).where(batches.c.is_sample)).scalar())


def counts(conn: sa.Connection) -> dict[str, int]:
    """Rows in force per canonical table: a snapshot must have as many (a store changed by hand has not)."""
    found = {}
    for kind in ("attendance", "proposals", "workshops"):
        table = ROW_TABLES[kind]
        query = sa.select(sa.func.count()).select_from(table)
        if "replaced_by" in table.c:
            query = query.where(table.c.replaced_by.is_(None))
        found[kind] = int(conn.execute(query).scalar() or 0)
    return found


def frame(conn: sa.Connection, kind: str) -> pd.DataFrame:
    """One canonical table as it is now (rows set aside by a replacement left out)."""
    table = ROW_TABLES[kind]
    # a date as the database gives it, read by ``as_dates``: a hand-edited SQLite file may hold any text there
    query = sa.select(*[sa.type_coerce(table.c[c], sa.Text).label(c) if isinstance(table.c[c].type, sa.Date)
                        else table.c[c] for c in CANONICAL_COLUMNS[TableKind(kind)]])
    if "replaced_by" in table.c:
        query = query.where(table.c.replaced_by.is_(None))
    # in parts: a million rows fetched at once are a million Python tuples in memory (~1 GB)
    parts = list(pd.read_sql(query, conn, chunksize=_READ_ROWS)) or [pd.read_sql(query.limit(0), conn)]
    whole = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    for column in whole.columns:  # a part where a column is empty guessed another type: guess on the whole
        if len({str(part[column].dtype) for part in parts}) > 1:
            whole[column] = pd.Series(whole[column].astype(object).tolist(), index=whole.index)
    if kind == "workshops":
        whole["date"] = as_dates(whole["date"])
    for column in ("workshop", "number", "area", "votes"):
        if column in whole:
            whole[column] = _whole_numbers(whole[column])
    return whole


def _whole_numbers(column: pd.Series) -> pd.Series:
    """A stored integer column as Int64; what a hand edit left there that is not a whole number (SQLite keeps
    "dużo" or 2.5 in an INTEGER column) is missing."""
    if pd.api.types.is_integer_dtype(column.dtype):
        return column.astype("Int64")
    numbers = pd.to_numeric(column, errors="coerce").astype(float)
    return numbers.where((numbers % 1 == 0) & (numbers.abs() < 2**53)).astype("Int64")


def _gmina_table(conn: sa.Connection) -> pd.DataFrame:
    """The gmina table in force: for each cycle and gmina, the row of the newest batch."""
    g = ROW_TABLES["gminas"]
    rows = conn.execute(sa.select(g.c.cycle, g.c.gmina, g.c.population, g.c.year, g.c.source, batches.c.imported_at)
                        .join(batches, batches.c.id == g.c.batch_id)).all()
    table = pd.DataFrame(rows, columns=["cycle", "gmina", "population", "year", "source", "at"])
    table = table.sort_values("at", kind="stable").drop_duplicates(["cycle", "gmina"], keep="last")
    table = table.drop(columns="at").reset_index(drop=True)
    for column in ("population", "year"):
        table[column] = table[column].astype("Int64")
    return table


def locality_pairs(conn: sa.Connection) -> list[tuple[str, str, str, Batch]]:
    """The office's pairs in force: (key, locality as written, gmina code, the batch that added it), by name."""
    t = localities_table
    rows = conn.execute(sa.select(t.c.key, t.c.locality, t.c.gmina, batches).join(batches, batches.c.id == t.c.batch_id)
                        .order_by(batches.c.imported_at, batches.c.id)).mappings().all()
    newest = {r["key"]: (r["key"], r["locality"], r["gmina"], Batch.from_row(r)) for r in rows}
    return sorted(newest.values(), key=lambda pair: pair[0])
