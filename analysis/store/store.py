"""The ``Store``: the one door through which the program reads and writes its data.

Every upload is a batch, saved all or nothing, and can be undone. Participants are stored only as
keyed pseudonyms (``privacy``); e-mail addresses and phone numbers never reach the importer's tables
at all. The work is done by the modules beside this one, each over a connection the store gives it:
``engine`` (the database, the write transaction, the data stamp), ``batches`` (import rules, undo,
history), ``updates`` (later votes and statuses of proposals), ``edits`` (what the office edits on the
pages: gmina table, localities, targets), ``reads`` (the dataset), ``sample_cycle`` (the sample a new
store starts with).
"""

from __future__ import annotations

import datetime as dt
import hmac
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from analysis import config, privacy
from analysis.dataset import Dataset, calendar_of_schedule, schedule_frame
from analysis.errors import UserError
from analysis.sample import SAMPLE_AS_OF
from analysis.schedule import Calendar
from analysis.store import (
    batches,
    checkins,
    edits,
    engine,
    location,
    migrate,
    reads,
    sample_cycle,
    snapshot,
    surveys,
    updates,
)
from analysis.store.engine import storage_error, store_url
from analysis.store.records import Batch, CheckedInRow, CheckInRow, ImportOutcome, ImportPreview, ProposalUpdate, Upload
from analysis.store.schema import (
    ROW_TABLES,
    attendance_table,
    checkin_people_table,
    localities_table,
    meta_table,
    targets_table,
)
from analysis.store.schema import batches as batches_table
from analysis.vocabulary import GMINA_LABELS, STATUSES


class Store:
    """The store. Every write is one transaction that first takes the database's write lock.

    On SQLite that is ``BEGIN IMMEDIATE``, on PostgreSQL a transaction-scoped advisory lock: two
    processes importing at the same moment are served one after the other, so the duplicate check,
    the "list already exists" question and the write they guard are one decision.
    """

    def __init__(self, url: str | None = None, key: bytes | None = None) -> None:
        self.url = url or store_url()
        self.engine, self.is_sqlite = engine.create_engine(self.url)
        self._key = key
        self._schedule: tuple[str, pd.DataFrame] | None = None  # (data stamp, the schedule read at it)

    # --- the pseudonym key -------------------------------------------------------------------

    def _key_for_pseudonyms(self, conn: sa.Connection) -> bytes:
        """The key to pseudonymise new people with, checked against the key that made the stored ones."""
        folder = config.data_folder()
        recorded = engine.meta(conn, "key_fingerprint")
        if recorded is not None and not _pseudonyms_kept(conn):
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

    def pseudonym_key(self, conn: sa.Connection) -> bytes:
        """The key new people are pseudonymised with (``privacy``), inside the write transaction ``conn``: the
        key that made the stored pseudonyms, a new one for a store that has none yet; a missing or other key
        is refused (``key_missing``, ``key_mismatch``) — as an import of a list would be."""
        return self._key_for_pseudonyms(conn)

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
    def transaction(self, *, changes_data: bool = True) -> Iterator[sa.Connection]:
        """A write transaction on the store, for code outside it that writes tables of its own (a vote's).

        It holds the store's write lock from its first statement to commit, so what the block reads and
        the write it guards are one decision. When the block ends without an error, the data stamp is
        bumped (cached datasets and snapshots are renewed) and the transaction commits; when it raises,
        nothing of it is written and the stamp stays. ``changes_data=False``: a write the dataset does not
        show (a vote's cards and ballots), which leaves the stamp as it is. A database error is raised as
        the ``UserError`` of ``storage_error``.
        """
        with self._writing() as conn:
            yield conn
            if changes_data:
                self._bump(conn)

    @contextmanager
    def _writing(self, foreign_keys: bool = True) -> Iterator[sa.Connection]:
        """One write transaction, holding the store's write lock (``engine.write_transaction``)."""
        with engine.write_transaction(self.engine, self.is_sqlite, foreign_keys) as conn:
            yield conn

    def _bump(self, conn: sa.Connection) -> None:
        engine.bump(conn, self.url)

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

    # --- reading ---------------------------------------------------------------------------

    def version(self) -> str:
        """Changes with every saved or undone batch: the key of cached loaders."""
        with self.engine.connect() as conn:
            value = engine.meta(conn, "data_version")
        return f"{self.url}#{value}"

    def dataset(self) -> Dataset:
        with self.engine.connect() as conn:
            return reads.dataset(conn)

    def cached_dataset(self) -> Dataset:
        """``dataset()``, read from the snapshot on disk while the store has not changed since it was
        written (``analysis.store.snapshot``), else from the store — and then written for the next start."""
        with self.engine.connect() as conn:
            stamp, counts = engine.meta(conn, "data_stamp"), reads.counts(conn)
        if stamp is None:  # a store last written by an older version: give it a stamp now
            try:
                with self._writing() as conn:
                    if engine.meta(conn, "data_stamp") is None:
                        engine.new_stamp(conn)
                    stamp = engine.meta(conn, "data_stamp")
            except UserError:  # a store the panel may only read (or busy): no snapshot, the data as they are
                return self.dataset()
        if stamp is not None and (kept := snapshot.load(self.url, stamp, counts)) is not None:
            return kept
        dataset = self.dataset()
        with self.engine.connect() as conn:
            unchanged = engine.meta(conn, "data_stamp") == stamp and reads.counts(conn) == counts
        if stamp is not None and unchanged:  # no write came between: the snapshot is the store at that stamp
            snapshot.save(self.url, stamp, counts, dataset)
        return dataset

    def history(self) -> list[Batch]:
        """The batches whose data are in the store now (not undone, not wholly replaced)."""
        with self.engine.connect() as conn:
            return batches.history(conn)

    def has_sample(self) -> bool:
        with self.engine.connect() as conn:
            return reads.has_sample(conn)

    def calendar(self) -> Calendar:
        """The schedule new files are read against — without loading the store's attendance and proposals."""
        return calendar_of_schedule(self.schedule(), SAMPLE_AS_OF if self.has_sample() else None)

    def schedule(self) -> pd.DataFrame:
        """Every cycle's workshops exactly as ``dataset().workshops`` has them, read alone (a few rows): what a
        phone's ballot and check-in form name their workshop from without loading the dataset. Read again only
        when the store's data stamp has changed (every write of data gives a new one, a restored backup too):
        each phone's every script run asks for it."""
        with self.engine.connect() as conn:
            stamp = engine.meta(conn, "data_stamp")
            kept = self._schedule
            if stamp is not None and kept is not None and kept[0] == stamp:
                return kept[1].copy(deep=False)  # copy-on-write: a caller's change stays its own
            frame = schedule_frame(reads.frame(conn, "workshops"))
        if stamp is not None:
            self._schedule = (stamp, frame)
        return frame.copy(deep=False)

    def localities(self) -> dict[str, str]:
        """The office's own places of origin: ``vocabulary.locality_key`` -> gmina code (the newest batch's
        pair of a locality wins), handed to the reader of new files."""
        return {key: gmina for key, _, gmina, _ in self.locality_pairs()}

    def locality_pairs(self) -> list[tuple[str, str, str, Batch]]:
        """The office's pairs in force: (key, locality as written, gmina code, the batch that added it), by name."""
        with self.engine.connect() as conn:
            return reads.locality_pairs(conn)

    def batch(self, batch_id: str) -> Batch | None:
        with self.engine.connect() as conn:
            return batches.one(conn, batch_id)

    def restores(self, batch_id: str) -> list[Batch]:
        """The batches whose rows ``batch_id`` set aside when it replaced them: undoing it brings them back."""
        with self.engine.connect() as conn:
            return batches.restores(conn, batch_id)

    def goes_with(self, batch_id: str) -> list[Batch]:
        """The batches undoing ``batch_id`` removes with it: saved vote results and statuses set on the page
        none of whose proposals would be left (the history never points at proposals that are gone)."""
        with self.engine.connect() as conn:
            return batches.goes_with(conn, batch_id)

    def newest_updates(self, kind: str, sheet: str) -> tuple[Batch, list[ProposalUpdate]] | None:
        """The newest batch of updates of ``kind`` and ``sheet`` still in the store (``save_updates``), with its
        updates; None when there is none (never saved, or undone)."""
        with self.engine.connect() as conn:
            return updates.newest(conn, kind, sheet)

    # --- writing ---------------------------------------------------------------------------

    def import_uploads(self, uploads: list[Upload], on_existing: str = "ask", is_sample: bool = False,
                       _after_table: Callable[[Batch], None] | None = None) -> ImportOutcome:
        """Save the tables of every upload in one transaction: all of them, or none.

        ``on_existing`` decides what a new attendance list does to a workshop that already has
        one: "ask" (raise ``ConflictError``, nothing saved), "add" or "replace". ``_after_table``
        is a test's fault injection, called after each table is written.
        """
        batches.refuse_unsaveable(uploads)
        with self._writing() as conn:
            return self._import(conn, uploads, on_existing, is_sample, _after_table)

    def _import(self, conn: sa.Connection, uploads: list[Upload], on_existing: str, is_sample: bool,
                after_table: Callable[[Batch], None] | None = None) -> ImportOutcome:
        outcome, written = batches.save(conn, uploads, on_existing, is_sample, self._key_for_pseudonyms, after_table)
        if written:
            self._bump(conn)
        return outcome

    def preview(self, uploads: list[Upload]) -> ImportPreview:
        """What saving these uploads would do now — duplicates, lists that already exist, the sample
        removed — read with the same rules as the import, without writing (the page asks before saving)."""
        with self.engine.connect() as conn:
            plan = batches.plan(conn, uploads, is_sample=False)
        return ImportPreview(plan.duplicates, plan.conflicts, plan.removes_sample)

    def undo(self, batch_id: str) -> Batch:
        """Remove the batch and all that came from it (what it replaced comes back), with ``goes_with``."""
        with self.transaction() as conn:
            return batches.undo(conn, batch_id)

    def save_updates(self, kind: str, file: str, sheet: str, cycle: str, workshop: int, day: dt.date,
                     changes: Sequence[ProposalUpdate], content_hash: str | None = None) -> Batch:
        """Later facts about stored proposals (their votes, their statuses) of ``day``, saved as one batch of
        ``kind`` named ``file`` and ``sheet`` (a vote's result: kind "votes"). Undoable as any batch; the
        newest update of a proposal wins. ``content_hash``: what the batch is recognised by (a random one
        when None)."""
        with self.transaction() as conn:
            return updates.save(conn, kind, file, sheet, cycle, workshop, day, changes, content_hash,
                                dt.datetime.now())

    def save_status(self, cycle: str, workshop: int, number: int, status: str, day: dt.date) -> Batch:
        """A proposal's new status on ``day``, set on the page: a batch of kind "status" (undoable).

        The earlier status stays in the proposal's history; the newest day (then the newest batch) wins.
        """
        if status not in STATUSES:
            raise UserError("Wybierz status z listy: " + ", ".join(STATUSES.values()) + ".", "no_such_proposal")
        now = dt.datetime.now().replace(microsecond=0)
        with self.transaction() as conn:
            if not updates.proposal_exists(conn, cycle, workshop, number):
                raise UserError(f"W cyklu {cycle} nie ma propozycji nr {number} z warsztatu {workshop}. "
                                "Wybierz propozycję z listy.", "no_such_proposal")
            return updates.save(conn, "status", f"Zmiana statusu: warsztat {workshop}, propozycja {number}",
                                f"status {status}", cycle, workshop, day,
                                [ProposalUpdate(str(cycle), int(workshop), int(number), None, status)], None, now)

    def has_attendance_list(self, conn: sa.Connection, cycle: str, workshop: int) -> bool:
        """Inside a transaction: whether the workshop has an attendance list in force, not the sample's."""
        return batches.has_attendance_list(conn, str(cycle), int(workshop))

    def save_checked_in(self, conn: sa.Connection, file: str, sheet: str, cycle: str, workshop: int,
                        frame: pd.DataFrame) -> tuple[Batch, bool]:
        """Inside the write transaction ``conn`` (a check-in's closing): the workshop's attendance whose
        ``person`` column already holds keyed pseudonyms, saved as one attendance batch like an imported list
        (history, undo, every number). The batch, and whether the sample was removed with it."""
        return batches.save_checked_in(conn, file, sheet, str(cycle), int(workshop), frame,
                                       dt.datetime.now().replace(microsecond=0))

    def save_gminas(self, cycle: str, frame: pd.DataFrame) -> Batch:
        """A gmina table edited on the page (gmina, population, year, source): a batch of kind "gminas".

        Its rows are in force for their gminas from now on; undoing it brings the earlier figures back.
        """
        data = edits.gmina_rows(cycle, frame)
        batch = Batch(uuid.uuid4().hex, "Tabela gmin (edycja na stronie)", "gminas", f"gminy {cycle}", str(cycle),
                      None, len(data), 0, dt.datetime.now().replace(microsecond=0), False)
        with self.transaction() as conn:
            conn.execute(batches_table.insert().values(batch.row(uuid.uuid4().hex)))
            batches.insert_rows(conn, ROW_TABLES["gminas"], batch.id, data)
        return batch

    def save_locality(self, locality: str, gmina: str) -> Batch:
        """The office's pair: files read from now on count ``locality`` in ``gmina`` (one of the five, or
        outside). A batch of kind "locality": undoing it brings back what was in force before."""
        name, key = edits.locality(locality, gmina, self.localities())
        batch = Batch(uuid.uuid4().hex, f"Miejscowość „{name}”: {GMINA_LABELS[gmina]}", "locality", name, "", None,
                      1, 0, dt.datetime.now(), False)
        with self.transaction(changes_data=False) as conn:  # read when files are read, not in the dataset
            conn.execute(batches_table.insert().values(batch.row(uuid.uuid4().hex)))
            conn.execute(localities_table.insert().values(batch_id=batch.id, key=key, locality=name, gmina=gmina))
        return batch

    def save_targets(self, cycle: str, kind: str, shares: dict[str, float]) -> None:
        """The office's target mix of ``kind`` (sector | gmina) for ``cycle``, replacing the one saved before.

        ``shares``: code -> share (0–1); a code left out (or 0) has no target. Refused with a Polish
        sentence when a share is outside 0–100% or they add up to more than 100%.
        """
        kept = edits.targets(kind, shares)
        now = dt.datetime.now().replace(microsecond=0)
        with self.transaction() as conn:
            conn.execute(targets_table.delete().where(targets_table.c.cycle == cycle, targets_table.c.kind == kind))
            if kept:
                conn.execute(targets_table.insert(), [{"cycle": cycle, "kind": kind, "code": code, "share": share,
                                                       "saved_at": now} for code, share in kept.items()])

    # --- check-ins at the door (their rules: analysis.checkin) ---------------------------------------

    @contextmanager
    def _reading(self, conn: sa.Connection | None) -> Iterator[sa.Connection]:
        """``conn`` when given (the caller's transaction), else a connection of its own for one read."""
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as own:
            yield own

    def all_checkins(self) -> list[CheckInRow]:
        """Every check-in at the door, by cycle and workshop."""
        with self.engine.connect() as conn:
            return checkins.all_checkins(conn)

    def checkin(self, checkin_id: str, conn: sa.Connection | None = None) -> CheckInRow | None:
        """One check-in (read inside ``conn`` when given); None when there is none of that id."""
        with self._reading(conn) as c:
            return checkins.one(c, checkin_id)

    def checkin_of_workshop(self, cycle: str, workshop: int, conn: sa.Connection | None = None) -> CheckInRow | None:
        with self._reading(conn) as c:
            return checkins.of_workshop(c, cycle, workshop)

    def scheduled(self, conn: sa.Connection, cycle: str, workshop: int) -> list[tuple[dt.date | None, bool]]:
        """Inside a transaction: the workshop's rows in the schedules in force, (its date, whether the sample's)."""
        return checkins.scheduled(conn, cycle, workshop)

    def add_checkin(self, conn: sa.Connection, checkin: CheckInRow) -> None:
        """Inside the write transaction ``conn``: a new check-in."""
        checkins.insert(conn, checkin)

    def reopen_checkin(self, conn: sa.Connection, checkin_id: str, clause: str, keep_until: dt.date,
                       address: str | None = None) -> None:
        """Inside the write transaction ``conn``: the check-in open (again), with its clause and day renewed (and
        the hall's address, when given)."""
        checkins.reopen(conn, checkin_id, clause, keep_until, address)

    def checkin_address(self, checkin_id: str, address: str) -> CheckInRow | None:
        """The hall's address phones open (the poster's QR code) kept with the check-in; the check-in as it is then."""
        with self.transaction(changes_data=False) as conn:
            checkins.set_address(conn, checkin_id, address)
            return checkins.one(conn, checkin_id)

    def close_checkin(self, conn: sa.Connection, checkin_id: str, batch_id: str) -> None:
        """Inside the write transaction ``conn``: the check-in closed now into the attendance batch ``batch_id``."""
        checkins.close(conn, checkin_id, dt.datetime.now(), batch_id)

    def checkin_shredded(self, checkin_id: str) -> CheckInRow | None:
        """The check-in's names destroyed now (its files: ``analysis.checkin.names``); the check-in as it is then."""
        with self.transaction(changes_data=False) as conn:
            checkins.shredded(conn, checkin_id, dt.datetime.now())
            return checkins.one(conn, checkin_id)

    def add_checked_in(self, conn: sa.Connection, row: CheckedInRow) -> bool:
        """Inside the write transaction ``conn``: one person checked in, unless the database has them already
        (one row per person and check-in, by its primary key); whether the row is new."""
        return checkins.add_person(conn, row)

    def give_card(self, conn: sa.Connection, checkin_id: str, person: str) -> bool:
        """Inside the write transaction ``conn``: mark the person checked in as given their ballot card, unless they
        were already (a conditional update the database decides); whether it was marked now."""
        return checkins.give_card(conn, checkin_id, person)

    def give_survey_card(self, conn: sa.Connection, checkin_id: str, person: str) -> bool:
        """Inside the write transaction ``conn``: mark the person checked in as given a survey card, unless they were
        already (a conditional update the database decides); whether it was marked now."""
        return checkins.give_survey_card(conn, checkin_id, person)

    def checked_in(self, checkin_id: str, person: str | None = None,
                   conn: sa.Connection | None = None) -> list[CheckedInRow]:
        """The check-in's people in the order they came (only ``person``'s row, given a pseudonym)."""
        with self._reading(conn) as c:
            return checkins.people(c, checkin_id, person)

    def checked_in_places(self, checkin_id: str) -> tuple[CheckInRow | None, list[tuple[str, str]]]:
        """The check-in and each of its people's (sector, gmina), read on one connection: what a live count asks."""
        with self.engine.connect() as conn:
            return checkins.one(conn, checkin_id), checkins.places(conn, checkin_id)

    def earlier_workshops(self, persons: Iterable[str], cycle: str, workshop: int) -> Counter[str]:
        """Per pseudonym: how many other workshops (of any cycle) have them on their attendance in force."""
        with self.engine.connect() as conn:
            return checkins.earlier_workshops(conn, persons, cycle, workshop)

    def last_place(self, person: str, cycle: str, workshop: int) -> tuple[str, str, str] | None:
        """The (institution, sector, gmina) of the pseudonym's latest attendance in force naming an institution, other
        than ``cycle``'s ``workshop``; None when none."""
        with self.engine.connect() as conn:
            return checkins.last_place(conn, person, cycle, workshop)

    def listed_institutions(self) -> checkins.Institutions:
        """The institutions of the attendance lists in force (not the sample's), grouped with their sector and gmina:
        (institution as written, sector, gmina, rows)."""
        with self.engine.connect() as conn:
            return checkins.stored_institutions(conn)

    def checked_in_institutions(self) -> checkins.Institutions:
        """The institutions of people checked in at the check-ins still open, grouped as ``listed_institutions``."""
        with self.engine.connect() as conn:
            return checkins.institutions_at_open_checkins(conn)

    def institutions_now(self) -> tuple[str, checkins.Institutions]:
        """``version()`` and ``checked_in_institutions()`` read on one connection: what a check-in form's every
        script run asks to know whether the institutions it lists have changed."""
        with self.engine.connect() as conn:
            return f"{self.url}#{engine.meta(conn, 'data_version')}", checkins.institutions_at_open_checkins(conn)

    # --- the partners' surveys (their rules: ``analysis.survey``) ---------------------------------

    def all_surveys(self) -> list[surveys.SurveyRow]:
        with self.engine.connect() as conn:
            return surveys.all_surveys(conn)

    def survey(self, survey_id: str, conn: sa.Connection | None = None) -> surveys.SurveyRow | None:
        if conn is not None:
            return surveys.one(conn, survey_id)
        with self.engine.connect() as c:
            return surveys.one(c, survey_id)

    def survey_of_workshop(self, cycle: str, workshop: int, conn: sa.Connection | None = None
                           ) -> surveys.SurveyRow | None:
        if conn is not None:
            return surveys.of_workshop(conn, cycle, workshop)
        with self.engine.connect() as c:
            return surveys.of_workshop(c, cycle, workshop)

    def add_survey(self, conn: sa.Connection, survey: surveys.SurveyRow) -> bool:
        """The survey added in the caller's write transaction unless its workshop has one; whether it was."""
        return surveys.insert(conn, survey)

    def close_survey(self, conn: sa.Connection, survey_id: str, at: dt.datetime | None) -> None:
        """The survey closed at ``at`` (None: open again), in the caller's write transaction; closing rewrites its
        cards, marks and answers in the order of their keys (``surveys.in_key_order``)."""
        surveys.set_closed(conn, survey_id, at)
        if at is not None:
            surveys.in_key_order(conn, survey_id)

    def survey_answered(self, card: str, conn: sa.Connection | None = None) -> bool:
        """Whether the card (its token hash) has answered a survey."""
        if conn is not None:
            return surveys.answered(conn, card)
        with self.engine.connect() as c:
            return surveys.answered(c, card)

    def add_survey_answer(self, conn: sa.Connection, survey_id: str, card: str, sector: str, scores: str,
                          comment: str | None) -> bool:
        """One answer of a card, in the caller's write transaction (``surveys.add_answer``); False: answered before."""
        return surveys.add_answer(conn, survey_id, card, sector, scores, comment)

    def survey_answers(self, survey_id: str) -> pd.DataFrame:
        """sector, scores, comment of a survey's answers (no card, no time)."""
        with self.engine.connect() as conn:
            return surveys.answers(conn, survey_id)

    def survey_count(self, survey_id: str) -> int:
        with self.engine.connect() as conn:
            return surveys.count(conn, survey_id)

    def survey_codes_taken(self, conn: sa.Connection, code_hashes: list[str]) -> set[str]:
        """Which short codes' hashes a card (of a survey or a vote) has already, in the caller's transaction."""
        return surveys.codes_taken(conn, code_hashes)

    def add_survey_cards(self, conn: sa.Connection, survey_id: str, sector: str, hashes: list[tuple[str, str]]) -> None:
        """The survey's new cards (token hash, code hash) in the caller's write transaction."""
        surveys.add_cards(conn, survey_id, sector, hashes)

    def survey_card(self, kind: str, hash_: str) -> surveys.SurveyCardRow | None:
        """The survey card of a token's or a short code's hash (``kind``: token | code)."""
        with self.engine.connect() as conn:
            return surveys.card(conn, kind, hash_)

    def survey_cards(self, survey_id: str) -> dict[str, int]:
        """The survey's own cards made per sector."""
        with self.engine.connect() as conn:
            return surveys.cards_per_sector(conn, survey_id)

    # --- the sample cycle ----------------------------------------------------------------------

    def remove_sample(self) -> int:
        """Remove the sample cycle, with what was done to it (``batches.remove_sample``); the batches removed."""
        with self.transaction() as conn:
            return batches.remove_sample(conn)

    def seed_sample_if_empty(self) -> bool:
        """A fresh store starts with the sample cycle (marked as sample data), exactly once."""
        with self.engine.connect() as conn:
            if sample_cycle.seeded(conn):
                return False
        steps = sample_cycle.read()  # read before the write lock is taken
        with self._writing() as conn:  # the check and the seeding are one decision
            return sample_cycle.seed(conn, steps, lambda c, uploads, on_existing: self._import(
                c, uploads, on_existing, is_sample=True))


def _pseudonyms_kept(conn: sa.Connection) -> bool:
    """Whether the store holds any pseudonym: an attendance row or a person checked in at the door."""
    return any(conn.execute(sa.select(table.c.person).limit(1)).first() is not None
               for table in (attendance_table, checkin_people_table))


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
