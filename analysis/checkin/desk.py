"""A workshop's check-in at the door: open it, check people in (desk or phone), close it into a batch.

Every write goes through the store's write transaction (``Store.transaction``), so a check and the write
it guards are one decision, in one process or several. A person is their keyed pseudonym (the name
folded as the importer folds it, under the store's key): the pseudonym is part of the primary key of
``checkin_people``, so the same person twice — two phones, phone and desk, a double tap, a request
sent again after the network dropped — is one row by the database's own rule, and the second answer
says "already checked in". The name goes to the check-in's folder of names (``names``), flushed to
the disk before the row commits; the store never sees it.

A check-in's life: opened (the office's RODO clause, the day its names are kept until) → people
checked in → closed: its rows become one attendance batch of the store, like an imported list
(history, undo, every number; the workshop is held from then on) and the paper list is written → its
names shredded after the day they are kept until. A workshop with a list in force cannot be opened, and
an imported list of a workshop whose check-in is open is refused (``Store.import_uploads``). Undoing the
closing's batch lets the office open the check-in again, with the people already checked in.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from analysis import privacy
from analysis.checkin import names
from analysis.checkin.form import (
    CHANNELS,
    Form,
    check_keep_until,
    clean_clause,
    clean_institution,
    clean_name,
    gmina_code,
    sector_code,
)
from analysis.errors import UserError
from analysis.folding import fold
from analysis.store import Batch, Store
from analysis.store.schema import ROW_TABLES, batches, checkin_people_table, checkins_table, workshops_table
from analysis.vocabulary import sector_from_institution

CLOSED = ("Rejestracja na ten warsztat jest już zamknięta — nikogo nie zapisano. Zgłoś się do stolika "
          "organizatorów, aby wpisać się na listę obecności.")
NOT_FOUND = "Nie ma takiej rejestracji — mogła zostać usunięta. Wybierz warsztat z listy i otwórz rejestrację."
OTHER = ("Ten formularz jest z rejestracji na inny warsztat ({workshop}) — nikogo nie zapisano. Odśwież stronę "
         "rejestracji dzisiejszego warsztatu i wpisz się ponownie.")


# one queue per SQLite store in this process: the phones' and the desk's check-ins wait here in turn instead of
# in SQLite's busy handler, which sleeps ever longer between tries and lets a late request overtake an early one
_QUEUES: dict[str, threading.Lock] = {}
_QUEUES_GUARD = threading.Lock()


@contextmanager
def _in_turn(store: Store) -> Iterator[None]:
    """Hold this process's queue of the store (SQLite only: PostgreSQL queues writers on its advisory lock)."""
    if not store.is_sqlite:
        yield
        return
    with _QUEUES_GUARD:
        queue = _QUEUES.setdefault(store.url, threading.Lock())
    with queue:
        yield


# the stored lists' institutions (rows grouped by institution, sector, gmina), by the store's url#version
_STORED_INSTITUTIONS: dict[str, list[tuple]] = {}


@dataclass(frozen=True)
class CheckIn:
    """One workshop's check-in, as the store holds it."""

    id: str
    cycle: str
    workshop: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    clause: str
    keep_until: dt.date
    batch_id: str | None
    shredded_at: dt.datetime | None

    @property
    def state(self) -> str:
        """open | closed | shredded (closed, and its names destroyed)."""
        if self.closed_at is None:
            return "open"
        return "shredded" if self.shredded_at is not None else "closed"

    @property
    def folder(self) -> Path:
        """Where its names are kept (the data folder's ``rejestracja/…``)."""
        return names.folder_of(self.cycle, self.workshop)

    @property
    def list_file(self) -> Path:
        """Where its paper list for signatures is written (``export``, and at closing)."""
        return names.list_file(self.cycle, self.workshop)


@dataclass(frozen=True)
class Registered:
    """The answer to one person's check-in: stored now or before, and how many workshops they attended earlier."""

    already: bool  # checked in before (a retry, a second phone): nothing new stored
    earlier_workshops: int  # other workshops this person is on the attendance of (every cycle in the store)
    institution: str
    sector: str
    gmina: str
    checked_at: dt.datetime

    @property
    def returning(self) -> bool:
        return self.earlier_workshops > 0


@dataclass(frozen=True)
class Suggestion:
    """An institution the partnership knows, with the sector and gmina given for it most often."""

    institution: str
    sector: str
    gmina: str
    people: int  # rows it is on (attendance in force, people checked in at open check-ins)


@dataclass(frozen=True)
class Closed:
    checkin: CheckIn
    batch: Batch
    sample_removed: bool
    list_path: Path | None  # the paper list written (None: it could not be written; export it again)
    list_error: str | None = None


def _checkin(row: sa.RowMapping) -> CheckIn:
    return CheckIn(row["id"], row["cycle"], int(row["workshop"]), row["opened_at"], row["closed_at"], row["clause"],
                   row["keep_until"], row["batch_id"], row["shredded_at"])


class CheckIns:
    """The check-ins of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # --- reading -------------------------------------------------------------------------------

    def all(self) -> list[CheckIn]:
        t = checkins_table
        with self.engine.connect() as conn:
            return [_checkin(r) for r in conn.execute(sa.select(t).order_by(t.c.cycle, t.c.workshop)).mappings()]

    def get(self, checkin_id: str) -> CheckIn:
        with self.engine.connect() as conn:
            return _get(conn, checkin_id)

    def of_workshop(self, cycle: str, workshop: int) -> CheckIn | None:
        t = checkins_table
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t).where(t.c.cycle == str(cycle), t.c.workshop == int(workshop))
                               ).mappings().first()
        return _checkin(row) if row is not None else None

    def people(self, checkin_id: str) -> pd.DataFrame:
        """Who is checked in, without names: institution, sector, gmina, channel, checked_at, in order of
        arrival, and ``earlier`` — how many other workshops each attended (attendance in force)."""
        p, a = checkin_people_table, ROW_TABLES["attendance"]
        with self.engine.connect() as conn:
            checkin = _get(conn, checkin_id)
            rows = conn.execute(sa.select(p.c.person, p.c.institution, p.c.sector, p.c.gmina, p.c.channel,
                                          p.c.checked_at).where(p.c.checkin_id == checkin_id)
                                .order_by(p.c.checked_at, p.c.person)).all()
            seen = conn.execute(sa.select(a.c.person, a.c.cycle, a.c.workshop).distinct().where(
                a.c.person.in_(sa.select(p.c.person).where(p.c.checkin_id == checkin_id)),
                a.c.replaced_by.is_(None),
                sa.not_(sa.and_(a.c.cycle == checkin.cycle, a.c.workshop == checkin.workshop)))).all()
        earlier = Counter(person for person, _, _ in seen)
        frame = pd.DataFrame([(r.institution or "", r.sector, r.gmina, r.channel, r.checked_at, earlier[r.person])
                              for r in rows],
                             columns=["institution", "sector", "gmina", "channel", "checked_at", "earlier"])
        return frame.astype({"earlier": "int64"})

    def live(self, checkin_id: str) -> tuple[CheckIn, pd.DataFrame]:
        """The check-in and its people's sector and gmina, read on one connection: what a live count asks for."""
        p = checkin_people_table
        with self.engine.connect() as conn:
            checkin = _get(conn, checkin_id)
            rows = conn.execute(sa.select(p.c.sector, p.c.gmina).where(p.c.checkin_id == checkin_id)).all()
        return checkin, pd.DataFrame([tuple(r) for r in rows], columns=["sector", "gmina"])

    def institutions(self) -> dict[str, Suggestion]:
        """Every institution the partnership knows (attendance in force, not the sample's, and people checked in
        at open check-ins), by its folded name: the way it is written most often, with the sector and gmina
        given for it most often. Institutions are not personal data. The stored lists' part is read once per
        state of the store (``Store.version``); the open check-ins' part every time."""
        a, p, t = ROW_TABLES["attendance"], checkin_people_table, checkins_table
        version = self.store.version()
        stored = _STORED_INSTITUTIONS.get(version)
        with self.engine.connect() as conn:
            if stored is None:
                stored = [tuple(r) for r in conn.execute(
                    sa.select(a.c.institution, a.c.sector, a.c.gmina, sa.func.count().label("n"))
                    .join(batches, batches.c.id == a.c.batch_id)
                    .where(a.c.replaced_by.is_(None), sa.not_(batches.c.is_sample), a.c.institution.is_not(None))
                    .group_by(a.c.institution, a.c.sector, a.c.gmina))]
                _STORED_INSTITUTIONS.clear()  # one state of one store kept: the newest
                _STORED_INSTITUTIONS[version] = stored
            today = conn.execute(sa.select(p.c.institution, p.c.sector, p.c.gmina, sa.func.count().label("n"))
                                 .join(t, t.c.id == p.c.checkin_id)
                                 .where(t.c.closed_at.is_(None), p.c.institution.is_not(None))
                                 .group_by(p.c.institution, p.c.sector, p.c.gmina)).all()
        written: dict[str, Counter[str]] = {}
        sectors: dict[str, Counter[str]] = {}
        gminas: dict[str, Counter[str]] = {}
        for institution, sector, gmina, n in [*stored, *today]:
            key = fold(institution)
            if not key:
                continue
            written.setdefault(key, Counter())[str(institution).strip()] += int(n)
            if sector != "other":
                sectors.setdefault(key, Counter())[sector] += int(n)
            if gmina != "unknown":
                gminas.setdefault(key, Counter())[gmina] += int(n)
        return {key: Suggestion(_most(forms), _most(sectors.get(key)) or "other",
                                _most(gminas.get(key)) or "outside", sum(forms.values()))
                for key, forms in written.items()}

    # --- writing -------------------------------------------------------------------------------

    def open(self, cycle: str, workshop: int, clause: str, keep_until: dt.date,
             today: dt.date | None = None) -> CheckIn:
        """Open the workshop's check-in (again: the same one, its clause and day renewed). Refused for a workshop
        not in the schedule or only in the sample, one with a list in force, one closed into a batch, one shredded."""
        today = today or dt.date.today()
        text = clean_clause(clause)
        cycle, workshop = str(cycle), int(workshop)
        w = workshops_table
        with self.store.transaction(changes_data=False) as conn:
            scheduled = conn.execute(sa.select(w.c.date, batches.c.is_sample).join(batches, batches.c.id == w.c.batch_id)
                                     .where(w.c.cycle == cycle, w.c.workshop == workshop)).all()
            if not scheduled:
                raise UserError(f"W harmonogramie cyklu {cycle} nie ma warsztatu {workshop}. Wybierz warsztat z listy "
                                "albo najpierw zaimportuj harmonogram.", "no_such_workshop")
            if all(bool(sample) for _, sample in scheduled):
                raise UserError("Ten warsztat należy do danych przykładowych. Rejestracja przy wejściu jest dla "
                                "prawdziwych warsztatów: zaimportuj najpierw harmonogram swojego cyklu "
                                "(strona „Dane”).", "checkin_sample")
            day = next((d for d, _ in scheduled if isinstance(d, dt.date)), None)
            until = check_keep_until(keep_until, day, today)
            existing = conn.execute(sa.select(checkins_table).where(checkins_table.c.cycle == cycle,
                                                                    checkins_table.c.workshop == workshop)
                                    ).mappings().first()
            found = _checkin(existing) if existing is not None else None
            if found is not None and found.state == "shredded":
                raise UserError("Rejestracja na ten warsztat została zamknięta, a nazwiska z niej zniszczone — nie "
                                "można jej otworzyć ponownie.", "checkin_closed")
            if found is not None and found.state == "closed" and found.batch_id is not None:
                raise UserError("Rejestracja na ten warsztat jest już zamknięta, a lista obecności z niej zapisana "
                                "w magazynie. Aby ją otworzyć ponownie, cofnij najpierw tę partię (strona "
                                "„Historia” albo python -m analysis undo).", "checkin_closed")
            if self.store.has_attendance_list(conn, cycle, workshop):
                raise UserError(f"Warsztat {workshop} ma już listę obecności w magazynie (zaimportowaną z pliku). "
                                "Rejestracja przy wejściu utworzyłaby drugą listę tego warsztatu — cofnij tamten "
                                "import albo wybierz inny warsztat.", "checkin_list_exists")
            values = {"clause": text, "keep_until": until, "closed_at": None}
            if found is None:
                checkin_id = uuid.uuid4().hex
                conn.execute(checkins_table.insert().values(id=checkin_id, cycle=cycle, workshop=workshop,
                                                            opened_at=dt.datetime.now(), **values))
            else:
                checkin_id = found.id
                conn.execute(checkins_table.update().where(checkins_table.c.id == checkin_id).values(**values))
            return _get(conn, checkin_id)

    def check_in(self, form: Form, now: dt.datetime | None = None) -> Registered:
        """Check one person in (``Form``). Refused with a Polish sentence, nothing stored: a name, institution,
        sector or gmina that cannot be one, no consent, an unknown institution without its sector and gmina, a
        check-in that is closed, unknown or of another workshop than the form's. The same person again is
        the row already stored (``already``)."""
        name = clean_name(form.name)
        institution = clean_institution(form.institution)
        sector, gmina = sector_code(form.sector), gmina_code(form.gmina)
        if form.channel not in CHANNELS:
            raise UserError("Nieznany sposób rejestracji.", "checkin_bad_settings")
        if not form.consent:
            raise UserError("Bez zgody na wpisanie na listę obecności nie możemy Cię zarejestrować — zaznacz zgodę "
                            "albo zgłoś się do stolika organizatorów.", "checkin_no_consent")
        known = self.institutions().get(fold(institution)) if institution else None
        if known is not None:  # written as the partnership writes it most often
            institution = known.institution
        sector = sector or (known.sector if known is not None else None)
        gmina = gmina or (known.gmina if known is not None else None)
        if sector is None or gmina is None:
            missing = " i ".join(w for w, v in (("sektor", sector), ("gminę", gmina)) if v is None)
            what = "Tej instytucji nie znamy jeszcze" if institution else "Bez nazwy instytucji"
            raise UserError(f"{what} — wybierz {missing} z listy, a potem zatwierdź ponownie.",
                            "checkin_needs_sector")
        at = now or dt.datetime.now()  # to the microsecond: the order people came in
        with _in_turn(self.store), self.store.transaction(changes_data=False) as conn:
            checkin = _get(conn, form.checkin_id)
            if (checkin.cycle, checkin.workshop) != (str(form.cycle), int(form.workshop)):
                raise UserError(OTHER.format(workshop=checkin.workshop), "checkin_other_workshop")
            if checkin.state != "open":
                raise UserError(CLOSED, "checkin_closed")
            person = privacy.pseudonyms(self.store.pseudonym_key(conn), [name])[0]
            row = {"checkin_id": checkin.id, "person": person, "institution": institution or None, "sector": sector,
                   "gmina": gmina, "channel": form.channel, "checked_at": at}
            inserted = _insert_once(conn, row)
            if inserted:  # the name on the disk before the row commits: a row never lacks its name
                names.append(checkin.folder, person, name, institution, at)
        with self.engine.connect() as conn:  # the answer is read after the write lock is let go
            stored = conn.execute(sa.select(checkin_people_table).where(
                checkin_people_table.c.checkin_id == checkin.id, checkin_people_table.c.person == person)
            ).mappings().one()
            earlier = _earlier_workshops(conn, person, checkin)
        return Registered(not inserted, earlier, stored["institution"] or "", stored["sector"], stored["gmina"],
                          stored["checked_at"])

    def close(self, checkin_id: str) -> Closed:
        """Close the check-in: its people become one attendance batch of the store (undoable; the workshop is
        held), then the paper list is written to its folder. Closing a closed check-in again gives its batch."""
        p = checkin_people_table
        with self.store.transaction() as conn:
            checkin = _get(conn, checkin_id)
            if checkin.state != "open":
                batch = self.store.batch(checkin.batch_id) if checkin.batch_id else None
                if batch is None:
                    raise UserError("Ta rejestracja jest już zamknięta, a jej lista obecności cofnięta. Otwórz ją "
                                    "ponownie, aby zapisać listę.", "checkin_closed")
                return Closed(checkin, batch, False, None)
            rows = conn.execute(sa.select(p.c.person, p.c.institution, p.c.sector, p.c.gmina)
                                .where(p.c.checkin_id == checkin_id).order_by(p.c.checked_at, p.c.person)).all()
            if not rows:
                raise UserError("Nikt się jeszcze nie zarejestrował — nie ma listy do zapisania. Rejestracja zostaje "
                                "otwarta.", "checkin_empty")
            frame = pd.DataFrame([(checkin.cycle, checkin.workshop, r.person, r.institution, r.sector, r.gmina, None,
                                   None) for r in rows],
                                 columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                          "group"])
            batch, sample_removed = self.store.save_checked_in(
                conn, f"Rejestracja przy wejściu: warsztat {checkin.workshop}", "rejestracja przy wejściu",
                checkin.cycle, checkin.workshop, frame)
            conn.execute(checkins_table.update().where(checkins_table.c.id == checkin_id)
                         .values(closed_at=dt.datetime.now(), batch_id=batch.id))
            checkin = _get(conn, checkin_id)
        try:
            path: Path | None = self.export(checkin_id)
            error = None
        except UserError as exc:  # the batch is saved; the list can be written again (export)
            path, error = None, exc.message
        return Closed(checkin, batch, sample_removed, path, error)

    def export(self, checkin_id: str) -> Path:
        """The paper list for signatures (xlsx) written to the check-in's folder of names: the people checked in,
        in the order they came, with their names; its path."""
        checkin = self.get(checkin_id)
        if checkin.state == "shredded":
            raise UserError(f"Nazwiska z rejestracji na warsztat {checkin.workshop} zostały zniszczone "
                            f"{checkin.shredded_at:%d.%m.%Y} — listy nie można już utworzyć.", "checkin_shredded")
        p = checkin_people_table
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(p).where(p.c.checkin_id == checkin_id)
                                .order_by(p.c.checked_at, p.c.person)).mappings().all()
        kept = names.names(checkin.folder)
        people = [names.Listed(kept.get(r["person"], "(nazwisko niedostępne)"), r["institution"] or "", r["sector"],
                               r["gmina"], r["checked_at"]) for r in rows]
        title = (f"Lista obecności – warsztat nr {checkin.workshop}, cykl {checkin.cycle} (rejestracja przy wejściu; "
                 f"nazwiska przechowywane do {checkin.keep_until:%d.%m.%Y})")
        return names.write_list(checkin.list_file, title, people)

    def shred(self, today: dt.date | None = None, checkin_id: str | None = None,
              early: bool = False) -> list[tuple[CheckIn, list[Path]]]:
        """Destroy the names of closed check-ins whose day of keeping has passed (or of ``checkin_id``; before its
        day only with ``early``): every file of their folders; each check-in with the files removed."""
        today = today or dt.date.today()
        chosen = [self.get(checkin_id)] if checkin_id is not None else [
            c for c in self.all() if c.state == "closed" and c.keep_until < today]
        done = []
        for checkin in chosen:
            if checkin.state == "open":
                raise UserError(f"Rejestracja na warsztat {checkin.workshop} jest otwarta — zamknij ją, zanim "
                                "zniszczysz nazwiska.", "checkin_open")
            if checkin.keep_until >= today and not early:
                raise UserError(f"Nazwiska z rejestracji na warsztat {checkin.workshop} mają być przechowywane do "
                                f"{checkin.keep_until:%d.%m.%Y}. Aby zniszczyć je wcześniej, potwierdź to "
                                "(--teraz).", "checkin_keep")
            removed = names.shred(checkin.folder)
            with self.store.transaction(changes_data=False) as conn:
                conn.execute(checkins_table.update().where(checkins_table.c.id == checkin.id)
                             .values(shredded_at=dt.datetime.now()))
                done.append((_get(conn, checkin.id), removed))
        return done


def suggest(known: dict[str, Suggestion], text: str, limit: int = 8) -> list[Suggestion]:
    """The known institutions matching what is typed so far: names starting with it first, then names with a
    word starting with it, then containing it; the more people, the higher."""
    typed = fold(text)
    if not typed:
        return []
    ranked = []
    for key, suggestion in known.items():
        if key.startswith(typed):
            rank = 0
        elif f" {typed}" in f" {key}":
            rank = 1
        elif typed in key:
            rank = 2
        else:
            continue
        ranked.append((rank, -suggestion.people, key, suggestion))
    return [s for *_, s in sorted(ranked, key=lambda r: r[:3])[:limit]]


def guessed_sector(institution: str) -> str | None:
    """The sector a new institution's name suggests ("Fundacja…": ngo), for the form to preselect."""
    return sector_from_institution(institution) if institution else None


def _most(counts: Counter[str] | None) -> str:
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _get(conn: sa.Connection, checkin_id: str) -> CheckIn:
    row = conn.execute(sa.select(checkins_table).where(checkins_table.c.id == str(checkin_id))).mappings().first()
    if row is None:
        raise UserError(NOT_FOUND, "checkin_unknown")
    return _checkin(row)


def _insert_once(conn: sa.Connection, row: Mapping[str, object]) -> bool:
    """Insert the person's row unless the database already has it (its primary key); whether it was inserted."""
    t = checkin_people_table
    statement: sa.Insert
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(t).values(row).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(t).values(row).on_conflict_do_nothing()
    return conn.execute(statement.returning(t.c.person)).first() is not None


def _earlier_workshops(conn: sa.Connection, person: str, checkin: CheckIn) -> int:
    """Other workshops (of any cycle) whose attendance in force has this person."""
    a = ROW_TABLES["attendance"]
    return len(conn.execute(sa.select(a.c.cycle, a.c.workshop).distinct().where(
        a.c.person == person, a.c.replaced_by.is_(None),
        sa.not_(sa.and_(a.c.cycle == checkin.cycle, a.c.workshop == checkin.workshop)))).all())
