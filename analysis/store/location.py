"""Where the store is: the data folder's SQLite file or ``DATABASE_URL``, checked before anything is opened.

What cannot be a store is refused with a sentence that says what to do, and nothing is created or
overwritten: a data folder that is a file or cannot be made, a URL of a database the program does not
use (MySQL, garbage) or one that keeps nothing (SQLite in memory), a file name too long for the disk,
and a file where the store should be that is not one — empty (0 bytes) or not a SQLite database.
SQLite would take such a file for a new database and the program would fill it with the sample.
"""

from __future__ import annotations

import errno
import time
from pathlib import Path

import sqlalchemy as sa

from analysis import config
from analysis.errors import UserError

STORE_FILE = "partnerstwo.sqlite"
BACKENDS = ("sqlite", "postgresql")  # the databases the program is built and tested on
_SQLITE_HEADER = b"SQLite format 3\x00"
_BEING_MADE_SECONDS = 3.0  # how long an empty file may stay empty while another process makes the store

DATABASE_URL_HELP = ("Podaj adres serwera PostgreSQL (postgresql://użytkownik:hasło@serwer:5432/baza) albo usuń "
                      "ustawienie DATABASE_URL, by dane trafiały do pliku SQLite w folderze danych, i uruchom program "
                      "ponownie.")
_NAME_TOO_LONG = ("Ścieżka magazynu danych ma za długą nazwę (dysk przyjmuje najwyżej 255 znaków w nazwie pliku lub "
                  "folderu) — niczego nie utworzono. Ustaw krótszą ścieżkę w PARTNERSTWO_DATA_DIR (albo w DATABASE_URL) "
                  "i uruchom program ponownie.")


def folder_url() -> str:
    """The SQLite file in the data folder (``PARTNERSTWO_DATA_DIR``), the folder made when missing."""
    folder = config.data_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UserError(f"Folder danych „{folder}” (albo folder, w którym ma leżeć) jest plikiem, a nie folderem — "
                        "niczego w nim nie zmieniono. Wskaż w ustawieniu PARTNERSTWO_DATA_DIR folder na dane albo "
                        "przenieś ten plik w inne miejsce, i uruchom program ponownie.", "data_folder_unusable") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise UserError(_NAME_TOO_LONG, "data_folder_unusable") from None
        raise UserError(f"Nie można utworzyć folderu danych „{folder}” (brak uprawnień albo dysk jest niedostępny). "
                        "Wskaż w ustawieniu PARTNERSTWO_DATA_DIR folder, do którego masz prawo zapisu, i uruchom "
                        "program ponownie.", "data_folder_unusable") from None
    return f"sqlite:///{folder / STORE_FILE}"


def checked_url(url: str) -> sa.URL:
    """``url`` as SQLAlchemy reads it, when it names a database the program can keep its data in."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise UserError("Ustawienie DATABASE_URL nie jest adresem bazy danych. " + DATABASE_URL_HELP,
                        "database_url_invalid") from None
    backend = parsed.get_backend_name()
    if backend not in BACKENDS:
        raise UserError(f"Ustawienie DATABASE_URL wskazuje bazę „{backend}”, a program przechowuje dane tylko w "
                        "PostgreSQL albo w pliku SQLite. " + DATABASE_URL_HELP, "database_url_invalid")
    if backend == "sqlite" and (parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"):
        raise UserError("Ustawienie DATABASE_URL wskazuje bazę SQLite w pamięci (sqlite://), która znika z każdym "
                        "zamknięciem programu, więc nic nie zostałoby zapisane. Podaj plik (sqlite:////ścieżka/do/"
                        "partnerstwo.sqlite) albo usuń ustawienie DATABASE_URL, by dane trafiały do folderu danych, "
                        "i uruchom program ponownie.", "database_url_invalid")
    return parsed


def check_sqlite_file(url: sa.URL) -> None:
    """Refuse a path where a SQLite store cannot be, or a file there that is not one; a missing file is a
    new store. An empty file may be a store another process is making this moment: with a journal beside it
    it is one; without, it is given a few seconds to get SQLite's header or a journal before it is refused."""
    path = Path(url.database or "")
    try:
        if path.is_dir():
            raise UserError(f"W miejscu pliku magazynu danych „{path}” jest folder — niczego w nim nie zmieniono. "
                            "Przenieś ten folder w inne miejsce albo wskaż inny plik w ustawieniu DATABASE_URL "
                            "(lub inny folder danych w PARTNERSTWO_DATA_DIR) i uruchom program ponownie.",
                            "store_not_a_database")
        if not path.exists():
            return
        header = _header(path)
        deadline = time.monotonic() + _BEING_MADE_SECONDS
        while not header and time.monotonic() < deadline:
            if _has_journal(path):
                return  # a store being made (its first writes wait in the journal): SQLite takes it from here
            time.sleep(0.1)
            header = _header(path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise UserError(_NAME_TOO_LONG, "data_folder_unusable") from None
        return  # no permission and the like: opening the store says so (``storage_error``)
    if header == _SQLITE_HEADER:
        return
    what = "jest pusty (0 bajtów)" if not header else "nie jest bazą danych SQLite"
    raise UserError(f"Plik magazynu danych „{path}” {what}, więc program go nie otworzy ani niczego w nim nie "
                    "zmieni. Przywróć magazyn z kopii zapasowej (plik partnerstwo.sqlite z folderu danych) albo "
                    "przenieś ten plik w inne miejsce, by zacząć od nowego magazynu z danymi przykładowymi, i uruchom "
                    "program ponownie.", "store_not_a_database")


def _has_journal(path: Path) -> bool:
    """Whether SQLite keeps a write-ahead log or a rollback journal beside ``path``: in WAL mode a new
    store's file stays empty until its first checkpoint, however long the first import takes."""
    return any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))


def _header(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(len(_SQLITE_HEADER))
