"""Later facts about stored proposals: their votes and statuses, kept in ``proposal_updates``.

Three writers share the table, each saving its updates in a batch of its own (undoable like any
batch): a vote's saved result (kind "votes": the votes, and "wybrana do realizacji"), a status set on
the page (kind "status"), and a later file of proposals whose status differs from the one in force
(the updates go into that file's batch). A proposal's newest update wins — by its day, then by when
it was saved — and an update without a status leaves the status as it was.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from analysis.store.records import Batch, ProposalUpdate
from analysis.store.schema import ROW_TABLES, batches, proposal_updates_table


def save(conn: sa.Connection, kind: str, file: str, sheet: str, cycle: str, workshop: int, day: dt.date,
         updates: Sequence[ProposalUpdate], content_hash: str | None, now: dt.datetime) -> Batch:
    """A batch of ``kind`` holding ``updates`` of ``day``, saved at ``now`` (inside the caller's write)."""
    batch = Batch(uuid.uuid4().hex, file, kind, sheet, str(cycle), int(workshop), len(updates), 0, now, False)
    conn.execute(batches.insert().values(batch.row(uuid.uuid4().hex if content_hash is None else content_hash)))
    if updates:
        conn.execute(proposal_updates_table.insert(), [
            {"batch_id": batch.id, "cycle": u.cycle, "workshop": u.workshop, "number": u.number, "date": day,
             "votes": u.votes, "status": u.status} for u in updates])
    return batch


def newest(conn: sa.Connection, kind: str, sheet: str) -> tuple[Batch, list[ProposalUpdate]] | None:
    """The newest batch of ``kind`` and ``sheet`` still in the store (not undone), with its updates."""
    row = conn.execute(sa.select(batches).where(batches.c.kind == kind, batches.c.sheet == sheet)
                       .order_by(batches.c.imported_at.desc()).limit(1)).mappings().first()
    if row is None:
        return None
    u = proposal_updates_table
    found = conn.execute(sa.select(u.c.cycle, u.c.workshop, u.c.number, u.c.votes, u.c.status)
                         .where(u.c.batch_id == row["id"])).all()
    return Batch.from_row(row), [ProposalUpdate(c, int(w), int(n), v, s) for c, w, n, v, s in found]


def proposal_exists(conn: sa.Connection, cycle: str, workshop: int, number: int) -> bool:
    """Whether the store holds the proposal now (not set aside by a replacement)."""
    t = ROW_TABLES["proposals"]
    return conn.execute(sa.select(t.c.title).where(
        t.c.cycle == str(cycle), t.c.workshop == int(workshop), t.c.number == int(number),
        t.c.replaced_by.is_(None)).limit(1)).first() is not None


def apply(conn: sa.Connection, proposals: pd.DataFrame) -> pd.DataFrame:
    """The proposals with the newest saved update of each (votes, status) applied.

    Updates come from batches that are in the store (an undone batch's rows are gone with it); the
    newest batch wins for each proposal, and an update without a status leaves the status as it was.
    """
    u = proposal_updates_table
    rows = conn.execute(sa.select(u.c.cycle, u.c.workshop, u.c.number, u.c.votes, u.c.status, u.c.date,
                                  batches.c.imported_at)
                        .join(batches, batches.c.id == u.c.batch_id)).all()
    if not rows or proposals.empty:
        return proposals
    updates = pd.DataFrame(rows, columns=["cycle", "workshop", "number", "votes", "status", "date", "at"])
    updates = updates.sort_values(["date", "at"]).drop_duplicates(["cycle", "workshop", "number"], keep="last")
    key = {(str(c), int(w), int(n)): (v, s) for c, w, n, v, s in
           zip(updates["cycle"], updates["workshop"], updates["number"], updates["votes"], updates["status"],
               strict=True)}
    proposals = proposals.copy()
    votes = proposals["votes"].astype("Int64").tolist()
    statuses = proposals["status"].tolist()
    for i, (c, w, n) in enumerate(zip(proposals["cycle"], proposals["workshop"], proposals["number"], strict=True)):
        if pd.isna(w) or pd.isna(n):
            continue
        found = key.get((str(c), int(w), int(n)))
        if found is None:
            continue
        if found[0] is not None and not pd.isna(found[0]):
            votes[i] = int(found[0])
        if isinstance(found[1], str) and found[1]:
            statuses[i] = found[1]
    proposals["votes"] = pd.array(votes, dtype="Int64")
    proposals["status"] = pd.Series(statuses, index=proposals.index, dtype=proposals["status"].dtype)
    return proposals


def _keys(frame: pd.DataFrame) -> list[tuple[str, int, int]]:
    rows = frame.dropna(subset=["workshop", "number"])
    return [(str(c), int(w), int(n)) for c, w, n in zip(rows["cycle"], rows["workshop"], rows["number"], strict=True)]


def statuses_now(conn: sa.Connection, frame: pd.DataFrame) -> dict[tuple[str, int, int], str]:
    """The status in force of every stored proposal that ``frame`` (a proposals table) names again."""
    keys = set(_keys(frame))
    if not keys:
        return {}
    t = ROW_TABLES["proposals"]
    cycles = sorted({k[0] for k in keys})
    workshops = sorted({k[1] for k in keys})
    stored = pd.read_sql(sa.select(t.c.cycle, t.c.workshop, t.c.number, t.c.votes, t.c.status).where(
        t.c.cycle.in_(cycles), t.c.workshop.in_(workshops), t.c.replaced_by.is_(None)), conn)
    if stored.empty:
        return {}
    for column in ("workshop", "number", "votes"):
        stored[column] = stored[column].astype("Int64")
    stored = apply(conn, stored)
    return {key: str(status) for key, status in zip(_keys(stored), stored.dropna(subset=["workshop", "number"])["status"],
                                                    strict=True) if key in keys}


def record_status_changes(conn: sa.Connection, frame: pd.DataFrame, batch_id: str,
                          before: dict[tuple[str, int, int], str], today: dt.date) -> None:
    """An update (in ``batch_id``) for every proposal of ``frame`` whose status differs from ``before``.

    Its day is the file's "Data statusu" when the row has one, else the day of the import.
    """
    rows = frame.dropna(subset=["workshop", "number"])
    days = rows["status_date"] if "status_date" in rows else pd.Series([None] * len(rows), index=rows.index)
    changes: dict[tuple[str, int, int], dict[str, object]] = {}
    for key, status, day in zip(_keys(rows), rows["status"], days, strict=True):
        if key in before and before[key] != status:
            changes[key] = {"batch_id": batch_id, "cycle": key[0], "workshop": key[1], "number": key[2],
                            "date": day if isinstance(day, dt.date) else today, "votes": None, "status": str(status)}
    if changes:
        conn.execute(proposal_updates_table.insert(), list(changes.values()))


def status_records(conn: sa.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first status each stored proposal had (its earliest stored row, set aside or not) and every
    update (cycle, workshop, number, date, status — None: the file's status again —, at: when saved)."""
    t, u = ROW_TABLES["proposals"], proposal_updates_table
    rows = conn.execute(sa.select(t.c.cycle, t.c.workshop, t.c.number, t.c.status, t.c.replaced_by,
                                  batches.c.imported_at).join(batches, batches.c.id == t.c.batch_id)
                        .where(t.c.number.is_not(None))).all()
    first = pd.DataFrame(rows, columns=["cycle", "workshop", "number", "status", "replaced_by", "at"])
    if not first.empty:  # of rows saved at the same moment, one set aside is the older
        first["active"] = first["replaced_by"].isna()
        first = (first.sort_values(["at", "active"], kind="stable")
                 .drop_duplicates(["cycle", "workshop", "number"], keep="first"))
    first = first[["cycle", "workshop", "number", "status"]]
    rows = conn.execute(sa.select(u.c.cycle, u.c.workshop, u.c.number, u.c.date, u.c.status, batches.c.imported_at)
                        .join(batches, batches.c.id == u.c.batch_id)).all()
    updates = pd.DataFrame(rows, columns=["cycle", "workshop", "number", "date", "status", "at"])
    return first, updates
