"""``python -m analysis checkin list|open|close|export|shred``: the check-in at the door on the command line.

Every message is Polish; a refusal is a ``UserError`` (exit 1, raised to ``__main__``), wrong usage exit 2.
A workshop is named by its number and cycle (default: the store's current cycle, as on the pages).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from analysis import metrics
from analysis.checkin import STATE_LABELS, CheckIn, CheckIns
from analysis.display import counted
from analysis.errors import UserError
from analysis.store import Store, open_store

ACTIONS = ("list", "open", "close", "export", "shred")


def run(action: str, cycle: str | None, workshop: int | None, keep_until: str | None, clause: str | None,
        clause_file: str | None, now: bool, as_json: bool) -> int:
    """One action; 0 done, 1 refused (``UserError`` raised), 2 wrong usage (a Polish line on stderr)."""

    if action in ("open", "close", "export") and workshop is None:
        sys.stderr.write(f"Podaj numer warsztatu: python -m analysis checkin {action} --workshop N.\n")
        return 2
    if workshop is not None and not 1 <= workshop <= 50:
        sys.stderr.write("Numer warsztatu musi być liczbą od 1 do 50.\n")
        return 2
    if action == "open" and keep_until is None:
        sys.stderr.write("Podaj, do kiedy przechowywać nazwiska: --keep-until DD.MM.RRRR.\n")
        return 2
    if action == "open" and (clause is None) == (clause_file is None):
        sys.stderr.write("Podaj treść klauzuli informacyjnej RODO: --clause TEKST albo --clause-file PLIK.\n")
        return 2
    store = open_store()
    checkins = CheckIns(store)
    if action == "list":
        return _list(checkins, as_json)
    if action == "shred":
        return _shred(checkins, cycle, workshop, now)
    assert workshop is not None
    cycle = cycle or _current_cycle(store)
    if action == "open":
        text = clause if clause is not None else _read_clause(clause_file or "")
        checkin = checkins.open(cycle, workshop, text, _day(keep_until or ""))
        sys.stdout.write(f"Rejestracja na warsztat {workshop} (cykl {cycle}) jest otwarta. Nazwiska będą "
                         f"przechowywane do {checkin.keep_until:%d.%m.%Y} w folderze „{checkin.folder}”.\n")
        return 0
    checkin = _of_workshop(checkins, cycle, workshop)
    if action == "close":
        closed = checkins.close(checkin.id)
        if closed.sample_removed:
            sys.stdout.write("Usunięto dane przykładowe (pierwsza lista prawdziwych danych).\n")
        rows = counted(closed.batch.rows, "osoba", "osoby", "osób")
        sys.stdout.write(f"✓ Rejestracja na warsztat {workshop} zamknięta: lista obecności ({rows}) zapisana w "
                         f"magazynie jako partia {closed.batch.id} (cofnięcie: python -m analysis undo "
                         f"{closed.batch.id}).\n")
        if closed.list_path is not None:
            sys.stdout.write(f"Lista do podpisu: {closed.list_path}\n")
        else:
            sys.stdout.write(f"Nie zapisano listy do podpisu: {closed.list_error} Zapisz ją poleceniem: python -m "
                             f"analysis checkin export --workshop {workshop}\n")
        return 0
    path = checkins.export(checkin.id)
    sys.stdout.write(f"Zapisano listę obecności do podpisu: {path}\n")
    return 0


def _list(checkins: CheckIns, as_json: bool) -> int:
    found = []
    for checkin in checkins.all():
        counts = metrics.checked_in(checkins.people(checkin.id))
        found.append((checkin, counts))
    if as_json:
        document = {"checkins": [{
            "cycle": c.cycle, "workshop": c.workshop, "state": c.state,
            "opened_at": c.opened_at.replace(microsecond=0).isoformat(),
            "closed_at": c.closed_at.replace(microsecond=0).isoformat() if c.closed_at else None,
            "keep_until": c.keep_until.isoformat(), "batch": c.batch_id, "people": n.people,
            "returning": n.returning, "by_sector": n.by_sector, "by_gmina": n.by_gmina} for c, n in found]}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not found:
        sys.stdout.write("Nie ma żadnej rejestracji. Otwórz ją: python -m analysis checkin open --workshop N "
                         "--keep-until DD.MM.RRRR --clause-file PLIK\n")
    for c, n in found:
        batch = f", partia {c.batch_id}" if c.batch_id else ""
        sys.stdout.write(f"Warsztat {c.workshop} (cykl {c.cycle}): {STATE_LABELS[c.state]}, "
                         f"{counted(n.people, 'osoba', 'osoby', 'osób')} (powracających: {n.returning}){batch}; "
                         f"nazwiska do {c.keep_until:%d.%m.%Y}\n")
    return 0


def _shred(checkins: CheckIns, cycle: str | None, workshop: int | None, now: bool) -> int:
    chosen = None
    if workshop is not None:
        chosen = _of_workshop(checkins, cycle or _current_cycle(checkins.store), workshop).id
    elif now:
        sys.stderr.write("--teraz niszczy nazwiska jednego warsztatu przed terminem: podaj --workshop N.\n")
        return 2
    done = checkins.shred(checkin_id=chosen, early=now)
    if not done:
        sys.stdout.write("Nie ma nazwisk, których termin przechowywania minął — nic nie zniszczono.\n")
    for checkin, removed in done:
        sys.stdout.write(f"Zniszczono nazwiska z rejestracji na warsztat {checkin.workshop} (cykl {checkin.cycle}): "
                         f"{counted(len(removed), 'plik', 'pliki', 'plików')}.\n")
    return 0


def _of_workshop(checkins: CheckIns, cycle: str, workshop: int) -> CheckIn:
    checkin = checkins.of_workshop(cycle, workshop)
    if checkin is None:
        raise UserError(f"Na warsztat {workshop} (cykl {cycle}) nie otwarto rejestracji. Lista rejestracji: "
                        "python -m analysis checkin list.", "checkin_unknown")
    return checkin


def _current_cycle(store: Store) -> str:
    """The cycle of the store's schedule that is current today (as the pages choose it)."""
    return str(store.calendar().cycle)


def _day(text: str) -> dt.date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UserError(f"Nie rozpoznano daty „{text}” — podaj ją jako DD.MM.RRRR, np. 31.12.2026.",
                    "checkin_bad_settings")


def _read_clause(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UserError(f"Nie można odczytać klauzuli z pliku „{path}”: podaj plik tekstowy (UTF-8), który istnieje.",
                        "checkin_bad_settings") from None
