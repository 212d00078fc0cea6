"""Files -> canonical tables: the importer that ``readers``, ``locate`` and ``normalise`` make together.

``read_files`` takes the files of one upload (or one ``check`` call), reads every sheet,
builds the cycle's calendar from a workshops table among them (or the default plan), and
returns, per file, the canonical tables with their problems, or the refusal: its code
(``analysis.errors.CODES``) and the Polish sentence that says why the file was refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.display import number
from analysis.errors import UserError
from analysis.fields import TableKind
from analysis.reading import locate
from analysis.reading.bdl import locate_bdl
from analysis.reading.readers import read_workbook
from analysis.reading.sheets import Workbook
from analysis.schedule import DEFAULT_CALENDAR, Calendar
from analysis.tables import FileResult, Table
from analysis.xlsx_templates import LISTS_SHEET


@dataclass
class _Located:
    result: FileResult
    tables: list[locate.LocatedTable]


def _unreadable(exc: BaseException) -> UserError:
    """The refusal of a file the code itself tripped over (the exception's type helps whoever fixes it)."""
    if isinstance(exc, MemoryError):
        return UserError("Plik jest zbyt duży, by go wczytać (zabrakło pamięci). Podziel dane na mniejsze pliki "
                         "i wgraj je osobno.", "too_large")
    return UserError("Tego pliku nie udało się odczytać: jest uszkodzony albo ma budowę, której program nie "
                     "rozpoznaje. Otwórz go w Excelu lub LibreOffice, zapisz jako nowy skoroszyt .xlsx i wgraj "
                     f"ponownie. (Informacja dla administratora: {type(exc).__name__}.)", "reader_failed")


@contextmanager
def _refused_on_crash(item: _Located) -> Iterator[None]:
    """The last line of defence: whatever goes wrong with one file becomes that file's refusal."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - one file never takes the others (or the page) down
        item.result.refuse(_unreadable(exc))
        item.result.tables.clear()
        item.tables = []


def _read(name: str, data: bytes, hashed: bool = True) -> tuple[FileResult, Workbook | None]:
    result = FileResult(file=name, content_hash=hashlib.sha256(data).hexdigest() if hashed else "")
    try:
        return result, read_workbook(data, name)
    except UserError as exc:
        result.refuse(exc)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a refusal, never a traceback
        result.refuse(_unreadable(exc))
    return result, None


def _locate(result: FileResult, workbook: Workbook | None) -> _Located:
    item = _Located(result, [])
    if workbook is not None:
        with _refused_on_crash(item):
            item.tables = _locate_tables(result, workbook)
    return item


def _locate_tables(result: FileResult, workbook: Workbook) -> list[locate.LocatedTable]:
    result.format = workbook.format
    located: list[locate.LocatedTable] = []
    for sheet in workbook.sheets:
        if sheet.hidden and sheet.name == LISTS_SHEET:
            continue  # the drop-down lists of the office's own template: nothing to tell
        if sheet.hidden:
            result.notes.append(f"Arkusz „{sheet.name}” jest ukryty — pominięto go (odkryj go w Excelu, "
                                "jeśli ma zostać zaimportowany).")
            continue
        if sheet.is_blank():
            result.notes.append(f"Arkusz „{sheet.name}” jest pusty — pominięto go.")
            continue
        try:
            table = locate_bdl(sheet) or locate.locate_table(sheet)
        except UserError as exc:  # a statistical office's export that holds nothing to read
            result.refuse(exc)
            return []
        if table is None:
            result.notes.append(
                f"Arkusz „{sheet.name}” nie zawiera listy obecności, propozycji ani harmonogramu "
                "(nie znaleziono wiersza nagłówków) — pominięto go."
            )
            continue
        located.append(table)
    if not located:
        result.refuse(UserError(
            "W pliku nie znaleziono tabeli z listą obecności, propozycjami ani harmonogramem warsztatów. "
            "Sprawdź, czy nad danymi jest wiersz nagłówków, np. „Imię i nazwisko”, „Instytucja”, „Sektor” "
            "albo „Tytuł propozycji”, „Obszar” — możesz też pobrać gotowy szablon.",
            "no_table",
        ))
    return located


def read_files(
    files: list[tuple[str, bytes]], calendar: Calendar | None = None, workshop: int | None = None,
    progress: Callable[[float, str], None] | None = None, hashed: bool = True, places: Mapping[str, str] | None = None,
) -> list[FileResult]:
    """Read each (name, bytes); ``workshop`` overrides the workshop of attendance and proposals;
    ``places`` are the office's own locality -> gmina pairs (``Store.localities``).

    ``progress(fraction, text)`` is told how far the reading has come (the import page's bar).
    ``hashed=False`` leaves each result's ``content_hash`` empty (``check`` saves nothing: it needs none).
    """
    # Reading runs in worker processes and needs no pandas; the CLI imports pandas meanwhile.
    workbooks = []
    for index, (name, data) in enumerate(files):
        if progress:
            progress(index / (2 * len(files)), f"Odczytywanie arkuszy: {name}")
        workbooks.append(_read(name, data, hashed))
    if progress:
        progress(0.5, "Rozpoznawanie tabel i ujednolicanie wartości…")
    # here, not at the top: the tables need pandas, and the CLI's check imports it meanwhile (start-up speed)
    from analysis.reading.normalise import normalise
    from analysis.reading.workshops import calendar_from_tables

    located = [_locate(result, workbook) for result, workbook in workbooks]
    schedules: dict[int, Table] = {}  # id of a located schedule -> its canonical table
    for item in located:
        with _refused_on_crash(item):
            schedules.update({id(t): normalise(t, DEFAULT_CALENDAR, item.result.file)
                              for t in item.tables if t.kind == TableKind.WORKSHOPS})
    # a schedule in the same upload wins; then the calendar given (the store's); then the 2018 plan
    schedule_tables = [schedules[id(t)] for item in located for t in item.tables if id(t) in schedules]
    calendar = calendar_from_tables(schedule_tables, calendar or DEFAULT_CALENDAR)
    for index, item in enumerate(located):
        if progress:
            progress(0.5 + index / (2 * len(located)), f"Ujednolicanie wartości: {item.result.file}")
        with _refused_on_crash(item):
            for table in item.tables:
                if table.kind == TableKind.WORKSHOPS:
                    normalised = schedules[id(table)]
                else:
                    normalised = normalise(table, calendar, item.result.file, workshop, places)
                if normalised.rows == 0:
                    item.result.notes.append(
                        f"Tabela w arkuszu „{table.sheet.name}” ma tylko wiersz nagłówków, bez danych — pominięto ją."
                    )
                    continue
                item.result.tables.append(normalised)
        if item.result.ok and item.tables and not item.result.tables:
            item.result.refuse(UserError(
                "Tabela w pliku ma tylko wiersz nagłówków, bez żadnych danych. Uzupełnij ją i wgraj ponownie.",
                "header_only",
            ))
    if progress:
        progress(1.0, "Odczytano wszystkie pliki.")
    return [item.result for item in located]


def read_again(file: str, table: Table, columns: Mapping[str, int | None], calendar: Calendar,
               workshop: int | None = None, places: Mapping[str, str] | None = None) -> Table:
    """``table`` of the file named ``file`` read again with the person's choice of columns (field -> column
    of its sheet, None for none): the same reading as ``read_files``, the workshop found as there (a column,
    the sheet, the title or the file's name) unless ``workshop`` says it. A table without its sheet (never
    located) is returned as it is."""
    if table.located is None:
        return table
    from analysis.reading.normalise import normalise  # here: it needs pandas (start-up speed)

    return normalise(locate.with_columns(table.located, dict(columns)), calendar, file, workshop, places)


def read_paths(paths: list[str], workshop: int | None = None, calendar: Calendar | None = None,
               hashed: bool = True, places: Mapping[str, str] | None = None) -> list[FileResult]:
    """``read_files`` for files on disk; a missing or oversized file is refused without reading it."""
    loaded: list[tuple[str, bytes]] = []
    refused: dict[int, FileResult] = {}
    for index, raw in enumerate(paths):
        path = Path(raw)
        try:
            data = _file_bytes(raw, path)
        except UserError as exc:
            refused[index] = FileResult(file=path.name or raw)
            refused[index].refuse(exc)
            continue
        loaded.append((path.name, data))
    results = iter(read_files(loaded, calendar=calendar, workshop=workshop, hashed=hashed, places=places))
    return [refused[i] if i in refused else next(results) for i in range(len(paths))]


def _file_bytes(raw: str, path: Path) -> bytes:
    """The bytes of the file at ``path`` (as the user wrote it: ``raw``), or its refusal."""
    try:
        exists = path.exists()
    except OSError:  # a name longer than the disk allows
        raise UserError(f"Nie można otworzyć pliku „{raw}”: jego nazwa jest dłuższa, niż dysk przyjmuje (najwyżej "
                        "255 znaków). Skróć nazwę pliku i spróbuj ponownie.", "unreadable") from None
    if not exists:
        raise UserError(f"Nie znaleziono pliku „{raw}”. Sprawdź nazwę i folder.", "unreadable")
    if path.is_dir():
        raise UserError(f"„{raw}” to folder, a nie plik. Podaj ścieżkę do pliku arkusza.", "unreadable")
    if not path.is_file():
        raise UserError(f"„{raw}” nie jest zwykłym plikiem (to urządzenie lub potok). Podaj ścieżkę do pliku arkusza.",
                        "unreadable")
    if path.stat().st_size > config.max_upload_bytes():
        size = number(path.stat().st_size / 1024 / 1024, 1)
        raise UserError(
            f"Plik ma {size} MB, a limit to {config.max_upload_mb()} MB. Usuń z niego zbędne arkusze lub "
            "podziel go na mniejsze pliki (limit można podnieść ustawieniem PARTNERSTWO_MAX_UPLOAD_MB).",
            "too_large",
        )
    try:
        with path.open("rb") as handle:  # never more than the limit, whatever stat said
            data = handle.read(config.max_upload_bytes() + 1)
    except OSError:
        raise UserError(f"Nie można otworzyć pliku „{raw}” (brak uprawnień lub plik jest zablokowany).",
                        "unreadable") from None
    if len(data) > config.max_upload_bytes():
        raise UserError(f"Plik „{raw}” jest większy niż {config.max_upload_mb()} MB. Podziel go na mniejsze pliki.",
                        "too_large")
    return data
