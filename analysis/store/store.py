"""The embedded store: every upload is a batch, saved all or nothing, and can be undone.

SQLAlchemy over SQLite by default (a file in the data folder beside the app, WAL mode, a busy
timeout); ``DATABASE_URL`` selects another database, PostgreSQL above all. Participants are
stored only as keyed pseudonyms (``privacy``); e-mail addresses and phone numbers never reach
the importer's tables at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

from analysis import config, privacy
from analysis.dataset import Dataset, as_dates, calendar_of_schedule, dataset_frames, schedule_frame
from analysis.errors import UserError
from analysis.fields import CANONICAL_COLUMNS, TableKind
from analysis.sample import SAMPLE_AS_OF
from analysis.schedule import Calendar
from analysis.store import location, migrate
from analysis.store.schema import (
    ROW_TABLES,
    attendance_table,
    batches,
    localities_table,
    meta_table,
    problems_table,
    proposal_updates_table,
    targets_table,
    vote_proposals_table,
    votes_table,
)
from analysis.tables import FileResult, Table

# the key of PostgreSQL's advisory lock that serialises every write to the store
_WRITE_LOCK = 0x5041_5254  # "PART"


def store_url() -> str:
    """The store's SQLAlchemy URL: ``DATABASE_URL``, else the SQLite file in the data folder."""
    return config.database_url() or location.folder_url()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Batch:
    id: str
    file: str
    kind: str
    sheet: str
    cycle: str
    workshop: int | None
    rows: int
    problems: int
    imported_at: dt.datetime
    is_sample: bool
    content_hash: str = field(default="", repr=False)  # how the same file is recognised again

    def as_dict(self) -> dict[str, object]:
        sheet = "" if self.kind == "votes" else self.sheet  # a saved vote's "sheet" is the vote's internal id
        return {"id": self.id, "file": self.file, "kind": self.kind, "sheet": sheet, "workshop": self.workshop,
                "rows": self.rows, "problems": self.problems,
                "imported_at": self.imported_at.replace(microsecond=0).isoformat(), "sample": self.is_sample}


@dataclass(frozen=True)
class Conflict:
    """A list (or proposals) for a workshop that already has one, in the store or in the same upload."""

    file: str
    sheet: str
    kind: str
    cycle: str
    workshop: int
    existing: tuple[Batch, ...]  # the stored batches it would join or replace
    other_file: str | None = None  # another file of the same upload, when that is the clash

    def sentence(self) -> str:
        what = "listę obecności" if self.kind == "attendance" else "propozycje"
        if self.other_file:
            return (f"pliki „{self.other_file}” i „{self.file}” w tym imporcie zawierają {what} "
                    f"tego samego warsztatu {self.workshop}")
        first = self.existing[0]
        return (f"warsztat {self.workshop} ma już {what} z pliku „{first.file}” "
                f"(zaimportowany {first.imported_at:%d.%m.%Y %H:%M})")


class ConflictError(UserError):
    def __init__(self, conflicts: list[Conflict]) -> None:
        names = "; ".join(c.sentence() for c in conflicts)
        super().__init__(f"Nic nie zapisano: {names}. Wybierz: dopisać nowe dane do istniejących, "
                         "zastąpić istniejące albo anulować.", "conflict")
        self.conflicts = conflicts


@dataclass
class ImportOutcome:
    saved: list[Batch] = field(default_factory=list)
    duplicates: list[tuple[str, Batch]] = field(default_factory=list)  # (file, the batch it repeats)
    replaced: list[Batch] = field(default_factory=list)
    sample_removed: bool = False


@dataclass
class ImportPreview:
    """What saving would do, asked before saving (``Store.preview``)."""

    duplicates: list[tuple[str, Batch]]
    conflicts: list[Conflict]
    sample_removed: bool


@dataclass
class _Plan:
    fresh: list[Upload] = field(default_factory=list)
    duplicates: list[tuple[str, Batch]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    removes_sample: bool = False


@dataclass(frozen=True)
class Upload:
    """One file to import: its name, its bytes' hash and what the importer read from it."""

    file: str
    content_hash: str
    result: FileResult


class Store:
    """The store. Every write is one transaction that first takes the database's write lock.

    On SQLite that is ``BEGIN IMMEDIATE``, on PostgreSQL a transaction-scoped advisory lock: two
    processes importing at the same moment are served one after the other, so the duplicate check,
    the "list already exists" question and the write they guard are one decision.
    """

    def __init__(self, url: str | None = None, key: bytes | None = None) -> None:
        self.url = url or store_url()
        self.is_sqlite = location.checked_url(self.url).get_backend_name() == "sqlite"
        engine_args: dict[str, object] = {}
        if self.is_sqlite:
            engine_args["connect_args"] = {"timeout": 30, "check_same_thread": False}
        else:
            engine_args["pool_pre_ping"] = True
        try:
            self.engine = sa.create_engine(self.url, **engine_args)
        except (sa.exc.ArgumentError, ImportError):  # a driver that is not installed (postgresql+pg8000://)
            raise UserError("Ustawienie DATABASE_URL wskazuje sterownik bazy danych, którego program nie ma. "
                            + location.DATABASE_URL_HELP, "database_url_invalid") from None
        if self.is_sqlite:
            sa.event.listen(self.engine, "connect", _sqlite_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        self._key = key

    # --- the pseudonym key -------------------------------------------------------------------

    def _key_for_pseudonyms(self, conn: sa.Connection) -> bytes:
        """The key to pseudonymise new people with, checked against the key that made the stored ones."""
        folder = config.data_folder()
        recorded = _meta(conn, "key_fingerprint")
        if recorded is not None and conn.execute(sa.select(attendance_table.c.person).limit(1)).first() is None:
            conn.execute(meta_table.delete().where(meta_table.c.key == "key_fingerprint"))  # no pseudonyms left
            recorded = None
        key = self._key or privacy.configured_key() or privacy.read_key_file(folder)
        if key is None:
            if recorded is not None:
                raise UserError(privacy.missing_key_sentence(folder), "key_missing")
            key = privacy.create_key_file(folder)
        mark = privacy.fingerprint(key)
        if recorded is None:
            conn.execute(meta_table.insert().values(key="key_fingerprint", value=mark))
        elif not hmac.compare_digest(recorded, mark):
            raise UserError(privacy.other_key_sentence(folder), "key_mismatch")
        return key

    def seal_key(self, conn: sa.Connection | None = None) -> bytes | None:
        """The store's secret key, kept outside the database (the pseudonym key), that seals a closed vote's
        record (``analysis.voting.seal``); None when there is none or it cannot be read (the seal is then
        made without it). Given the write transaction ``conn`` (closing a vote), a store with no key yet
        gets one, as its first import would make it."""
        try:
            if conn is not None:
                return self._key_for_pseudonyms(conn)
            return self._key or privacy.configured_key() or privacy.read_key_file(config.data_folder())
        except UserError:
            return None

    # --- transactions ------------------------------------------------------------------------

    @contextmanager
    def _writing(self, foreign_keys: bool = True) -> Iterator[sa.Connection]:
        """One write transaction, holding the store's write lock from its first statement to commit.

        ``foreign_keys=False`` (migrations on SQLite) lets a migration rebuild a table without
        SQLite cascading the drop of the old copy to its rows; the keys are checked before commit.
        """
        try:
            with self.engine.connect() as conn:
                if self.is_sqlite and not foreign_keys:
                    _driver(conn).execute("PRAGMA foreign_keys=OFF")  # outside a transaction
                try:
                    conn.execution_options(write_lock=True)
                    with conn.begin():
                        if not self.is_sqlite:
                            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITE_LOCK)))
                        yield conn
                        if self.is_sqlite and not foreign_keys and conn.exec_driver_sql(
                                "PRAGMA foreign_key_check").first() is not None:
                            raise RuntimeError("a migration left rows without their batch")
                finally:
                    if self.is_sqlite and not foreign_keys:
                        _driver(conn).execute("PRAGMA foreign_keys=ON")
        except sa.exc.DBAPIError as exc:
            raise storage_error(exc) from None

    # --- schema ----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Bring the store to the program's schema (migrations), creating it when new.

        Several processes may open a new or old store at once: the check is repeated under the
        write lock, so the migrations run once. A SQLite file is copied before it is changed.
        """
        if self.is_sqlite:
            location.check_sqlite_file(self.engine.url)
        try:
            with self.engine.connect() as conn:
                found = migrate.state(conn)
        except sa.exc.DBAPIError as exc:
            raise storage_error(exc) from None
        if found == "current":
            return
        if found == "newer":
            raise UserError(migrate.NEWER_STORE, "store_newer")
        backup = self._backup() if found in ("behind", "legacy") else None
        try:
            with self._writing(foreign_keys=False) as conn:
                migrate.upgrade(conn, seal_key=self.seal_key())
        except UserError:
            raise
        except Exception as exc:  # a migration that fails for any reason: the store stays as it was
            kept = f" Kopia magazynu sprzed aktualizacji: „{backup}”." if backup else ""
            raise UserError("Nie udało się zaktualizować magazynu danych do tej wersji programu — dane są bez zmian."
                            f"{kept} Uruchom poprzednią wersję programu albo zgłoś błąd administratorowi "
                            f"({type(exc).__name__}).", "migration_failed") from exc

    def _backup(self) -> Path | None:
        """A copy of the SQLite file beside it, made before a migration changes it."""
        if not self.is_sqlite:
            return None
        database = sa.engine.make_url(self.url).database
        if not database or database == ":memory:" or not Path(database).exists():
            return None
        source = Path(database)
        with self.engine.connect() as conn:
            revision = migrate.revision_of(conn) or "1"
        target = source.with_name(f"{source.name}.kopia-przed-aktualizacja-{revision}-"
                                  f"{dt.datetime.now():%Y%m%d-%H%M%S}")
        with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
            origin.backup(copy)
        return target

    def version(self) -> str:
        """Changes with every saved or undone batch: the key of cached loaders."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "data_version")).scalar()
        return f"{self.url}#{value}"

    def _bump(self, conn: sa.Connection) -> None:
        """Mark a write: the data version and stamp change, and the snapshots of the old data are removed."""
        from analysis.store import snapshot

        current = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "data_version")).scalar()
        conn.execute(meta_table.update().where(meta_table.c.key == "data_version")
                     .values(value=str(int(current or 0) + 1)))
        _new_stamp(conn)
        snapshot.prune(self.url)

    def _stamp(self, conn: sa.Connection) -> str | None:
        return _meta(conn, "data_stamp")

    def _counts(self, conn: sa.Connection) -> dict[str, int]:
        """Rows in force per canonical table: a snapshot must have as many (a store changed by hand has not)."""
        counts = {}
        for kind in ("attendance", "proposals", "workshops"):
            table = ROW_TABLES[kind]
            query = sa.select(sa.func.count()).select_from(table)
            if "replaced_by" in table.c:
                query = query.where(table.c.replaced_by.is_(None))
            counts[kind] = int(conn.execute(query).scalar() or 0)
        return counts

    def cached_dataset(self) -> Dataset:
        """``dataset()``, read from the snapshot on disk while the store has not changed since it was
        written (``analysis.store.snapshot``), else from the store — and then written for the next start."""
        from analysis.store import snapshot

        with self.engine.connect() as conn:
            stamp, counts = self._stamp(conn), self._counts(conn)
        if stamp is None:  # a store last written by an older version: give it a stamp now
            try:
                with self._writing() as conn:
                    if self._stamp(conn) is None:
                        _new_stamp(conn)
                    stamp = self._stamp(conn)
            except UserError:  # a store the panel may only read (or busy): no snapshot, the data as they are
                return self.dataset()
        if stamp is not None and (kept := snapshot.load(self.url, stamp, counts)) is not None:
            return kept
        dataset = self.dataset()
        with self.engine.connect() as conn:
            unchanged = self._stamp(conn) == stamp and self._counts(conn) == counts
        if stamp is not None and unchanged:  # no write came between: the snapshot is the store at that stamp
            snapshot.save(self.url, stamp, counts, dataset)
        return dataset

    # --- reading ---------------------------------------------------------------------------

    def history(self) -> list[Batch]:
        """The batches whose data are in the store now (not undone, not wholly replaced)."""
        with self.engine.connect() as conn:
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
        return [_batch(r) for r in rows if r["id"] not in replaced]

    def has_sample(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.execute(sa.select(sa.func.count()).select_from(batches).where(batches.c.is_sample)).scalar())

    def dataset(self) -> Dataset:
        frames = {}
        with self.engine.connect() as conn:
            for kind in ROW_TABLES:
                if kind != "gminas":
                    frames[kind] = self._frame(conn, kind)
            from analysis.voting.store import apply_updates  # the saved votes and statuses (migration 0003)

            frames["proposals"] = apply_updates(conn, frames["proposals"])
            targets = pd.read_sql(sa.select(targets_table.c.cycle, targets_table.c.kind, targets_table.c.code,
                                            targets_table.c.share), conn)
            first, updates = _status_records(conn)
            gminas = _gmina_table(conn)
        is_sample = self.has_sample()
        return dataset_frames(frames["workshops"], frames["attendance"], frames["proposals"], is_sample,
                              SAMPLE_AS_OF if is_sample else None, targets.astype({"share": float}), gminas=gminas,
                              first_statuses=first, updates=updates)

    def calendar(self) -> Calendar:
        """The schedule new files are read against — without loading the store's attendance and proposals."""
        return calendar_of_schedule(self.schedule(), SAMPLE_AS_OF if self.has_sample() else None)

    def schedule(self) -> pd.DataFrame:
        """Every cycle's workshops exactly as ``dataset().workshops`` has them, read alone (a few rows): what a
        phone's ballot names its workshop from without loading the dataset."""
        with self.engine.connect() as conn:
            return schedule_frame(self._frame(conn, "workshops"))

    def localities(self) -> dict[str, str]:
        """The office's own places of origin: ``vocabulary.locality_key`` -> gmina code (the newest batch's
        pair of a locality wins), handed to the reader of new files."""
        return {key: gmina for key, _, gmina, _ in self.locality_pairs()}

    def locality_pairs(self) -> list[tuple[str, str, str, Batch]]:
        """The office's pairs in force: (key, locality as written, gmina code, the batch that added it), by name."""
        t = localities_table
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.c.key, t.c.locality, t.c.gmina, batches).join(batches, batches.c.id == t.c.batch_id)
                                .order_by(batches.c.imported_at, batches.c.id)).mappings().all()
        newest = {r["key"]: (r["key"], r["locality"], r["gmina"], _batch(r)) for r in rows}
        return sorted(newest.values(), key=lambda pair: pair[0])

    @staticmethod
    def _frame(conn: sa.Connection, kind: str) -> pd.DataFrame:
        """One canonical table as it is now (rows set aside by a replacement left out)."""
        table = ROW_TABLES[kind]
        # a date as the database gives it, read by ``as_dates``: a hand-edited SQLite file may hold any text there
        query = sa.select(*[sa.type_coerce(table.c[c], sa.Text).label(c) if isinstance(table.c[c].type, sa.Date)
                            else table.c[c] for c in CANONICAL_COLUMNS[TableKind(kind)]])
        if "replaced_by" in table.c:
            query = query.where(table.c.replaced_by.is_(None))
        # in parts: a million rows fetched at once are a million Python tuples in memory (~1 GB)
        parts = list(pd.read_sql(query, conn, chunksize=_READ_ROWS)) or [pd.read_sql(query.limit(0), conn)]
        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        for column in frame.columns:  # a part where a column is empty guessed another type: guess on the whole
            if len({str(part[column].dtype) for part in parts}) > 1:
                frame[column] = pd.Series(frame[column].astype(object).tolist(), index=frame.index)
        if kind == "workshops":
            frame["date"] = as_dates(frame["date"])
        for column in ("workshop", "number", "area", "votes"):
            if column in frame:
                frame[column] = _whole_numbers(frame[column])
        return frame

    # --- writing ---------------------------------------------------------------------------

    def import_uploads(self, uploads: list[Upload], on_existing: str = "ask", is_sample: bool = False,
                       _after_table: Callable[[Batch], None] | None = None) -> ImportOutcome:
        """Save the tables of every upload in one transaction: all of them, or none.

        ``on_existing`` decides what a new attendance list does to a workshop that already has
        one: "ask" (raise ``ConflictError``, nothing saved), "add" or "replace". ``_after_table``
        is a test's fault injection, called after each table is written.
        """
        _refuse_unsaveable(uploads)
        with self._writing() as conn:
            return self._import(conn, uploads, on_existing, is_sample, _after_table)

    def preview(self, uploads: list[Upload]) -> ImportPreview:
        """What saving these uploads would do now — duplicates, lists that already exist, the sample
        removed — read with the same rules as the import, without writing (the page asks before saving)."""
        with self.engine.connect() as conn:
            plan = self._plan(conn, uploads, is_sample=False)
        return ImportPreview(plan.duplicates, plan.conflicts, plan.removes_sample)

    def _plan(self, conn: sa.Connection, uploads: list[Upload], is_sample: bool) -> _Plan:
        """The import rules, written once: which uploads are new, which repeat a stored file, which
        lists meet a list already stored (or another file of this upload), whether the sample goes."""
        existing = [_batch(r) for r in conn.execute(sa.select(batches)).mappings().all()]
        stored = {(b.content_hash, b.sheet): b for b in existing if not b.is_sample}
        plan = _Plan()
        in_this_call: set[str] = set()
        for upload in uploads:
            if upload.content_hash in in_this_call:
                continue  # the same file twice in one upload: once is enough
            in_this_call.add(upload.content_hash)
            tables = upload.result.tables
            repeated = [stored[(upload.content_hash, t.sheet)] for t in tables
                        if (upload.content_hash, t.sheet) in stored and not is_sample]
            if repeated and len(repeated) == len(tables):
                plan.duplicates.append((upload.file, repeated[0]))
                continue
            if repeated:  # some sheets of this file are stored already (others were undone): the rest
                keep = [t for t in tables if (upload.content_hash, t.sheet) not in stored]
                result = FileResult(upload.result.file, upload.result.format, keep, upload.result.notes,
                                    content_hash=upload.result.content_hash)
                upload = Upload(upload.file, upload.content_hash, result)
            plan.fresh.append(upload)
        if not plan.fresh:
            return plan
        plan.removes_sample = not is_sample and any(b.is_sample for b in existing)
        staying = [b for b in existing if not (plan.removes_sample and b.is_sample)]
        plan.conflicts = self._conflicts(conn, plan.fresh, staying)
        return plan

    def _import(self, conn: sa.Connection, uploads: list[Upload], on_existing: str, is_sample: bool,
                _after_table: Callable[[Batch], None] | None = None) -> ImportOutcome:
        """The import inside a write transaction: what is stored is read under the same lock it is written."""
        now = dt.datetime.now().replace(microsecond=0)
        plan = self._plan(conn, uploads, is_sample)
        outcome = ImportOutcome(duplicates=plan.duplicates)
        if not plan.fresh:
            return outcome
        conflicts = plan.conflicts
        if conflicts and on_existing == "ask":
            raise ConflictError(conflicts)
        if conflicts and on_existing == "replace":
            if any(c.other_file for c in conflicts):
                raise UserError("Nic nie zapisano: " + "; ".join(c.sentence() for c in conflicts if c.other_file)
                                + ". Zaimportuj je osobno albo wybierz dopisanie.", "conflict_in_upload")
        if plan.removes_sample:
            _remove_sample(conn)
            outcome.sample_removed = True
        replacing = {(c.file, c.sheet): c for c in conflicts} if conflicts and on_existing == "replace" else {}
        key = None
        if any(t.kind == "attendance" for u in plan.fresh for t in u.result.tables):
            key = self._key_for_pseudonyms(conn)
        for upload in plan.fresh:
            for sheet in upload.result.tables:
                before = _statuses_now(conn, sheet.frame) if sheet.kind == "proposals" else {}
                batch = self._insert(conn, upload, sheet, now, is_sample, key)
                if before:  # a later file of proposals already stored: a changed status is recorded with its day
                    _record_status_changes(conn, sheet.frame, batch.id, before, now.date())
                outcome.saved.append(batch)
                for where, conflict in replacing.items():
                    if where == (upload.file, sheet.sheet):
                        outcome.replaced.extend(self._replace(conn, conflict, batch.id))
                if _after_table is not None:
                    _after_table(batch)
        self._bump(conn)
        return outcome

    def _conflicts(self, conn: sa.Connection, uploads: list[Upload], existing: list[Batch]) -> list[Conflict]:
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

    def _replace(self, conn: sa.Connection, conflict: Conflict, by: str) -> list[Batch]:
        """Set aside the workshop's earlier rows of that kind; undoing ``by`` brings them back."""
        rows_table = ROW_TABLES[conflict.kind]
        conn.execute(rows_table.update().where(
            rows_table.c.cycle == conflict.cycle, rows_table.c.workshop == conflict.workshop,
            rows_table.c.batch_id != by, rows_table.c.replaced_by.is_(None)).values(replaced_by=by))
        return list(conflict.existing)

    def _insert(self, conn: sa.Connection, upload: Upload, table: Table, now: dt.datetime, is_sample: bool,
                key: bytes | None) -> Batch:
        frame = table.frame.dropna(subset=["workshop"]) if table.kind in ("attendance", "proposals") else table.frame
        frame = frame[list(CANONICAL_COLUMNS[table.kind])].copy()
        if table.kind == "attendance":
            assert key is not None
            frame["person"] = privacy.pseudonyms(key, [str(n) for n in frame["person"].fillna("")])
        workshops = sorted({int(w) for w in frame["workshop"].dropna()}) if "workshop" in frame else []
        batch_id = uuid.uuid4().hex
        cycle = str(frame["cycle"].iloc[0]) if len(frame) else ""
        conn.execute(batches.insert().values(
            id=batch_id, file=upload.file, content_hash=upload.content_hash, kind=table.kind, sheet=table.sheet,
            cycle=cycle, workshop=workshops[0] if len(workshops) == 1 else None, rows=len(frame),
            problems=len(table.problems), imported_at=now, is_sample=is_sample))
        if table.problems:
            conn.execute(problems_table.insert(), [
                {"batch_id": batch_id, "row": p.row, "column": p.column, "code": p.code, "message": p.message}
                for p in table.problems])
        if len(frame):
            self._insert_rows(conn, ROW_TABLES[table.kind], batch_id, frame)
        return Batch(batch_id, upload.file, table.kind, table.sheet, cycle,
                     workshops[0] if len(workshops) == 1 else None, len(frame), len(table.problems), now, is_sample)

    def _insert_rows(self, conn: sa.Connection, table: sa.Table, batch_id: str, frame: pd.DataFrame) -> None:
        """Rows column by column, straight through the driver: COPY on PostgreSQL, executemany on SQLite.

        Each column is converted to plain Python values once (no dict per row); the rows go over the
        store's own connection, so they are part of the import's transaction.
        """
        names = ["batch_id", *frame.columns]
        columns = [[batch_id] * len(frame), *(_plain_column(frame[c]) for c in frame.columns)]
        rows = list(zip(*columns, strict=True))
        quoted = ", ".join(f'"{name}"' for name in names)
        cursor = _driver(conn).cursor()
        try:
            if self.is_sqlite:
                marks = ", ".join("?" * len(names))
                cursor.executemany(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', rows)
            else:
                with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
        finally:
            cursor.close()

    def save_status(self, cycle: str, workshop: int, number: int, status: str, day: dt.date) -> Batch:
        """A proposal's new status on ``day``, set on the page: a batch of kind "status" (undoable).

        The earlier status stays in the proposal's history; the newest day (then the newest batch) wins.
        """
        from analysis.vocabulary import STATUSES

        if status not in STATUSES:
            raise UserError("Wybierz status z listy: " + ", ".join(STATUSES.values()) + ".", "no_such_proposal")
        now = dt.datetime.now().replace(microsecond=0)
        batch_id = uuid.uuid4().hex
        with self._writing() as conn:
            t = ROW_TABLES["proposals"]
            found = conn.execute(sa.select(t.c.title).where(
                t.c.cycle == str(cycle), t.c.workshop == int(workshop), t.c.number == int(number),
                t.c.replaced_by.is_(None)).limit(1)).first()
            if found is None:
                raise UserError(f"W cyklu {cycle} nie ma propozycji nr {number} z warsztatu {workshop}. "
                                "Wybierz propozycję z listy.", "no_such_proposal")
            file = f"Zmiana statusu: warsztat {workshop}, propozycja {number}"
            conn.execute(batches.insert().values(
                id=batch_id, file=file, content_hash=uuid.uuid4().hex, kind="status", sheet=f"status {status}",
                cycle=str(cycle), workshop=int(workshop), rows=1, problems=0, imported_at=now, is_sample=False))
            conn.execute(proposal_updates_table.insert().values(
                batch_id=batch_id, cycle=str(cycle), workshop=int(workshop), number=int(number), date=day,
                votes=None, status=status))
            self._bump(conn)
        return Batch(batch_id, file, "status", f"status {status}", str(cycle), int(workshop), 1, 0, now, False)

    def save_gminas(self, cycle: str, frame: pd.DataFrame) -> Batch:
        """A gmina table edited on the page (gmina, population, year, source): a batch of kind "gminas".

        Its rows are in force for their gminas from now on; undoing it brings the earlier figures back.
        """
        from analysis.vocabulary import GMINA_CODES

        rows = frame.dropna(subset=["gmina"])
        rows = rows[rows["gmina"].isin([c for c in GMINA_CODES if c not in ("outside", "unknown")])]
        if rows.empty:
            raise UserError("Tabela gmin jest pusta — wpisz co najmniej jedną gminę z liczbą mieszkańców.",
                            "gmina_table_invalid")
        population = pd.to_numeric(rows["population"], errors="coerce")
        if population.isna().any() or (population <= 0).any() or (population % 1 != 0).any():
            raise UserError("Liczba mieszkańców każdej gminy musi być dodatnią liczbą całkowitą — popraw tabelę "
                            "i zapisz ponownie (nic nie zapisano).", "gmina_table_invalid")
        years = pd.to_numeric(rows["year"], errors="coerce") if "year" in rows else pd.Series(pd.NA, index=rows.index)
        data = pd.DataFrame({
            "cycle": str(cycle), "gmina": rows["gmina"].astype(str).to_numpy(),
            "population": pd.array([int(v) for v in population], dtype="Int64"),
            "year": pd.array([None if pd.isna(v) else int(v) for v in years], dtype="Int64"),
            "source": [("" if not isinstance(v, str) else v.strip()) for v in rows.get("source", [""] * len(rows))],
        }).drop_duplicates("gmina", keep="last")
        now = dt.datetime.now().replace(microsecond=0)
        batch_id = uuid.uuid4().hex
        with self._writing() as conn:
            conn.execute(batches.insert().values(
                id=batch_id, file="Tabela gmin (edycja na stronie)", content_hash=uuid.uuid4().hex, kind="gminas",
                sheet=f"gminy {cycle}", cycle=str(cycle), workshop=None, rows=len(data), problems=0, imported_at=now,
                is_sample=False))
            self._insert_rows(conn, ROW_TABLES["gminas"], batch_id, data)
            self._bump(conn)
        return Batch(batch_id, "Tabela gmin (edycja na stronie)", "gminas", f"gminy {cycle}", str(cycle), None,
                     len(data), 0, now, False)

    def batch(self, batch_id: str) -> Batch | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
        return _batch(row) if row is not None else None

    def restores(self, batch_id: str) -> list[Batch]:
        """The batches whose rows ``batch_id`` set aside when it replaced them: undoing it brings them back."""
        with self.engine.connect() as conn:
            ids: set[str] = set()
            for kind in ("attendance", "proposals"):
                table = ROW_TABLES[kind]
                ids |= set(conn.execute(sa.select(table.c.batch_id).distinct()
                                        .where(table.c.replaced_by == batch_id)).scalars().all())
            rows = conn.execute(sa.select(batches).where(batches.c.id.in_(ids))
                                .order_by(batches.c.imported_at)).mappings().all() if ids else []
        return [_batch(r) for r in rows]

    def goes_with(self, batch_id: str) -> list[Batch]:
        """The batches undoing ``batch_id`` removes with it: saved vote results and statuses set on the page
        none of whose proposals would be left (the history never points at proposals that are gone)."""
        with self.engine.connect() as conn:
            ids = _orphaned_updates(conn, [batch_id])
            rows = conn.execute(sa.select(batches).where(batches.c.id.in_(ids))
                                .order_by(batches.c.imported_at)).mappings().all() if ids else []
        return [_batch(r) for r in rows]

    def undo(self, batch_id: str) -> Batch:
        """Remove the batch and all that came from it (what it replaced comes back), with ``goes_with``."""
        with self._writing() as conn:
            row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
            if row is None:
                raise UserError(f"Nie ma partii o identyfikatorze „{batch_id}”. Sprawdź listę poleceniem history.",
                                "no_such_batch")
            _delete_batches(conn, [batch_id, *_orphaned_updates(conn, [batch_id])])
            self._bump(conn)
        return _batch(row)

    def save_locality(self, locality: str, gmina: str) -> Batch:
        """The office's pair: files read from now on count ``locality`` in ``gmina`` (one of the five, or
        outside). A batch of kind "locality": undoing it brings back what was in force before."""
        from analysis.vocabulary import GMINA_LABELS, GMINAS, gmina_of_place, locality_key

        name = " ".join(str(locality).split())
        key = locality_key(name)
        if not key or len(key) > 120:
            raise UserError("Wpisz nazwę miejscowości (np. Kałuszyn), a potem wybierz jej gminę — nic nie zapisano.",
                            "locality_invalid")
        if gmina not in GMINAS and gmina != "outside":
            raise UserError("Wybierz gminę powiatu (albo „Spoza powiatu”) z listy — nic nie zapisano.",
                            "locality_invalid")
        if gmina_of_place(name, self.localities()) == gmina:
            raise UserError(f"Miejscowość „{name}” jest już liczona w gminie {GMINA_LABELS[gmina]} — nic nie zapisano.",
                            "locality_invalid")
        now = dt.datetime.now()
        batch_id = uuid.uuid4().hex
        file = f"Miejscowość „{name}”: {GMINA_LABELS[gmina]}"
        with self._writing() as conn:
            conn.execute(batches.insert().values(
                id=batch_id, file=file, content_hash=uuid.uuid4().hex, kind="locality", sheet=name, cycle="",
                workshop=None, rows=1, problems=0, imported_at=now, is_sample=False))
            conn.execute(localities_table.insert().values(batch_id=batch_id, key=key, locality=name, gmina=gmina))
        return Batch(batch_id, file, "locality", name, "", None, 1, 0, now, False)

    def save_targets(self, cycle: str, kind: str, shares: dict[str, float]) -> None:
        """The office's target mix of ``kind`` (sector | gmina) for ``cycle``, replacing the one saved before.

        ``shares``: code -> share (0–1); a code left out (or 0) has no target. Refused with a Polish
        sentence when a share is outside 0–100% or they add up to more than 100%.
        """
        from analysis.vocabulary import GMINA_CODES, SECTOR_CODES

        codes = {"sector": SECTOR_CODES, "gmina": GMINA_CODES}.get(kind)
        if codes is None or any(code not in codes for code in shares):
            raise ValueError(f"unknown kind or code: {kind} {sorted(shares)}")
        kept = {code: float(share) for code, share in shares.items() if share}
        if any(not 0 < share <= 1 for share in kept.values()):
            raise UserError("Udział docelowy musi być liczbą od 0 do 100%. Popraw wartości w tabeli i zapisz ponownie.",
                            "targets_invalid")
        if sum(kept.values()) > 1 + 1e-9:
            from analysis.display import percent

            raise UserError(f"Udziały docelowe sumują się do {percent(sum(kept.values()), 1)}, a mogą najwyżej do "
                            "100%. Zmniejsz niektóre z nich i zapisz ponownie.", "targets_invalid")
        now = dt.datetime.now().replace(microsecond=0)
        with self._writing() as conn:
            conn.execute(targets_table.delete().where(targets_table.c.cycle == cycle, targets_table.c.kind == kind))
            if kept:
                conn.execute(targets_table.insert(), [{"cycle": cycle, "kind": kind, "code": code, "share": share,
                                                       "saved_at": now} for code, share in kept.items()])
            self._bump(conn)

    def remove_sample(self) -> int:
        """Remove the sample cycle, with what was done to it (``_remove_sample``); the batches removed."""
        with self._writing() as conn:
            removed = _remove_sample(conn)
            self._bump(conn)
        return removed

    def seed_sample_if_empty(self) -> bool:
        """A fresh store starts with the sample cycle (marked as sample data), exactly once."""
        with self.engine.connect() as conn:
            if _meta(conn, "sample_seeded") is not None:
                return False
        from analysis.reading import calendar_from_tables, read_files
        from analysis.sample import sample_imports
        from analysis.schedule import DEFAULT_CALENDAR

        steps: list[tuple[list[Upload], str]] = []
        calendar = DEFAULT_CALENDAR
        for paths, on_existing in sample_imports():  # each cycle read against its own schedule
            files = [(p.name, p.read_bytes()) for p in paths]
            results = read_files(files, calendar=calendar)
            calendar = calendar_from_tables([t for r in results for t in r.tables], calendar)
            steps.append(([Upload(name, content_hash(data), result)
                           for (name, data), result in zip(files, results, strict=True)], on_existing))
        with self._writing() as conn:  # the check and the seeding are one decision
            if _meta(conn, "sample_seeded") is not None:
                return False
            if conn.execute(sa.select(sa.func.count()).select_from(batches)).scalar():
                # a store filled before it was ever opened by the app: never mix the sample in
                conn.execute(meta_table.insert().values(key="sample_seeded", value="skipped"))
                return False
            for uploads, on_existing in steps:
                self._import(conn, uploads, on_existing, is_sample=True)
            conn.execute(meta_table.insert().values(key="sample_seeded", value=dt.datetime.now().isoformat()))
        return True


def _driver(conn: sa.Connection) -> Any:  # noqa: ANN401 - the DB-API driver's own connection
    """The database driver's connection under ``conn`` (sqlite3 or psycopg), in the same transaction."""
    driver = conn.connection.driver_connection
    assert driver is not None
    return driver


def _sqlite_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # Switching a new file to WAL needs a moment alone with it, and SQLite answers "locked" at once
    # (without waiting) when another process is doing the same: wait and try again.
    # A database that cannot be in WAL (one in memory, refused before) is refused after the same wait.
    deadline = time.monotonic() + 30
    while cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("the database cannot be switched to WAL")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05 + random.random() * 0.1)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLAlchemy, not the driver, begins transactions (see _sqlite_begin)
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: sa.Connection) -> None:
    """Writes take SQLite's write lock at BEGIN, before they read what they check; reads do not."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write_lock") else "BEGIN")


_READ_ROWS = 100_000  # rows converted to columns at a time when the dataset is loaded


def _meta(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == key)).scalar()


def _new_stamp(conn: sa.Connection) -> None:
    """A new random ``data_stamp`` (in the write's transaction): what the store holds now has a name no
    earlier state had — even after a backup is restored — so a snapshot of it is never mistaken."""
    stamp = uuid.uuid4().hex
    if conn.execute(meta_table.update().where(meta_table.c.key == "data_stamp").values(value=stamp)).rowcount == 0:
        conn.execute(meta_table.insert().values(key="data_stamp", value=stamp))


def _refuse_unsaveable(uploads: list[Upload]) -> None:
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


_DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")
_BUSY = ("database is locked", "database table is locked", "lock timeout", "deadlock detected")


def storage_error(exc: sa.exc.DBAPIError) -> UserError:
    """What a failed database call means for the user, in Polish, without any stored value.

    SQLAlchemy's own text lists the statement and its parameters (names of institutions, titles),
    so it never reaches a page or the terminal; the transaction was rolled back before this.
    """
    original = exc.orig
    text = str(original).lower()
    sqlstate = getattr(original, "sqlstate", None) or getattr(getattr(original, "diag", None), "sqlstate", None)
    if any(phrase in text for phrase in _DISK_FULL) or sqlstate in ("53100", "53200"):
        return UserError("Na dysku zabrakło miejsca na bazę danych — nic nie zapisano, a dane w magazynie są bez "
                         "zmian. Zwolnij miejsce na dysku (albo poproś administratora serwera bazy danych) i spróbuj "
                         "ponownie.", "disk_full")
    if any(phrase in text for phrase in _BUSY) or sqlstate in ("55P03", "40P01", "40001"):
        return UserError("Magazyn danych jest zajęty innym zapisem (np. importem na drugim komputerze) — nic nie "
                         "zapisano. Spróbuj ponownie za chwilę.", "store_busy")
    if isinstance(exc, sa.exc.OperationalError):
        return UserError("Nie można połączyć się z magazynem danych albo zapisać w nim zmian — nic nie zapisano. "
                         "Sprawdź ustawienie DATABASE_URL, połączenie z serwerem bazy danych i prawo zapisu do "
                         f"folderu danych, potem spróbuj ponownie. (Błąd bazy danych: {type(original).__name__}.)",
                         "store_unreachable")
    return UserError("Zapis w magazynie danych nie powiódł się — nic nie zapisano, dane są bez zmian. Spróbuj "
                     f"ponownie; jeśli błąd się powtórzy, zgłoś go administratorowi (błąd bazy danych: "
                     f"{type(original).__name__}).", "store_failed")


def _delete_batches(conn: sa.Connection, ids: list[str]) -> None:
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


def _remove_sample(conn: sa.Connection) -> int:
    """Remove the sample's batches, then what was done to the sample's proposals: the votes prepared on them
    (with their cards and ballots) and their saved results and statuses. The batches removed."""
    sample = list(conn.execute(sa.select(batches.c.id).where(batches.c.is_sample)).scalars().all())
    if not sample:
        return 0
    results = _orphaned_updates(conn, sample)
    _delete_batches(conn, sample + results)
    vp, p = vote_proposals_table, ROW_TABLES["proposals"]
    on_proposals_left = sa.select(vp.c.vote_id).join(p, sa.and_(
        p.c.cycle == vp.c.cycle, p.c.workshop == vp.c.workshop, p.c.number == vp.c.number))
    conn.execute(votes_table.delete().where(votes_table.c.id.not_in(on_proposals_left)))  # cards, ballots: cascade
    return len(sample) + len(results)


def _batch(row: sa.RowMapping) -> Batch:
    return Batch(row["id"], row["file"], row["kind"], row["sheet"], row["cycle"], row["workshop"], row["rows"],
                 row["problems"], row["imported_at"], bool(row["is_sample"]), row["content_hash"])


def _plain_column(series: pd.Series) -> list[object]:
    """A column as values the database driver takes: None for a missing value, Python ints and dates."""
    if isinstance(series.dtype, pd.Int64Dtype):
        return [None if v is pd.NA else int(v) for v in series.tolist()]
    values = series.astype(object).where(series.notna(), None).tolist()
    return [v.item() if hasattr(v, "item") else v for v in values] if series.dtype == object else values


def _whole_numbers(column: pd.Series) -> pd.Series:
    """A stored integer column as Int64; what a hand edit left there that is not a whole number (SQLite keeps
    "dużo" or 2.5 in an INTEGER column) is missing."""
    if pd.api.types.is_integer_dtype(column.dtype):
        return column.astype("Int64")
    numbers = pd.to_numeric(column, errors="coerce").astype(float)
    return numbers.where((numbers % 1 == 0) & (numbers.abs() < 2**53)).astype("Int64")


def _keys(frame: pd.DataFrame) -> list[tuple[str, int, int]]:
    rows = frame.dropna(subset=["workshop", "number"])
    return [(str(c), int(w), int(n)) for c, w, n in zip(rows["cycle"], rows["workshop"], rows["number"], strict=True)]


def _statuses_now(conn: sa.Connection, frame: pd.DataFrame) -> dict[tuple[str, int, int], str]:
    """The status in force of every stored proposal that ``frame`` (a proposals table) names again."""
    from analysis.voting.store import apply_updates

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
    stored = apply_updates(conn, stored)
    return {key: str(status) for key, status in zip(_keys(stored), stored.dropna(subset=["workshop", "number"])["status"],
                                                    strict=True) if key in keys}


def _record_status_changes(conn: sa.Connection, frame: pd.DataFrame, batch_id: str,
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


def _status_records(conn: sa.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
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


def _gmina_table(conn: sa.Connection) -> pd.DataFrame:
    """The gmina table in force: for each cycle and gmina, the row of the newest batch."""
    g = ROW_TABLES["gminas"]
    rows = conn.execute(sa.select(g.c.cycle, g.c.gmina, g.c.population, g.c.year, g.c.source, batches.c.imported_at)
                        .join(batches, batches.c.id == g.c.batch_id)).all()
    frame = pd.DataFrame(rows, columns=["cycle", "gmina", "population", "year", "source", "at"])
    frame = frame.sort_values("at", kind="stable").drop_duplicates(["cycle", "gmina"], keep="last")
    frame = frame.drop(columns="at").reset_index(drop=True)
    for column in ("population", "year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _workshops_of(table: Table) -> list[tuple[str, int]]:
    frame = table.frame.dropna(subset=["workshop"])
    pairs = frame[["cycle", "workshop"]].drop_duplicates()
    return [(str(c), int(w)) for c, w in zip(pairs["cycle"], pairs["workshop"], strict=True)]


def open_store(url: str | None = None, key: bytes | None = None, seed_sample: bool = True) -> Store:
    """The store the app and the CLI use: schema ensured, the sample cycle seeded when new.

    ``seed_sample=False`` (an import of real data from the command line) leaves a new store empty:
    the sample would only be removed again by the import.
    """
    store = Store(url, key=key)
    store.ensure_schema()
    if seed_sample:
        store.seed_sample_if_empty()
    return store
