"""What is this file? Its spreadsheet format, decided once by its content (never by its name).

``sniff_format`` looks at the first bytes (a ZIP archive, an OLE container, or text) and, inside
an archive, at its table of contents; a file that is no spreadsheet is refused with a
``UserError`` that names what it is (a Word document, a PDF, a scan, a web page …). Whatever is
not recognised otherwise is text: the delimited reader's.
"""

from __future__ import annotations

import io
import zipfile

from analysis import config
from analysis.display import number
from analysis.errors import UserError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

SAVE_AS_XLSX = "Otwórz go w Excelu lub LibreOffice i zapisz jako skoroszyt .xlsx, potem wgraj ponownie."


def megabytes(size: int) -> str:
    """A size for a message: "12,5 MB" or "2,0 GB"."""
    if size >= 1024**3:
        return f"{number(size / 1024**3, 1)} GB"
    return f"{number(size / 1024 / 1024, 1)} MB"


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
                raise password_protected()
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
        raise password_protected()
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


def password_protected() -> UserError:
    return UserError(
        "Plik jest zabezpieczony hasłem, więc nie da się go odczytać. Otwórz go w Excelu, usuń hasło "
        "(Plik → Informacje → Chroń skoroszyt → Szyfruj przy użyciu hasła → wyczyść pole), zapisz i wgraj ponownie.",
        "password_protected",
    )


def _too_big_unpacked(declared: int) -> UserError:
    return UserError(
        f"Po rozpakowaniu plik zająłby {megabytes(declared)} — to o wiele za dużo jak na listę obecności "
        "lub tabelę propozycji i może być plikiem złośliwym. Nie wczytano go. Wgraj właściwy arkusz.",
        "too_large",
    )


def _suspicious() -> UserError:
    return UserError(
        "Plik ma nietypową, podejrzaną budowę i nie został wczytany. "
        "Otwórz go w Excelu, zapisz jako nowy .xlsx i wgraj ponownie.",
        "suspicious",
    )
