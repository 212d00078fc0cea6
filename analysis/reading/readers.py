"""Bytes -> sheets: recognise what a file really is and read every sheet of it, safely.

The content decides, never the file's name. Spreadsheets (xlsx, xlsm, xlsb, xls, ods) are
read by python-calamine in a separate, resource-limited process (``_calamine_worker``);
CSV is decoded and split here. Every refusal is a ``UserError``: a code (``analysis.errors.CODES``)
and a Polish sentence.
"""

from __future__ import annotations

import csv
import io
import os
import pickle
import re
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config
from analysis.display import number, plural
from analysis.errors import UserError

if TYPE_CHECKING:
    import pyarrow as pa

_WORKER = Path(__file__).with_name("_calamine_worker.py")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

SAVE_AS_XLSX = "Otwórz go w Excelu lub LibreOffice i zapisz jako skoroszyt .xlsx, potem wgraj ponownie."

# Invisible control characters (pasted from other systems): C0 but tab, newline and carriage return
# (a newline inside a cell is legitimate), DEL and C1 — the Excel report cannot write the C0 ones —
# and the invisible format characters: soft hyphen, the bidirectional marks, embeddings, overrides
# and isolates (an RTL override makes "Tytuł" read backwards on a ballot), zero-width spaces and
# joiners, the word joiner and invisible operators, the byte order mark inside a text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                                "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


@dataclass
class Sheet:
    """One sheet as a grid of cell values, and where that grid starts in the spreadsheet.

    A large CSV is held column by column instead (``columns``: one Arrow string array per column,
    all of the same length); its ``rows`` are then made only when asked for. Reading code takes
    ``row(i)``, ``top(n)`` and ``column(i, start)``, which need no rows.
    """

    name: str
    # the rows (read only: each reader keeps its own cell type); None while the sheet is held by columns
    grid: Sequence[Sequence[object]] | None
    first_row: int = 0  # 0-based index of rows[0] in the spreadsheet (row 1 is index 0)
    first_col: int = 0
    notes: list[str] = field(default_factory=list)
    hidden: bool = False  # a hidden sheet (often a stale copy or lookup lists): not imported
    columns: list[pa.ChunkedArray] | None = field(default=None, repr=False)
    controls: bool = True  # whether a cell may hold a control character (False: none has, as read)

    def __post_init__(self) -> None:
        self.name = without_control_characters(self.name)  # a sheet's name reaches messages and reports

    @property
    def rows(self) -> Sequence[Sequence[object]]:
        if self.grid is None:
            self.grid = [list(row) for row in zip(*(c.to_pylist() for c in self.columns or []), strict=True)]
        return self.grid

    @property
    def height(self) -> int:
        return len(self.columns[0]) if self.grid is None and self.columns else len(self.rows)

    def top(self, count: int) -> Sequence[Sequence[object]]:
        """The first ``count`` rows."""
        if self.grid is None and self.columns:
            return [list(row) for row in zip(*(c.slice(0, count).to_pylist() for c in self.columns), strict=True)]
        return self.rows[:count]

    def row(self, index: int) -> Sequence[object]:
        return self.top(index + 1)[index] if self.grid is None else self.rows[index]

    def is_blank(self) -> bool:
        """Whether no cell holds anything but white space."""
        if self.grid is None and self.columns:
            import pyarrow.compute as pc

            return not any(pc.any(pc.not_equal(pc.utf8_trim_whitespace(c), "")).as_py() for c in self.columns)
        return not any(any(str(c).strip() for c in row) for row in self.rows)

    def spreadsheet_row(self, index: int) -> int:
        """The row number a person sees in Excel for ``rows[index]``."""
        return self.first_row + index + 1


@dataclass
class Workbook:
    format: str  # xlsx | xlsm | xlsb | xls | ods | csv
    sheets: list[Sheet]


def read_workbook(data: bytes, filename: str = "") -> Workbook:
    """Every sheet of the file in ``data``; raises ``UserError`` for what cannot be read."""
    limit = config.max_upload_bytes()
    if len(data) == 0:
        raise UserError("Plik jest pusty (0 bajtów). Sprawdź, czy zapisał się w całości, i wgraj go ponownie.", "empty_file")
    if len(data) > limit:
        raise UserError(
            f"Plik ma {_megabytes(len(data))}, a limit to {config.max_upload_mb()} MB. "
            "Usuń z niego zbędne arkusze lub podziel go na mniejsze pliki "
            "(limit można podnieść ustawieniem PARTNERSTWO_MAX_UPLOAD_MB).",
            "too_large",
        )
    fmt = sniff_format(data)
    if fmt == "csv":
        return Workbook("csv", [read_csv(data, Path(filename).stem or "CSV")])
    sheets = _read_with_calamine(data)
    return Workbook(fmt, sheets)


def _megabytes(size: int) -> str:
    """A size for a message: "12,5 MB" or "2,0 GB"."""
    if size >= 1024**3:
        return f"{number(size / 1024**3, 1)} GB"
    return f"{number(size / 1024 / 1024, 1)} MB"


# --- what is this file? -----------------------------------------------------------------------


def sniff_format(data: bytes) -> str:
    """The spreadsheet format of ``data``; raises ``UserError`` naming what it is otherwise."""
    head = data[:8]
    if head.startswith(_ZIP_MAGICS):
        return _sniff_zip(data)
    if head == _OLE_MAGIC:
        return _sniff_ole(data)
    _refuse_known_non_spreadsheets(data)
    return "csv"


def _sniff_zip(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception:  # noqa: BLE001 - whatever zipfile trips over in a foreign file, the file is damaged
        raise _damaged() from None
    if len(entries) > 10_000:
        raise _suspicious()
    declared = sum(e.file_size for e in entries)
    if declared > config.MAX_UNCOMPRESSED_BYTES:
        raise _too_big_unpacked(declared)
    for entry in entries:
        if entry.file_size > 10 * 1024 * 1024 and entry.file_size > config.MAX_COMPRESSION_RATIO * max(entry.compress_size, 1):
            raise _too_big_unpacked(declared)
    names = {e.filename for e in entries}
    if "mimetype" in names:
        mimetype = _read_small(archive, "mimetype").decode("ascii", "replace").strip()
        if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            manifest = _read_small(archive, "META-INF/manifest.xml", 5 * 1024 * 1024)
            if b"encryption-data" in manifest:
                raise _password_protected()
            return "ods"
        if "opendocument.text" in mimetype:
            raise UserError(f"To jest dokument tekstowy (ODT), a nie arkusz. {SAVE_AS_XLSX}", "not_a_spreadsheet")
        if "opendocument.presentation" in mimetype:
            raise UserError(
                "To jest prezentacja (ODP), a nie arkusz. Wgraj plik z tabelą: .xlsx, .ods lub .csv.", "not_a_spreadsheet"
            )
    if "[Content_Types].xml" in names:
        types = _content_types(archive)
        if any("spreadsheetml" in t or "ms-excel" in t for t in types):
            if any("sheet.binary" in t for t in types):
                return "xlsb"
            if any("macroEnabled" in t for t in types):
                return "xlsm"
            return "xlsx"
        if any("wordprocessingml" in t for t in types):
            raise UserError(f"To jest dokument Worda, a nie arkusz kalkulacyjny. {SAVE_AS_XLSX}", "not_a_spreadsheet")
        if any("presentationml" in t for t in types):
            raise UserError(
                "To jest prezentacja PowerPoint, a nie arkusz. Wgraj plik z tabelą: .xlsx, .ods lub .csv.",
                "not_a_spreadsheet",
            )
    if names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}:
        raise _damaged()  # a spreadsheet's parts, but its table of contents is missing or garbled
    raise UserError(
        "To jest archiwum ZIP, a nie arkusz. Rozpakuj je i wgraj plik arkusza (.xlsx, .ods lub .csv), który jest w środku.",
        "not_a_spreadsheet",
    )


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = 1024 * 1024) -> bytes:
    """The first ``limit`` bytes of the part ``name`` (b"" when there is none); a damaged part is a refusal."""
    try:
        with archive.open(name) as handle:
            return handle.read(limit)
    except KeyError:
        return b""
    except Exception:  # noqa: BLE001 - zlib.error, a CRC mismatch, EOFError, an unknown method: all damage
        raise _damaged() from None


def _content_types(archive: zipfile.ZipFile) -> list[str]:
    from defusedxml import ElementTree as SafeET  # here: a CSV's check needs no XML
    from defusedxml.common import DefusedXmlException

    raw = _read_small(archive, "[Content_Types].xml", 5 * 1024 * 1024)
    try:
        root = SafeET.fromstring(raw)
    except DefusedXmlException:  # a DTD or entities: not something Excel writes
        raise _suspicious() from None
    except Exception:  # noqa: BLE001 - broken XML: the part is damaged
        raise _damaged() from None
    return [str(el.get("ContentType", "")) for el in root.iter() if el.get("ContentType")]


def _sniff_ole(data: bytes) -> str:
    def has_stream(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has_stream("EncryptedPackage") or has_stream("EncryptionInfo"):
        raise _password_protected()
    if has_stream("WordDocument"):
        raise UserError(f"To jest dokument Worda (.doc), a nie arkusz kalkulacyjny. {SAVE_AS_XLSX}", "not_a_spreadsheet")
    if has_stream("PowerPoint Document"):
        raise UserError(
            "To jest prezentacja PowerPoint, a nie arkusz. Wgraj plik z tabelą: .xlsx, .ods lub .csv.", "not_a_spreadsheet"
        )
    if has_stream("Workbook") or has_stream("Book"):
        return "xls"
    raise UserError(f"Nie rozpoznano tego pliku pakietu Office jako arkusza. {SAVE_AS_XLSX}", "not_a_spreadsheet")


def _refuse_known_non_spreadsheets(data: bytes) -> None:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        raise UserError(
            "To jest plik PDF, z którego nie da się odczytać tabeli. Wgraj oryginalny arkusz (.xlsx, .ods lub .csv).",
            "not_a_spreadsheet",
        )
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8", b"bm")) and b"\x00" in data[:64]:
        raise UserError(
            "To jest obraz (np. skan listy), a nie arkusz. Wgraj listę przepisaną do Excela (.xlsx) lub plik .csv.",
            "not_a_spreadsheet",
        )
    if head.startswith(b"{\\rtf"):
        raise UserError(f"To jest dokument tekstowy RTF, a nie arkusz. {SAVE_AS_XLSX}", "not_a_spreadsheet")
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<head")):
        raise UserError(
            "To jest strona HTML zapisana jako arkusz (częste przy eksporcie z systemów internetowych). "
            + SAVE_AS_XLSX,
            "not_a_spreadsheet",
        )
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        raise UserError(f"To jest arkusz w starym formacie XML programu Excel 2003. {SAVE_AS_XLSX}", "unsupported_format")


def _damaged() -> UserError:
    return UserError(
        "Plik jest uszkodzony lub niekompletny (np. przerwane pobieranie albo zapis). "
        "Otwórz go w Excelu lub LibreOffice (zaproponuje naprawę), zapisz ponownie jako .xlsx i wgraj jeszcze raz.",
        "damaged",
    )


def _not_a_table() -> UserError:
    return UserError(
        "Tego pliku nie da się odczytać jako tabeli: to nie jest arkusz Excela, LibreOffice ani plik CSV. "
        "Zapisz dane w Excelu jako .xlsx i wgraj ponownie.",
        "not_a_spreadsheet",
    )


def _password_protected() -> UserError:
    return UserError(
        "Plik jest zabezpieczony hasłem, więc nie da się go odczytać. Otwórz go w Excelu, usuń hasło "
        "(Plik → Informacje → Chroń skoroszyt → Szyfruj przy użyciu hasła → wyczyść pole), zapisz i wgraj ponownie.",
        "password_protected",
    )


def _too_big_unpacked(declared: int) -> UserError:
    return UserError(
        f"Po rozpakowaniu plik zająłby {_megabytes(declared)} — to o wiele za dużo jak na listę obecności "
        "lub tabelę propozycji i może być plikiem złośliwym. Nie wczytano go. Wgraj właściwy arkusz.",
        "too_large",
    )


def _suspicious() -> UserError:
    return UserError(
        "Plik ma nietypową, podejrzaną budowę i nie został wczytany. "
        "Otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
        "suspicious",
    )


# --- spreadsheets through calamine ------------------------------------------------------------


def _read_with_calamine(data: bytes) -> list[Sheet]:
    args = [
        sys.executable,
        # -P: the script's folder (analysis/reading/) is not put first on sys.path, where a module named
        # like one of the standard library's would shadow it; PYTHONPATH and site-packages stay as they are
        "-P",
        str(_WORKER),
        str(config.READER_MEMORY_BYTES),
        str(config.READER_TIMEOUT_SECONDS),
        str(config.MAX_ROWS_PER_SHEET),
        str(config.MAX_COLUMNS),
        str(config.MAX_SHEETS),
    ]
    env = dict(os.environ, RUST_BACKTRACE="0", PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run(
            args, input=data, capture_output=True, timeout=config.READER_TIMEOUT_SECONDS, env=env, check=False
        )
    except OSError:  # no process could be started (out of memory or process slots)
        raise UserError(
            "Nie udało się uruchomić odczytu pliku: komputerowi brakuje teraz pamięci lub zasobów. "
            "Spróbuj ponownie za chwilę, a jeśli to się powtarza, zamknij inne programy.",
            "no_resources",
        ) from None
    except subprocess.TimeoutExpired:
        raise UserError(
            "Odczyt pliku trwał zbyt długo i został przerwany. Plik jest prawdopodobnie uszkodzony lub zbyt duży; "
            "otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
            "reading_stopped",
        ) from None
    try:
        result = pickle.loads(done.stdout) if done.returncode == 0 and done.stdout else None
    except Exception:  # noqa: BLE001 - a worker that died mid-write leaves a truncated pickle
        result = None
    if result is None:
        raise UserError(
            "Pliku nie da się odczytać: po rozpakowaniu jest zbyt duży albo jest uszkodzony. "
            "Otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
            "reading_stopped",
        )
    if result[0] == "ok":
        return [Sheet(name, rows, max(first_row, 0), first_col, hidden=first_row < 0)
                for name, first_row, first_col, rows in result[1]]
    _, code, detail = result
    if code == "password":
        raise _password_protected()
    if code == "too_many_rows":
        name, count = detail.split("\t")
        name = without_control_characters(name)
        raise UserError(
            f"Arkusz „{name}” ma {number(int(count))} {plural(int(count), 'wiersz', 'wiersze', 'wierszy')}, "
            f"a wczytać można najwyżej {number(config.MAX_ROWS_PER_SHEET)}. Podziel dane na mniejsze pliki.",
            "too_many_rows",
        )
    if code == "too_many_columns":
        name, count = detail.split("\t")
        name = without_control_characters(name)
        raise UserError(
            f"Arkusz „{name}” ma {number(int(count))} {plural(int(count), 'kolumnę', 'kolumny', 'kolumn')}, "
            f"a wczytać można najwyżej {number(config.MAX_COLUMNS)}. "
            "Usuń zbędne kolumny (albo komórkę wpisaną daleko poza tabelą) i wgraj ponownie.",
            "too_many_columns",
        )
    if code == "too_many_sheets":
        raise UserError(
            f"Plik ma {number(int(detail))} {plural(int(detail), 'arkusz', 'arkusze', 'arkuszy')}, a wczytać można "
            f"najwyżej {number(config.MAX_SHEETS)}. Usuń zbędne arkusze i wgraj ponownie.",
            "too_many_sheets",
        )
    if code == "too_big":
        raise UserError("Plik jest zbyt duży, by go wczytać. Podziel dane na mniejsze pliki.", "too_large")
    raise UserError(
        "Pliku nie da się odczytać — jest uszkodzony lub niekompletny. "
        "Otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
        "damaged",
    )


# --- CSV --------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1250."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_a_table() from None
    if b"\x00" in data[:4096]:
        raise _not_a_table()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    data = data.removeprefix(b"\xef\xbb\xbf")
    # Windows-1250 and ISO-8859-2 differ in ą, ś, ź: pick the one whose letters appear.
    latin2_only = sum(data.count(b) for b in (b"\xb1", b"\xb6", b"\xbc"))
    cp1250_only = sum(data.count(b) for b in (b"\xb9", b"\x9c", b"\x9f"))
    encoding = "iso-8859-2" if latin2_only > cp1250_only else "cp1250"
    lines = data.split(b"\n")
    utf8_lines = 0
    for line in lines:
        try:
            line.decode("utf-8")
            utf8_lines += any(b > 127 for b in line)
        except UnicodeDecodeError:
            pass
    if utf8_lines:  # a UTF-8 file with a few lines pasted from an older program: decode line by line
        decoded = []
        for line in lines:
            try:
                decoded.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                decoded.append(line.decode(encoding, errors="replace"))
        return "\n".join(decoded)
    return data.decode(encoding, errors="replace")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    replacements = sample.count("\ufffd")
    return controls + replacements > max(3, len(sample) // 100)


def detect_delimiter(text: str) -> str:
    """The delimiter (semicolon, comma, tab or pipe) that splits the first lines most evenly."""
    lines = [line[:4096] for line in text[:262_144].splitlines()[:60] if line.strip()]
    sample = "\n".join(lines)
    best, best_score = ",", (0, 0)
    for delimiter in (";", ",", "\t", "|"):
        try:
            counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        score = (multi.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, name: str) -> Sheet:
    columnar = _columnar_csv(data, name)
    if columnar is not None:
        return columnar
    text = decode_text(data)
    if _looks_binary(text):
        raise _not_a_table()
    if not text.strip():
        raise UserError("Plik jest pusty — nie ma w nim żadnych danych. Sprawdź, czy wybrano właściwy plik.", "empty_file")
    delimiter = detect_delimiter(text)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if len(rows) >= config.MAX_ROWS_PER_SHEET:
                raise UserError(
                    f"Plik ma więcej niż {number(config.MAX_ROWS_PER_SHEET)} wierszy. Podziel dane na mniejsze pliki.",
                    "too_many_rows",
                )
            if len(row) > config.MAX_COLUMNS:
                raise UserError(
                    f"Wiersz {len(rows) + 1} ma {number(len(row))} {plural(len(row), 'kolumnę', 'kolumny', 'kolumn')}, "
                    f"a wczytać można najwyżej {number(config.MAX_COLUMNS)}. "
                    "Sprawdź, czy to właściwy plik CSV.",
                    "too_many_columns",
                )
            rows.append(row)
    except csv.Error:
        raise UserError(
            f"Plik CSV jest uszkodzony (wiersz {len(rows) + 1}: niedomknięty cudzysłów lub zbyt długa komórka). "
            "Otwórz go w Excelu, zapisz ponownie i wgraj jeszcze raz.",
            "damaged",
        ) from None
    return Sheet(name, rows)


# below this many bytes a CSV is read row by row (the columnar reader's start costs more)
_COLUMNAR_CSV_BYTES = 1 << 20


def _columnar_csv(data: bytes, name: str) -> Sheet | None:
    """The sheet of a large UTF-8 CSV with rows of one length, held column by column; None for any other.

    Arrow's CSV reader (C++, in parallel) splits fields, quotes and line ends as ``csv.reader``
    does (a blank line becomes a row of empty cells) and checks that every field is UTF-8, which
    is what ``decode_text`` would have read the file as. Whatever it would read differently is
    left to the row-by-row reader (None here): another encoding, rows of different lengths, a
    field longer than ``csv.reader`` accepts, more rows or columns than the limits, a file that
    looks binary or empty.
    """
    if len(data) < _COLUMNAR_CSV_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return None
    body = data.removeprefix(b"\xef\xbb\xbf")
    head = body[:1 << 20].decode("utf-8", errors="ignore")[:262_144]  # as much as decode_text's sniffers read
    if _looks_binary(head) or not head.strip():
        return None
    delimiter = detect_delimiter(head)
    try:
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), None)
    except csv.Error:
        return None
    if not first or len(first) > config.MAX_COLUMNS:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    names = [f"c{i}" for i in range(len(first))]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True, escape_char=False,
                                               newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), null_values=[],
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                  check_utf8=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_rows > config.MAX_ROWS_PER_SHEET:
        return None
    limit = csv.field_size_limit()
    for column in table.columns:  # bytes first: a field within the limit in bytes is within it in characters
        if (pc.max(pc.binary_length(column)).as_py() or 0) > limit and pc.max(pc.utf8_length(column)).as_py() > limit:
            return None
    # one look at the whole file for control characters: most files have none, and then no column is looked at
    return Sheet(name, None, columns=list(table.columns), controls=has_control_characters(body))


# CONTROL_CHARACTERS in UTF-8 (which the file is, as Arrow checked): the C0 ones and DEL are those
# bytes themselves (every other byte below 0x80 is an ASCII character); each other one is two or three
# bytes, written out below (a test compares them with CONTROL_CHARACTERS for every code point)
_NOT_C0_CONTROLS = bytes(b for b in range(256) if not CONTROL_CHARACTERS.match(chr(b)) or b >= 0x80)
_WIDE_CONTROLS_UTF8 = re.compile(rb"\xc2[\x80-\x9f\xad]|\xd8\x9c|\xe1\xa0\x8e|\xe2\x80[\x8b-\x8f\xaa-\xae]"
                                 rb"|\xe2\x81[\xa0-\xa4\xa6-\xaf]|\xef\xbb\xbf|\xef\xbf[\xb9-\xbb]")


def has_control_characters(utf8: bytes) -> bool:
    """Whether the UTF-8 text ``utf8`` holds a character of ``CONTROL_CHARACTERS``."""
    if utf8.translate(None, _NOT_C0_CONTROLS):  # what is left when all but the C0 controls and DEL are deleted
        return True
    return _WIDE_CONTROLS_UTF8.search(utf8) is not None
