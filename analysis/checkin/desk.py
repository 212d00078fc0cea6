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

import dataclasses
import datetime as dt
import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import privacy
from analysis.checkin import names
from analysis.checkin.form import (
    CHANNELS,
    Form,
    check_keep_until,
    clean_clause,
    clean_institution,
    clean_name,
    form_age_group,
    form_gender,
    gmina_code,
    sector_code,
)
from analysis.errors import UserError
from analysis.folding import fold
from analysis.store import Batch, CheckedInRow, CheckInRow, Store
from analysis.vocabulary import sector_from_institution

CLOSED = ("Rejestracja na ten warsztat jest już zamknięta — nikogo nie zapisano. Zgłoś się do stolika "
          "organizatorów, aby wpisać się na listę obecności.")
NOT_FOUND = "Nie ma takiej rejestracji — mogła zostać usunięta. Wybierz warsztat z listy i otwórz rejestrację."
OTHER = ("Ten formularz jest z rejestracji na inny warsztat ({workshop}) — nikogo nie zapisano. Odśwież stronę "
         "rejestracji dzisiejszego warsztatu i wpisz się ponownie.")


# one queue per SQLite store in this process: the phones' and the desk's check-ins wait here in turn instead of
# in SQLite's busy handler, which sleeps ever longer between tries and lets a late request overtake an early one;
# re-entrant, so that a caller may hold its turn around a check-in (``CheckIns.in_turn``)
_QUEUES: dict[str, threading.RLock] = {}
_QUEUES_GUARD = threading.Lock()


@contextmanager
def _in_turn(store: Store) -> Iterator[None]:
    """Hold this process's queue of the store (SQLite only: PostgreSQL queues writers on its advisory lock)."""
    if not store.is_sqlite:
        yield
        return
    with _QUEUES_GUARD:
        queue = _QUEUES.setdefault(store.url, threading.RLock())
    with queue:
        yield


# the stored lists' institutions (rows grouped by institution, sector, gmina; each with its folded name), by the
# store's url#version: folded once per state of the store, not on every phone's script run
_STORED_INSTITUTIONS: dict[str, list[tuple[str, str, str, str, int]]] = {}
# the known institutions as last built, per store's url: what they were built from (the stored lists' version and
# the open check-ins' grouped rows), the suggestions, and their names in the order a form lists them
_KNOWN: dict[str, tuple[tuple[str, tuple], dict[str, Suggestion], tuple[str, ...]]] = {}


Places = tuple[tuple[tuple[str, str], int], ...]  # ((sector, gmina), people), sorted: a check-in's live places

# a check-in's state as the office reads it (the desk page, the command line)
STATE_LABELS = {"open": "otwarta", "closed": "zamknięta", "shredded": "zamknięta, nazwiska zniszczone"}


@dataclass(frozen=True)
class CheckIn(CheckInRow):
    """One workshop's check-in, as the store holds it, with its state and where its names are kept."""

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
    person: str = ""  # the keyed pseudonym (never shown): what the person's ballot card is given under
    has_card: bool = False  # a ballot card was given to this person already (``analysis.checkin.cards``)

    @property
    def returning(self) -> bool:
        return self.earlier_workshops > 0


@dataclass(frozen=True)
class Recognised:
    """What the desk learns from a typed name before checking the person in (``CheckIns.recognise``)."""

    already: bool  # on this check-in's list already
    earlier_workshops: int  # other workshops this person is on the attendance of
    institution: str | None  # the institution of their latest workshop, as the partnership writes it (None: none)
    person: str = ""  # the keyed pseudonym (never shown): what a printed card is handed out under

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


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(**{f.name: getattr(row, f.name) for f in dataclasses.fields(CheckInRow)})


class CheckIns:
    """The check-ins of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- reading -------------------------------------------------------------------------------

    def all(self) -> list[CheckIn]:
        return [_checkin(r) for r in self.store.all_checkins()]

    def open_now(self, cycle: str | None = None) -> list[CheckIn]:
        """The check-ins open now (of ``cycle`` when given), by cycle and workshop."""
        return [c for c in self.all() if c.state == "open" and (cycle is None or c.cycle == cycle)]

    def get(self, checkin_id: str) -> CheckIn:
        return _found(self.store.checkin(checkin_id))

    def of_workshop(self, cycle: str, workshop: int) -> CheckIn | None:
        row = self.store.checkin_of_workshop(str(cycle), int(workshop))
        return _checkin(row) if row is not None else None

    def people(self, checkin_id: str) -> pd.DataFrame:
        """Who is checked in, without names: institution, sector, gmina, channel, checked_at, in order of
        arrival, and ``earlier`` — how many other workshops each attended (attendance in force)."""
        checkin = self.get(checkin_id)
        rows = self.store.checked_in(checkin_id)
        earlier = self.store.earlier_workshops([r.person for r in rows], checkin.cycle, checkin.workshop)
        frame = pd.DataFrame([(r.institution or "", r.sector, r.gmina, r.channel, r.checked_at, earlier[r.person])
                              for r in rows],
                             columns=["institution", "sector", "gmina", "channel", "checked_at", "earlier"])
        return frame.astype({"earlier": "int64"})

    def live(self, checkin_id: str) -> tuple[CheckIn, pd.DataFrame]:
        """The check-in and its people's sector and gmina, read on one connection: what a live count asks for."""
        checkin, places = self.live_places(checkin_id)
        return checkin, places_frame(places)

    def live_places(self, checkin_id: str) -> tuple[CheckIn, Places]:
        """The check-in and how many of its people have each (sector, gmina), sorted: ``live`` without a frame, what
        a refresh compares with the last one's to count again only when someone new is checked in."""
        checkin, places = self.store.checked_in_places(checkin_id)
        return _found(checkin), tuple(sorted(Counter(places).items()))

    def institutions(self) -> dict[str, Suggestion]:
        """Every institution the partnership knows (attendance in force, not the sample's, and people checked in
        at open check-ins), by its folded name: the way it is written most often, with the sector and gmina
        given for it most often. Institutions are not personal data. The stored lists' part is read once per
        state of the store (``Store.version``); the open check-ins' part every time, and the whole built again
        only when either has changed (a new person's institution, sector or gmina, a new list)."""
        return self._known()[0]

    def institution_names(self) -> tuple[str, ...]:
        """The known institutions' names as a form lists them (``institutions``, alphabetically, case aside)."""
        return self._known()[1]

    def _known(self) -> tuple[dict[str, Suggestion], tuple[str, ...]]:
        version, open_now = self.store.institutions_now()
        today = tuple(open_now)
        stored = _STORED_INSTITUTIONS.get(version)
        if stored is None:
            stored = _folded(self.store.listed_institutions())
            _STORED_INSTITUTIONS.clear()  # one state of one store kept: the newest
            _STORED_INSTITUTIONS[version] = stored
        built = _KNOWN.get(self.store.url)
        if built is not None and built[0] == (version, today):
            return built[1], built[2]
        written: dict[str, Counter[str]] = {}
        sectors: dict[str, Counter[str]] = {}
        gminas: dict[str, Counter[str]] = {}
        for key, institution, sector, gmina, n in [*stored, *_folded(today)]:
            written.setdefault(key, Counter())[institution] += n
            if sector != "other":
                sectors.setdefault(key, Counter())[sector] += n
            if gmina != "unknown":
                gminas.setdefault(key, Counter())[gmina] += n
        known = {key: Suggestion(_most(forms), _most(sectors.get(key)) or "other",
                                 _most(gminas.get(key)) or "outside", sum(forms.values()))
                 for key, forms in written.items()}
        names = tuple(sorted({s.institution for s in known.values()}, key=str.casefold))
        _KNOWN[self.store.url] = ((version, today), known, names)
        return known, names

    def recognise(self, checkin_id: str, name: str) -> Recognised:
        """Who a typed name is, without checking them in or storing anything: on this check-in's list already, or
        how many earlier workshops they attended and the institution of the latest (institutions are not personal
        data; the person is only their keyed pseudonym, and no name is ever listed). A name that cannot be one, or a
        check-in that is not open, is refused as ``check_in`` refuses it."""
        clean = clean_name(name)
        checkin = self.get(checkin_id)
        if checkin.state != "open":
            raise UserError(CLOSED, "checkin_closed")
        key = self.store.seal_key()
        if key is None:  # no list and no check-in has made a key yet: nobody is known
            return Recognised(False, 0, None)
        person = privacy.pseudonyms(key, [clean])[0]
        if self.store.checked_in(checkin.id, person):
            return Recognised(True, 0, None, person)
        earlier = self.store.earlier_workshops([person], checkin.cycle, checkin.workshop)[person]
        place = self.store.last_place(person, checkin.cycle, checkin.workshop) if earlier else None
        if place is None:
            return Recognised(False, earlier, None, person)
        known = self.institutions().get(fold(place[0]))
        return Recognised(False, earlier, known.institution if known is not None else place[0], person)

    # --- writing -------------------------------------------------------------------------------

    @contextmanager
    def in_turn(self) -> Iterator[None]:
        """This process's turn at the store's write lock, held around more than one write that belong together (a
        phone's check-in and the count of check-ins its browser made, ``analysis.guard``): they wait in one queue,
        in order, instead of racing each other in SQLite's busy handler. Nothing on PostgreSQL (its writers queue on
        its advisory lock)."""
        with _in_turn(self.store):
            yield

    def open(self, cycle: str, workshop: int, clause: str, keep_until: dt.date,
             today: dt.date | None = None, address: str | None = None) -> CheckIn:
        """Open the workshop's check-in (again: the same one, its clause and day renewed). Refused for a workshop
        not in the schedule or only in the sample, one with a list in force, one closed into a batch, one shredded.
        ``address``: the hall's address phones open (the poster's QR code), kept with the check-in so that a poster
        printed later shows the same one."""
        today = today or dt.date.today()
        text = clean_clause(clause)
        hall = clean_address(address) if address and address.strip() else None
        cycle, workshop = str(cycle), int(workshop)
        with self.store.transaction(changes_data=False) as conn:
            scheduled = self.store.scheduled(conn, cycle, workshop)
            if not scheduled:
                raise UserError(f"W harmonogramie cyklu {cycle} nie ma warsztatu {workshop}. Wybierz warsztat z listy "
                                "albo najpierw zaimportuj harmonogram.", "no_such_workshop")
            if all(bool(sample) for _, sample in scheduled):
                raise UserError("Ten warsztat należy do danych przykładowych. Rejestracja przy wejściu jest dla "
                                "prawdziwych warsztatów: zaimportuj najpierw harmonogram swojego cyklu "
                                "(strona „Dane”).", "checkin_sample")
            day = next((d for d, _ in scheduled if d is not None), None)
            until = check_keep_until(keep_until, day, today)
            existing = self.store.checkin_of_workshop(cycle, workshop, conn)
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
            if found is None:
                checkin_id = uuid.uuid4().hex
                self.store.add_checkin(conn, CheckInRow(checkin_id, cycle, workshop, dt.datetime.now(), None, text,
                                                        until, None, None, hall))
            else:
                checkin_id = found.id
                self.store.reopen_checkin(conn, checkin_id, text, until, hall)
            return _found(self.store.checkin(checkin_id, conn))

    def set_address(self, checkin_id: str, address: str) -> CheckIn:
        """The hall's address phones open, kept with the check-in (the poster printed later shows it)."""
        hall = clean_address(address)
        self.get(checkin_id)
        return _found(self.store.checkin_address(checkin_id, hall))

    def check_in(self, form: Form, now: dt.datetime | None = None) -> Registered:
        """Check one person in (``Form``). Refused with a Polish sentence, nothing stored: a name, institution,
        sector or gmina that cannot be one, no consent, an unknown institution without its sector and gmina, a
        check-in that is closed, unknown or of another workshop than the form's. The same person again is
        the row already stored (``already``)."""
        name = clean_name(form.name)
        institution = clean_institution(form.institution)
        sector, gmina = sector_code(form.sector), gmina_code(form.gmina)
        gender, age_group = form_gender(form.gender), form_age_group(form.age_group)
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
            checkin = _found(self.store.checkin(form.checkin_id, conn))
            if (checkin.cycle, checkin.workshop) != (str(form.cycle), int(form.workshop)):
                raise UserError(OTHER.format(workshop=checkin.workshop), "checkin_other_workshop")
            if checkin.state != "open":
                raise UserError(CLOSED, "checkin_closed")
            person = privacy.pseudonyms(self.store.pseudonym_key(conn), [name])[0]
            inserted = self.store.add_checked_in(conn, CheckedInRow(checkin.id, person, institution or None, sector,
                                                                    gmina, form.channel, at, gender=gender,
                                                                    age_group=age_group))
            if inserted:  # the name on the disk before the row commits: a row never lacks its name
                names.append(checkin.folder, person, name, institution, at)
        # the answer is read after the write lock is let go
        [stored] = self.store.checked_in(checkin.id, person)
        earlier = self.store.earlier_workshops([person], checkin.cycle, checkin.workshop)[person]
        return Registered(not inserted, earlier, stored.institution or "", stored.sector, stored.gmina,
                          stored.checked_at, person, stored.has_card)

    def close(self, checkin_id: str) -> Closed:
        """Close the check-in: its people become one attendance batch of the store (undoable; the workshop is
        held), then the paper list is written to its folder. Closing a closed check-in again gives its batch."""
        with self.store.transaction() as conn:
            checkin = _found(self.store.checkin(checkin_id, conn))
            if checkin.state != "open":
                batch = self.store.batch(checkin.batch_id) if checkin.batch_id else None
                if batch is None:
                    raise UserError("Ta rejestracja jest już zamknięta, a jej lista obecności cofnięta. Otwórz ją "
                                    "ponownie, aby zapisać listę.", "checkin_closed")
                return Closed(checkin, batch, False, None)
            rows = self.store.checked_in(checkin_id, conn=conn)
            if not rows:
                raise UserError("Nikt się jeszcze nie zarejestrował — nie ma listy do zapisania. Rejestracja zostaje "
                                "otwarta.", "checkin_empty")
            frame = pd.DataFrame([(checkin.cycle, checkin.workshop, r.person, r.institution, r.sector, r.gmina, None,
                                   None, r.gender, r.age_group) for r in rows],
                                 columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                          "group", "gender", "age_group"])
            batch, sample_removed = self.store.save_checked_in(
                conn, f"Rejestracja przy wejściu: warsztat {checkin.workshop}", "rejestracja przy wejściu",
                checkin.cycle, checkin.workshop, frame)
            self.store.close_checkin(conn, checkin_id, batch.id)
            checkin = _found(self.store.checkin(checkin_id, conn))
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
        rows = self.store.checked_in(checkin_id)
        kept = names.names(checkin.folder)
        people = [names.Listed(kept.get(r.person, "(nazwisko niedostępne)"), r.institution or "", r.sector, r.gmina,
                               r.checked_at) for r in rows]
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
            done.append((_found(self.store.checkin_shredded(checkin.id)), removed))
        return done


def clean_address(address: str) -> str:
    """The hall's address as kept with a check-in (``http://192.168.1.20:8501``); a Polish refusal when it cannot
    be one."""
    hall = (address or "").strip().rstrip("/")
    if not hall.startswith(("http://", "https://")) or len(hall) > 200 or any(c.isspace() for c in hall):
        raise UserError("Adres panelu na sali musi zaczynać się od http:// (np. http://192.168.1.20:8501), bez "
                        "spacji — popraw go i zatwierdź ponownie.", "checkin_bad_settings")
    return hall


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


def places_frame(places: Places) -> pd.DataFrame:
    """One row per person (``sector``, ``gmina``) of ``CheckIns.live_places``: what ``metrics.checked_in`` counts."""
    return pd.DataFrame([place for place, n in places for _ in range(n)], columns=["sector", "gmina"])


def _folded(rows: Iterable[tuple[str, str, str, int]]) -> list[tuple[str, str, str, str, int]]:
    """Grouped rows of institutions, each with its folded name first (rows whose name folds to nothing left out)."""
    return [(key, str(institution).strip(), sector, gmina, int(n)) for institution, sector, gmina, n in rows
            if (key := fold(institution))]


def _most(counts: Counter[str] | None) -> str:
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _found(row: CheckInRow | None) -> CheckIn:
    if row is None:
        raise UserError(NOT_FOUND, "checkin_unknown")
    return _checkin(row)
