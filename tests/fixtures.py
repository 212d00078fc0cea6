"""Makers of the files the tests read: spreadsheets as offices type them, and hostile ones."""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from collections.abc import Sequence

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]

ATTENDANCE_HEADER = ["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Reprezentowany sektor", "Miejscowość", "Podpis"]
ATTENDANCE_ROWS = [
    [1, "Anna Nowak", "Urząd Gminy Jabłonna", "JST", "Jabłonna", ""],
    [2, "Piotr Wójcik", "Piekarnia Kłos sp. z o.o.", "przedsiębiorca", "Serock", ""],
    [3, "Ewa Mazur", "Stowarzyszenie Razem dla Gminy", "", "Chotomów", ""],
    [4, "Jan Król", "Zespół Szkół nr 2 w Legionowie", "oświata", "Legionowo", ""],
    [5, "Maria Sikora", "Wojewódzki Urząd Pracy w Warszawie", "", "Warszawa", ""],
]


def xlsx_bytes(sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xls_bytes(sheets: dict[str, Rows]) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in ("", None):
                    ws.write(r, c, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ods_bytes(sheets: dict[str, Rows]) -> bytes:
    import pandas as pd

    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame([list(r) for r in rows]).to_excel(writer, sheet_name=name, header=False, index=False)
    return out.getvalue()


def csv_bytes(rows: Rows, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def docx_bytes() -> bytes:
    """A minimal Word document (what a user may upload by mistake, named .xlsx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def encrypted_xlsx_bytes(password: str = "tajne") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = xlsx_bytes({"Lista": [ATTENDANCE_HEADER, *ATTENDANCE_ROWS]})
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


# --- hostile zips -------------------------------------------------------------------------------


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from (name, deflated bytes, crc, declared uncompressed size) written by hand."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def xlsx_with_sheet_xml(sheet_deflated: bytes, crc: int, declared_size: int) -> bytes:
    """A real xlsx whose first sheet's XML is replaced by the given deflate stream."""
    base = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Lista": [["a"]]})))
    entries = []
    for info in base.infolist():
        content = base.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            entries.append((info.filename, sheet_deflated, crc, declared_size))
        else:
            entries.append((info.filename, _deflate(content), zlib.crc32(content), len(content)))
    return _raw_zip(entries)


def zip_bomb_xlsx(gigabytes: int = 2) -> bytes:
    """An xlsx whose sheet honestly inflates to ``gigabytes`` GiB (a few MB on disk)."""
    chunk = b"<row><c><v>1</v></c></row>" * (16 * 1024 * 1024 // 26)
    chunk = chunk[: 16 * 1024 * 1024]
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, history reset: repeatable
    count = gigabytes * 64
    stream = block * count + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    chunk_crc = zlib.crc32(chunk)  # the crc is not needed for the refusal; keep it cheap but plausible
    crc = chunk_crc
    return xlsx_with_sheet_xml(stream, crc, len(chunk) * count)


def lying_zip_bomb_xlsx(megabytes: int = 1536) -> bytes:
    """An xlsx whose sheet declares 2 KB but inflates to ``megabytes`` MB of cells."""
    chunk = b'<row><c t="inlineStr"><is><t>xxxxxxxx</t></is></c></row>' * (1024 * 1024 // 58)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    c2 = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c2.compress(chunk) + c2.flush(zlib.Z_FULL_FLUSH)
    c3 = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = c3.compress(b"</sheetData></worksheet>") + c3.flush()
    return xlsx_with_sheet_xml(first + block * megabytes + tail, 0, 2048)


def far_cell_xlsx() -> bytes:
    """4 KB on disk, but a cell at XFD1048576 makes a dense reader allocate half a terabyte."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Imię i nazwisko"
    ws["XFD1048576"] = "x"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- damaged files (fuzzing) ------------------------------------------------------------------


def _member_data_spans(data: bytes) -> list[tuple[str, int, int]]:
    """(name, start, length) of each zip member's compressed bytes, found through the central directory."""
    spans = []
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        offset = info.header_offset
        name_length, extra_length = struct.unpack("<HH", data[offset + 26:offset + 30])
        spans.append((info.filename, offset + 30 + name_length + extra_length, info.compress_size))
    return spans


def corrupt_deflate(data: bytes, rng, member: str | None = None, flips: int = 3) -> bytes:
    """``data`` (a zip) with a few bits flipped inside one member's deflate stream; headers intact."""
    spans = [s for s in _member_data_spans(data) if s[2] > 0 and (member is None or s[0] == member)]
    _, start, length = rng.choice(spans)
    out = bytearray(data)
    for _ in range(flips):
        out[start + rng.randrange(length)] ^= 1 << rng.randrange(8)
    return bytes(out)


def flip_bits(data: bytes, rng, flips: int = 4) -> bytes:
    out = bytearray(data)
    for _ in range(flips):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _rezip(entries: list[tuple[str, bytes]]) -> bytes:
    import warnings

    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated name is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in entries:
                archive.writestr(name, content)
    return out.getvalue()


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(info.filename, archive.read(info.filename)) for info in archive.infolist()]


def drop_entry(data: bytes, rng) -> bytes:
    entries = _entries(data)
    del entries[rng.randrange(len(entries))]
    return _rezip(entries)


def swap_entries(data: bytes, rng) -> bytes:
    """Two members' contents exchanged under each other's names."""
    entries = _entries(data)
    i, j = rng.sample(range(len(entries)), 2)
    (a, a_data), (b, b_data) = entries[i], entries[j]
    entries[i], entries[j] = (a, b_data), (b, a_data)
    return _rezip(entries)


def duplicate_entry(data: bytes, rng) -> bytes:
    """One member written twice, the second time with another member's content."""
    entries = _entries(data)
    name, _ = rng.choice(entries)
    _, other = rng.choice(entries)
    return _rezip([*entries, (name, other)])
