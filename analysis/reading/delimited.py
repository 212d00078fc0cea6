"""Delimited text (CSV) -> one sheet: the encoding and the delimiter found, the text split by ``csv``.

UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1250 / ISO-8859-2 are told apart by their
bytes; the delimiter (semicolon, comma, tab or pipe) is the one that splits the first lines most
evenly. A large UTF-8 file with rows of one length is read by Arrow's CSV reader, column by column
(``_columnar_csv``: without it the CSV check misses its target, ``benchmarks/import_speed.py``);
it reads what ``csv`` would read, and whatever it would read differently is read row by row.
Every refusal is a ``UserError`` (a code and a Polish sentence).
"""

from __future__ import annotations

import csv
import io

from analysis import config
from analysis.display import number, plural
from analysis.errors import UserError
from analysis.reading.sheets import Sheet


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
    """The one sheet of the CSV file in ``data``, named ``name``."""
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

    Arrow's CSV reader (C++; in one thread: on two cores its threads cost twice the CPU, and the CLI's
    check imports pandas meanwhile; in one block, so each column is one array of pandas' own text type,
    ``large_string``, that every later step reads whole and without a copy) splits fields, quotes and line ends as ``csv.reader``
    does (a blank line becomes a row of empty cells) and checks that every field is UTF-8, which
    is what ``decode_text`` would have read the file as. A few shorter lines above the table (a title,
    a blank line: ``_leading_rows``) are read by ``csv`` and put above each column as its first cells.
    Whatever it would read differently is
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
    leading = _leading_rows(body, head, delimiter)
    if leading is None:
        return None
    above, offset, width = leading
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    names = [f"c{i}" for i in range(width)]
    table_bytes = pa.py_buffer(body)[offset:]  # no copy
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(table_bytes),
            read_options=pa_csv.ReadOptions(column_names=names, use_threads=False, block_size=len(table_bytes) + 1),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True, escape_char=False,
                                               newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.large_string()), null_values=[],
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                  check_utf8=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if len(above) + table.num_rows > config.MAX_ROWS_PER_SHEET:
        return None
    limit = csv.field_size_limit()
    for column in table.columns:  # bytes first: a field within the limit in bytes is within it in characters
        if (pc.max(pc.binary_length(column)).as_py() or 0) > limit and pc.max(pc.utf8_length(column)).as_py() > limit:
            return None
    if not above:
        return Sheet(name, None, columns=list(table.columns))
    # the lines above: a short chunk before each column's own (padded with empty cells, as the rows' reader pads)
    return Sheet(name, None, columns=[
        pa.chunked_array([pa.array([row[i] if i < len(row) else "" for row in above], pa.large_string()),
                          *column.chunks])
        for i, column in enumerate(table.columns)])


# at most this many lines above a large CSV's table may be shorter than its rows (a title, a blank line)
_LEADING_LINES = 30


def _leading_rows(body: bytes, head: str, delimiter: str) -> tuple[list[list[str]], int, int] | None:
    """The rows above the table of a large CSV, where the table starts (in bytes) and its width: the rows of
    ``head`` (the file's beginning) up to the last one of another length than the rows below it (blank rows
    aside). None when it cannot be read so: a row above the table longer than the table's or with more than
    one cell filled in (a header row shorter than the rows below must stay as short), more than
    ``_LEADING_LINES`` of them, a quote or a carriage return without a line feed in them (where ``csv``
    and a split at line feeds could part), or the first line longer than ``config.MAX_COLUMNS``."""
    try:
        rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
    except csv.Error:
        return None
    if len(rows) > 1:
        rows = rows[:-1]  # the head may end inside a line
    if not rows or not rows[0]:
        return None
    width = len(rows[-1])
    if len(rows[0]) == width:  # no lines above the table: it starts at the first byte
        return ([], 0, width) if 0 < width <= config.MAX_COLUMNS else None
    count = 1 + max(i for i, row in enumerate(rows) if row and len(row) != width)
    if count >= len(rows) or count > _LEADING_LINES or not 0 < width <= config.MAX_COLUMNS:
        return None
    above = rows[:count]
    if any(len(row) > width or sum(1 for cell in row if cell.strip()) > 1 for row in above):
        return None  # longer than the table, or a row of two cells or more: it could be the header row
    text = "".join(head.splitlines(keepends=True)[:count])
    if '"' in text or "\r" in text.replace("\r\n", "") or any(ch in text for ch in "\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        return None
    offset = len(text.encode("utf-8"))
    if body[:offset].decode("utf-8", errors="replace") != text or \
            list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)) != above:
        return None
    return above, offset, width


def _not_a_table() -> UserError:
    return UserError(
        "Tego pliku nie da się odczytać jako tabeli: to nie jest arkusz Excela, LibreOffice ani plik CSV. "
        "Zapisz dane w Excelu jako .xlsx i wgraj ponownie.",
        "not_a_spreadsheet",
    )
