"""The names of a check-in: the only place they are kept, a folder of the data folder, shredded on time.

The store holds people only as keyed pseudonyms. The signed paper list needs names, so each check-in
has a folder ``rejestracja/<cycle>_warsztat_<n>/`` in the data folder (``PARTNERSTWO_DATA_DIR``):

- ``nazwiska.jsonl``: one line per person checked in (pseudonym, name, institution), appended and
  flushed to the disk before the check-in's row is committed, so a row never lacks its name; a line
  whose row was never committed (the server stopped between the two) is never printed;
- ``lista_obecnosci_….xlsx``: the attendance list for signatures, written from the store's rows and
  these names, in the layout of the office's template (``xlsx_templates.attendance_list_bytes``).

Shredding overwrites every file of the folder with zeros, flushes, removes it and then the folder:
after it, no file the program wrote holds a name of that check-in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.vocabulary import GMINA_LABELS, SECTOR_LABELS
from analysis.xlsx_templates import attendance_list_bytes

FOLDER = "rejestracja"
JOURNAL = "nazwiska.jsonl"


@dataclass(frozen=True)
class Listed:
    """One line of the paper list: a person checked in, in the order they came."""

    name: str
    institution: str
    sector: str
    gmina: str
    checked_at: dt.datetime


def folder_of(cycle: str, workshop: int, data_folder: Path | None = None) -> Path:
    """The check-in's folder of names in the data folder."""
    safe = re.sub(r"[^0-9A-Za-z_-]+", "-", str(cycle)).strip("-") or "cykl"
    return (data_folder or config.data_folder()) / FOLDER / f"{safe}_warsztat_{int(workshop)}"


def list_file(cycle: str, workshop: int, data_folder: Path | None = None) -> Path:
    safe = folder_of(cycle, workshop, data_folder).name
    return folder_of(cycle, workshop, data_folder) / f"lista_obecnosci_{safe}.xlsx"


def _unwritable(where: Path) -> UserError:
    return UserError(f"Nie można zapisać nazwiska w folderze danych („{where}”): brak miejsca na dysku albo prawa "
                     "zapisu — nikogo nie zarejestrowano. Zwolnij miejsce lub popraw uprawnienia i spróbuj ponownie.",
                     "checkin_names_unwritable")


def append(folder: Path, person: str, name: str, institution: str, at: dt.datetime) -> None:
    """One person's name added to the check-in's journal, on the disk before this returns."""
    line = json.dumps({"person": person, "name": name, "institution": institution,
                       "at": at.replace(microsecond=0).isoformat()}, ensure_ascii=False) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(descriptor, line.encode("utf-8"))  # one write of one line: lines never interleave
            (getattr(os, "fdatasync", None) or os.fsync)(descriptor)  # the data on the disk, not the times
        finally:
            os.close(descriptor)
    except OSError:
        raise _unwritable(folder) from None


def names(folder: Path) -> dict[str, str]:
    """pseudonym -> the name first written for it (a damaged or half-written line is skipped)."""
    found: dict[str, str] = {}
    try:
        text = (folder / JOURNAL).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return found
    except OSError:
        raise UserError(f"Nie można odczytać nazwisk z folderu „{folder}”. Sprawdź prawa dostępu do folderu danych.",
                        "checkin_names_unreadable") from None
    for line in text.splitlines():
        try:
            entry = json.loads(line)
            found.setdefault(str(entry["person"]), str(entry["name"]))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def write_list(path: Path, title: str, people: Iterable[Listed]) -> Path:
    """The attendance list for signatures (xlsx) at ``path``, in the columns of the office's template."""
    rows = [(p.name, p.institution, SECTOR_LABELS.get(p.sector, p.sector), GMINA_LABELS.get(p.gmina, p.gmina))
            for p in people]
    data = attendance_list_bytes(title, rows)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        raise UserError(f"Nie można zapisać listy obecności „{path}”: sprawdź miejsce na dysku i prawo zapisu do "
                        "folderu danych.", "cannot_write") from None
    return path


def shred(folder: Path) -> list[Path]:
    """Every file of the check-in's folder overwritten with zeros, flushed and removed, then the folder;
    the files removed."""
    if not folder.exists():
        return []
    removed: list[Path] = []
    try:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
            if path.is_file() and not path.is_symlink():
                size = path.stat().st_size
                with open(path, "r+b") as handle:
                    handle.write(b"\0" * size)
                    handle.flush()
                    os.fsync(handle.fileno())
            path.unlink()
            removed.append(path)
        for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
            sub.rmdir()
        folder.rmdir()
    except OSError:
        raise UserError(f"Nie udało się zniszczyć wszystkich plików z nazwiskami w folderze „{folder}” (brak prawa "
                        "zapisu albo plik otwarty w innym programie). Zamknij listę w Excelu i spróbuj ponownie.",
                        "checkin_shred_failed") from None
    return removed
