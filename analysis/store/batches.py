"""Batches: the import rules (all or nothing, duplicates, add or replace), undo, and the history.

Every upload is saved as batches, one per table read; every row keeps its batch, so undoing a batch
removes exactly what it brought (and brings back what it set aside). The functions here run inside
the caller's write transaction (``Store``), which reads what is stored under the same lock it writes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from analysis import privacy
from analysis.errors import UserError
from analysis.fields import CANONICAL_COLUMNS, TableKind
from analysis.store import updates
from analysis.store.engine import driver
from analysis.store.records import Batch, Conflict, ConflictError, ImportOutcome, Upload
from analysis.store.schema import (
    ROW_TABLES,
    batches,
    checkins_table,
    localities_table,
    problems_table,
    proposal_updates_table,
    vote_proposals_table,
    votes_table,
)
from analysis.tables import FileResult, Table


@dataclass
class Plan:
    fresh: list[Upload] = field(default_factory=list)
    duplicates: list[tuple[str, Batch]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    removes_sample: bool = False


def refuse_unsaveable(uploads: list[Upload]) -> None:
    """A refused file or rows without a workshop: nothing of the upload is saved."""
    refused = [u for u in uploads if not u.result.ok]
    if refused:
        raise UserError(f"Nic nie zapisano: plik „{refused[0].file}” nie został wczytany. {refused[0].result.error}",
                        "file_refused")
    for upload in uploads:
        for table in upload.result.tables:
            if table.kind not in ("attendance", "proposals"):
                continue
            unknown = table.frame.loc[table.frame["workshop"].isna(), "row"].tolist()
            if unknown:
                shown = ", ".join(str(r) for r in unknown[:10]) + ("…" if len(unknown) > 10 else "")
                raise UserError(
                    f"Nic nie zapisano: w pliku „{upload.file}” (arkusz „{table.sheet}”) wiersze {shown} nie mają "
                    "rozpoznanego warsztatu. Popraw kolumnę warsztatu w arkuszu albo wskaż warsztat dla całego pliku.",
                    "unknown_workshop")


def plan(conn: sa.Connection, uploads: list[Upload], is_sample: bool) -> Plan:
    """The import rules, written once: which uploads are new, which repeat a stored file, which
    lists meet a list already stored (or another file of this upload), whether the sample goes."""
    existing = [Batch.from_row(r) for r in conn.execute(sa.select(batches)).mappings().all()]
    stored = {(b.content_hash, b.sheet): b for b in existing if not b.is_sample}
    found = Plan()
    in_this_call: set[str] = set()
    for upload in uploads:
        if upload.content_hash in in_this_call:
            continue  # the same file twice in one upload: once is enough
        in_this_call.add(upload.content_hash)
        tables = upload.result.tables
        repeated = [stored[(upload.content_hash, t.sheet)] for t in tables
                    if (upload.content_hash, t.sheet) in stored and not is_sample]
        if repeated and len(repeated) == len(tables):
            found.duplicates.append((upload.file, repeated[0]))
            continue
        if repeated:  # some sheets of this file are stored already (others were undone): the rest
            keep = [t for t in tables if (upload.content_hash, t.sheet) not in stored]
            result = FileResult(upload.result.file, upload.result.format, keep, upload.result.notes,
                                content_hash=upload.result.content_hash)
            upload = Upload(upload.file, upload.content_hash, result)
        found.fresh.append(upload)
    if not found.fresh:
        return found
    found.removes_sample = not is_sample and any(b.is_sample for b in existing)
    staying = [b for b in existing if not (found.removes_sample and b.is_sample)]
    found.conflicts = _conflicts(conn, found.fresh, staying)
    return found


def save(conn: sa.Connection, uploads: list[Upload], on_existing: str, is_sample: bool,
         pseudonym_key: Callable[[sa.Connection], bytes],
         after_table: Callable[[Batch], None] | None = None) -> tuple[ImportOutcome, bool]:
    """The import inside a write transaction: the outcome, and whether anything was written.

    ``pseudonym_key`` gives the key new people are pseudonymised with (asked only when a list is saved).
    """
    now = dt.datetime.now().replace(microsecond=0)
    found = plan(conn, uploads, is_sample)
    outcome = ImportOutcome(duplicates=found.duplicates)
    if not found.fresh:
        return outcome, False
    if not is_sample:
        refuse_during_checkin(conn, [t for u in found.fresh for t in u.result.tables if t.kind == "attendance"])
    conflicts = found.conflicts
    if conflicts and on_existing == "ask":
        raise ConflictError(conflicts)
    if conflicts and on_existing == "replace":
        if any(c.other_file for c in conflicts):
            raise UserError("Nic nie zapisano: " + "; ".join(c.sentence() for c in conflicts if c.other_file)
                            + ". Zaimportuj je osobno albo wybierz dopisanie.", "conflict_in_upload")
    if found.removes_sample:
        remove_sample(conn)
        outcome.sample_removed = True
    replacing = {(c.file, c.sheet): c for c in conflicts} if conflicts and on_existing == "replace" else {}
    key = None
    if any(t.kind == "attendance" for u in found.fresh for t in u.result.tables):
        key = pseudonym_key(conn)
    for upload in found.fresh:
        for sheet in upload.result.tables:
            before = updates.statuses_now(conn, sheet.frame) if sheet.kind == "proposals" else {}
            batch = _insert(conn, upload, sheet, now, is_sample, key)
            if before:  # a later file of proposals already stored: a changed status is recorded with its day
                updates.record_status_changes(conn, sheet.frame, batch.id, before, now.date())
            outcome.saved.append(batch)
            for where, conflict in replacing.items():
                if where == (upload.file, sheet.sheet):
                    outcome.replaced.extend(_replace(conn, conflict, batch.id))
            if after_table is not None:
                after_table(batch)
    return outcome, True


def refuse_during_checkin(conn: sa.Connection, tables: list[Table]) -> None:
    """An attendance list of a workshop whose check-in at the door is open is refused: the check-in makes
    that workshop's list when it is closed, and two lists of one workshop would count people twice."""
    t = checkins_table
    open_now = {(str(c), int(w)) for c, w in conn.execute(sa.select(t.c.cycle, t.c.workshop)
                                                           .where(t.c.closed_at.is_(None)))}
    for table in tables:
        for cycle, workshop in _workshops_of(table):
            if (cycle, workshop) in open_now:
                raise UserError(f"Nic nie zapisano: na warsztacie {workshop} (cykl {cycle}) trwa rejestracja przy "
                                "wejściu, z której powstanie lista obecności tego warsztatu. Zamknij rejestrację "
                                "(strona „Rejestracja” albo python -m analysis checkin close) i dopiero potem "
                                "zaimportuj listę — albo zarejestruj te osoby przy wejściu.", "checkin_open")


def has_attendance_list(conn: sa.Connection, cycle: str, workshop: int) -> bool:
    """Whether the workshop has an attendance list in force that is not the sample's (imported, or a closed
    check-in's)."""
    table = ROW_TABLES["attendance"]
    return conn.execute(sa.select(table.c.batch_id).join(batches, batches.c.id == table.c.batch_id).where(
        table.c.cycle == cycle, table.c.workshop == workshop, table.c.replaced_by.is_(None),
        sa.not_(batches.c.is_sample)).limit(1)).first() is not None


def save_checked_in(conn: sa.Connection, file: str, sheet: str, cycle: str, workshop: int, frame: pd.DataFrame,
                    now: dt.datetime) -> tuple[Batch, bool]:
    """A workshop's attendance whose people are already keyed pseudonyms (a check-in at the door), saved as
    one attendance batch under the import's rules: the sample goes as at a first import, and a workshop that
    has a list in force already is refused (nothing saved). The batch, and whether the sample was removed."""
    if has_attendance_list(conn, cycle, workshop):
        raise UserError(f"Nic nie zapisano: warsztat {workshop} (cykl {cycle}) ma już listę obecności w magazynie. "
                        "Cofnij tamtą partię (strona „Historia” albo python -m analysis undo) i zamknij rejestrację "
                        "ponownie.", "checkin_list_exists")
    sample = conn.execute(sa.select(batches.c.id).where(batches.c.is_sample).limit(1)).first() is not None
    if sample:
        remove_sample(conn)
    rows = frame[list(CANONICAL_COLUMNS[TableKind.ATTENDANCE])].copy()
    batch = Batch(uuid.uuid4().hex, file, "attendance", sheet, cycle, workshop, len(rows), 0, now, False)
    conn.execute(batches.insert().values(batch.row(uuid.uuid4().hex)))
    if len(rows):
        insert_rows(conn, ROW_TABLES["attendance"], batch.id, rows)
    return batch, sample


def _conflicts(conn: sa.Connection, uploads: list[Upload], existing: list[Batch]) -> list[Conflict]:
    conflicts = []
    seen: dict[tuple[str, str, int], str] = {}
    for upload in uploads:
        for table in upload.result.tables:
            if table.kind not in ("attendance", "proposals"):
                continue
            rows_table = ROW_TABLES[table.kind]
            for cycle, workshop in _workshops_of(table):
                key = (table.kind, cycle, workshop)
                if key in seen:
                    conflicts.append(Conflict(upload.file, table.sheet, table.kind, cycle, workshop, (), seen[key]))
                    continue
                seen[key] = upload.file
                owners = set(conn.execute(
                    sa.select(rows_table.c.batch_id).distinct()
                    .where(rows_table.c.cycle == cycle, rows_table.c.workshop == workshop,
                           rows_table.c.replaced_by.is_(None))
                ).scalars().all())
                batches_ = tuple(b for b in existing if b.id in owners)  # the sample's rows are going
                if batches_:
                    conflicts.append(Conflict(upload.file, table.sheet, table.kind, cycle, workshop, batches_))
    return conflicts


def _workshops_of(table: Table) -> list[tuple[str, int]]:
    frame = table.frame.dropna(subset=["workshop"])
    pairs = frame[["cycle", "workshop"]].drop_duplicates()
    return [(str(c), int(w)) for c, w in zip(pairs["cycle"], pairs["workshop"], strict=True)]


def _replace(conn: sa.Connection, conflict: Conflict, by: str) -> list[Batch]:
    """Set aside the workshop's earlier rows of that kind; undoing ``by`` brings them back."""
    rows_table = ROW_TABLES[conflict.kind]
    conn.execute(rows_table.update().where(
        rows_table.c.cycle == conflict.cycle, rows_table.c.workshop == conflict.workshop,
        rows_table.c.batch_id != by, rows_table.c.replaced_by.is_(None)).values(replaced_by=by))
    return list(conflict.existing)


def _insert(conn: sa.Connection, upload: Upload, table: Table, now: dt.datetime, is_sample: bool,
            key: bytes | None) -> Batch:
    frame = table.frame.dropna(subset=["workshop"]) if table.kind in ("attendance", "proposals") else table.frame
    frame = frame[list(CANONICAL_COLUMNS[table.kind])].copy()
    if table.kind == "attendance":
        assert key is not None
        frame["person"] = privacy.pseudonyms(key, [str(n) for n in frame["person"].fillna("")])
    workshops = sorted({int(w) for w in frame["workshop"].dropna()}) if "workshop" in frame else []
    cycle = str(frame["cycle"].iloc[0]) if len(frame) else ""
    batch = Batch(uuid.uuid4().hex, upload.file, table.kind, table.sheet, cycle,
                  workshops[0] if len(workshops) == 1 else None, len(frame), len(table.problems), now, is_sample)
    conn.execute(batches.insert().values(batch.row(upload.content_hash)))
    if table.problems:
        conn.execute(problems_table.insert(), [
            {"batch_id": batch.id, "row": p.row, "column": p.column, "code": p.code, "message": p.message}
            for p in table.problems])
    if len(frame):
        insert_rows(conn, ROW_TABLES[table.kind], batch.id, frame)
    return batch


def insert_rows(conn: sa.Connection, table: sa.Table, batch_id: str, frame: pd.DataFrame) -> None:
    """Rows column by column, straight through the driver: COPY on PostgreSQL, executemany on SQLite.

    Each column is converted to plain Python values once (no dict per row); the rows go over the
    store's own connection, so they are part of the import's transaction.
    """
    names = ["batch_id", *frame.columns]
    columns = [[batch_id] * len(frame), *(_plain_column(frame[c]) for c in frame.columns)]
    rows = list(zip(*columns, strict=True))
    quoted = ", ".join(f'"{name}"' for name in names)
    cursor = driver(conn).cursor()
    try:
        if conn.dialect.name == "sqlite":
            marks = ", ".join("?" * len(names))
            cursor.executemany(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', rows)
        else:
            with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
    finally:
        cursor.close()


def _plain_column(series: pd.Series) -> list[object]:
    """A column as values the database driver takes: None for a missing value, Python ints and dates."""
    if isinstance(series.dtype, pd.Int64Dtype):
        return [None if v is pd.NA else int(v) for v in series.tolist()]
    values = series.astype(object).where(series.notna(), None).tolist()
    return [v.item() if hasattr(v, "item") else v for v in values] if series.dtype == object else values


# --- undo ----------------------------------------------------------------------------------------


def undo(conn: sa.Connection, batch_id: str) -> Batch:
    """Remove the batch and all that came from it (what it replaced comes back), with ``goes_with``."""
    row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
    if row is None:
        raise UserError(f"Nie ma partii o identyfikatorze „{batch_id}”. Sprawdź listę poleceniem history.",
                        "no_such_batch")
    _delete(conn, [batch_id, *_orphaned_updates(conn, [batch_id])])
    return Batch.from_row(row)


def _delete(conn: sa.Connection, ids: list[str]) -> None:
    """Remove the batches and every row that came from them; the rows they replaced come back."""
    if not ids:
        return
    for table in (problems_table, proposal_updates_table, localities_table, *ROW_TABLES.values()):
        conn.execute(table.delete().where(table.c.batch_id.in_(ids)))
        if "replaced_by" in table.c:  # what these batches replaced comes back
            conn.execute(table.update().where(table.c.replaced_by.in_(ids)).values(replaced_by=None))
    conn.execute(batches.delete().where(batches.c.id.in_(ids)))


def _orphaned_updates(conn: sa.Connection, leaving: list[str]) -> list[str]:
    """The batches of later facts about proposals (a saved vote's result, a status set on the page) none of
    whose proposals would be left in the store without the batches ``leaving``."""
    u, p = proposal_updates_table, ROW_TABLES["proposals"]
    same = sa.and_(p.c.cycle == u.c.cycle, p.c.workshop == u.c.workshop, p.c.number == u.c.number)
    kept = sa.select(u.c.batch_id).join(p, same)
    if leaving:
        kept = kept.where(p.c.batch_id.not_in(leaving))
    query = sa.select(u.c.batch_id).distinct().where(u.c.batch_id.not_in(kept))
    if leaving:
        query = query.where(u.c.batch_id.not_in(leaving))
    return sorted(conn.execute(query).scalars().all())


def remove_sample(conn: sa.Connection) -> int:
    """Remove the sample's batches, then what was done to the sample's proposals: the votes prepared on them
    (with their cards and ballots) and their saved results and statuses. The batches removed."""
    sample = list(conn.execute(sa.select(batches.c.id).where(batches.c.is_sample)).scalars().all())
    if not sample:
        return 0
    results = _orphaned_updates(conn, sample)
    _delete(conn, sample + results)
    vp, p = vote_proposals_table, ROW_TABLES["proposals"]
    on_proposals_left = sa.select(vp.c.vote_id).join(p, sa.and_(
        p.c.cycle == vp.c.cycle, p.c.workshop == vp.c.workshop, p.c.number == vp.c.number))
    conn.execute(votes_table.delete().where(votes_table.c.id.not_in(on_proposals_left)))  # cards, ballots: cascade
    return len(sample) + len(results)


# --- the history -----------------------------------------------------------------------------------


def history(conn: sa.Connection) -> list[Batch]:
    """The batches whose data are in the store now (not undone, not wholly replaced)."""
    rows = conn.execute(sa.select(batches).order_by(batches.c.imported_at, batches.c.file, batches.c.sheet)
                        ).mappings().all()
    replaced = set()
    for kind in ("attendance", "proposals"):
        table = ROW_TABLES[kind]
        # only batches with set-aside rows can be wholly replaced; the pairs (replacing, replaced)
        # make SQLite search the index of replaced_by (few rows) instead of scanning every row by batch
        pairs = conn.execute(sa.select(table.c.replaced_by, table.c.batch_id).distinct()
                             .where(table.c.replaced_by.is_not(None))).all()
        candidates = sorted({batch_id for _, batch_id in pairs})
        for batch_id in candidates:
            active = conn.execute(sa.select(table.c.batch_id).where(
                table.c.batch_id == batch_id, table.c.replaced_by.is_(None)).limit(1)).first()
            if active is None:
                replaced.add(batch_id)
    return [Batch.from_row(r) for r in rows if r["id"] not in replaced]


def one(conn: sa.Connection, batch_id: str) -> Batch | None:
    row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
    return Batch.from_row(row) if row is not None else None


def _by_id(conn: sa.Connection, ids: set[str] | list[str]) -> list[Batch]:
    rows = conn.execute(sa.select(batches).where(batches.c.id.in_(ids))
                        .order_by(batches.c.imported_at)).mappings().all() if ids else []
    return [Batch.from_row(r) for r in rows]


def restores(conn: sa.Connection, batch_id: str) -> list[Batch]:
    """The batches whose rows ``batch_id`` set aside when it replaced them: undoing it brings them back."""
    ids: set[str] = set()
    for kind in ("attendance", "proposals"):
        table = ROW_TABLES[kind]
        ids |= set(conn.execute(sa.select(table.c.batch_id).distinct()
                                .where(table.c.replaced_by == batch_id)).scalars().all())
    return _by_id(conn, ids)


def goes_with(conn: sa.Connection, batch_id: str) -> list[Batch]:
    """The batches undoing ``batch_id`` removes with it: saved vote results and statuses set on the page
    none of whose proposals would be left (the history never points at proposals that are gone)."""
    return _by_id(conn, _orphaned_updates(conn, [batch_id]))
