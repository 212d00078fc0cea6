"""Bytes -> sheets: formats decided by content, encodings, delimiters, and every refusal (by its code)."""

from __future__ import annotations

import time

import pytest

from analysis import config
from analysis.errors import UserError
from analysis.reading import readers, spreadsheet
from tests import fixtures as fx

TABLE = [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]


def refused(data: bytes, name: str = "plik.xlsx") -> UserError:
    with pytest.raises(UserError) as caught:
        readers.read_workbook(data, name)
    return caught.value


def refusal(data: bytes, name: str = "plik.xlsx") -> str:
    """The refusal's code."""
    return refused(data, name).code


@pytest.mark.parametrize(
    ("maker", "fmt"),
    [
        (lambda: fx.xlsx_bytes({"Lista": TABLE}), "xlsx"),
        (lambda: fx.xls_bytes({"Lista": TABLE}), "xls"),
        (lambda: fx.ods_bytes({"Lista": TABLE}), "ods"),
        (lambda: fx.csv_bytes(TABLE), "csv"),
    ],
)
def test_each_format_reads_the_same_cells(maker, fmt):
    book = readers.read_workbook(maker(), "lista.dat")
    assert book.format == fmt
    rows = [[str(c) for c in row] for row in book.sheets[0].rows if any(str(c) for c in row)]
    assert rows[0][:5] == fx.ATTENDANCE_HEADER[:5]
    assert rows[1][1] == "Anna Nowak"
    assert rows[5][2] == "Wojewódzki Urząd Pracy w Warszawie"


def test_the_content_decides_not_the_name():
    assert readers.read_workbook(fx.xlsx_bytes({"A": TABLE}), "lista.csv").format == "xlsx"
    assert readers.read_workbook(fx.csv_bytes(TABLE), "lista.xlsx").format == "csv"


def test_xlsm_is_recognised_by_its_content_type():
    data = fx.xlsx_bytes({"A": TABLE}).replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert readers.sniff_format(data) in ("xlsm", "xlsx")  # deflated parts may hide the string


def test_every_sheet_is_read_with_its_name():
    book = readers.read_workbook(fx.xlsx_bytes({"1 Serock": TABLE, "Instrukcja": [["Jak wypełnić"]]}), "a.xlsx")
    assert [s.name for s in book.sheets] == ["1 Serock", "Instrukcja"]


def test_rows_keep_their_spreadsheet_numbers_after_title_rows():
    data = fx.xlsx_bytes({"Lista": [[], ["Lista obecności"], [], *TABLE]})
    sheet = readers.read_workbook(data, "a.xlsx").sheets[0]
    header_index = next(i for i, r in enumerate(sheet.rows) if r and r[0] == "Lp.")
    assert sheet.spreadsheet_row(header_index) == 4


def test_merged_cells_are_filled_across_their_range():
    rows = [["Warsztat", "Imię i nazwisko"], ["3", "Anna Nowak"], ["", "Jan Król"]]
    data = fx.xlsx_bytes({"L": rows}, merges={"L": ["A2:A3"]})
    sheet = readers.read_workbook(data, "a.xlsx").sheets[0]
    assert sheet.rows[2][0] == "3"


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1250", False), ("iso-8859-2", False), ("utf-16", False)]
)
def test_csv_encodings(encoding, bom):
    data = fx.csv_bytes([["Imię i nazwisko", "Instytucja"], ["Żaneta Łęcka-Ślązak", "Gminny Ośrodek Kultury"]],
                        encoding=encoding, bom=bom)
    sheet = readers.read_workbook(data, "a.csv").sheets[0]
    assert sheet.rows[1] == ["Żaneta Łęcka-Ślązak", "Gminny Ośrodek Kultury"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_delimiters(delimiter):
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], ["Anna Nowak", "Urząd Gminy, Jabłonna", "JST"]]
    sheet = readers.read_workbook(fx.csv_bytes(rows, delimiter=delimiter), "a.csv").sheets[0]
    assert sheet.rows[1] == ["Anna Nowak", "Urząd Gminy, Jabłonna", "JST"]


def test_word_document_named_xlsx_is_refused_as_what_it_is():
    refusal_ = refused(fx.docx_bytes())
    assert refusal_.code == "not_a_spreadsheet" and "dokument Worda" in refusal_.message  # says what it is


def test_password_protected_xlsx():
    assert refusal(fx.encrypted_xlsx_bytes()) == "password_protected"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"   \r\n  \n", "empty_file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_a_spreadsheet"),
        (bytes(range(256)) * 40, "not_a_spreadsheet"),
        (b"\x00\x01\x02junk\xff\xfe\x00" * 100, "not_a_spreadsheet"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "not_a_spreadsheet"),
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
         "unsupported_format"),
    ],
)
def test_unreadable_contents(data, code):
    assert refusal(data) == code


def test_truncated_xlsx():
    data = fx.xlsx_bytes({"Lista": TABLE})
    assert refusal(data[: len(data) // 2]) == "damaged"


def test_plain_zip_archive():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("lista.txt", "x")
    assert refusal(out.getvalue()) == "not_a_spreadsheet"


def test_oversized_upload_is_refused_before_reading(monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_MAX_UPLOAD_MB", "1")
    too_large = refused(b"a;b\n" * 300_000)
    assert too_large.code == "too_large" and "limit to 1 MB" in too_large.message


def test_limit_defaults_to_20_mb():
    assert config.max_upload_mb() == 20


def test_zip_bomb_is_refused_fast_before_inflating():
    data = fx.zip_bomb_xlsx(gigabytes=2)
    assert len(data) < 10 * 1024 * 1024
    started = time.monotonic()
    bomb = refused(data)
    assert time.monotonic() - started < 5
    assert bomb.code == "too_large" and "2,0 GB" in bomb.message


def test_zip_bomb_with_lying_sizes_is_refused_and_app_survives():
    started = time.monotonic()
    code = refusal(fx.lying_zip_bomb_xlsx(megabytes=1536))
    assert time.monotonic() - started < 30
    assert code in ("damaged", "reading_stopped")


def test_far_away_cell_does_not_take_the_process_down():
    started = time.monotonic()
    code = refusal(fx.far_cell_xlsx())
    assert time.monotonic() - started < 30
    assert code in ("reading_stopped", "damaged")
    # the app's own process is still alive and reads the next file
    assert readers.read_workbook(fx.xlsx_bytes({"Lista": TABLE}), "a.xlsx").sheets


def test_too_many_rows_in_csv(monkeypatch):
    monkeypatch.setattr(config, "MAX_ROWS_PER_SHEET", 10)
    assert refusal(fx.csv_bytes([["a", "b"]] * 20), "a.csv") == "too_many_rows"


def test_too_many_rows_in_xlsx(monkeypatch):
    monkeypatch.setattr(config, "MAX_ROWS_PER_SHEET", 10)
    assert refusal(fx.xlsx_bytes({"Duży": [["a", "b"]] * 20})) == "too_many_rows"


def test_unclosed_quote_in_csv_is_explained():
    data = b'Imi\xc4\x99 i nazwisko;Instytucja\n"Anna;' + b"x" * 200_000
    unclosed = refused(data, "a.csv")
    assert unclosed.code == "damaged" and "cudzysłów" in unclosed.message  # says what is wrong in it


@pytest.mark.parametrize(
    ("maker", "member"),
    [
        (lambda: fx.xlsx_bytes({"Lista": TABLE}), "[Content_Types].xml"),
        (lambda: fx.ods_bytes({"Lista": TABLE}), "mimetype"),
        (lambda: fx.ods_bytes({"Lista": TABLE}), "META-INF/manifest.xml"),
        (lambda: fx.xlsx_bytes({"Lista": TABLE}), "xl/worksheets/sheet1.xml"),
    ],
    ids=["content-types", "ods-mimetype", "ods-manifest", "xlsx-sheet"],
)
@pytest.mark.parametrize("seed", range(4))
def test_corrupt_compressed_part_is_refused_as_damaged(maker, member, seed):
    """Bits flipped inside one part's deflate stream (a bad disk, a broken download): a refusal, never zlib.error."""
    import random

    data = fx.corrupt_deflate(maker(), random.Random(seed), member=member)
    damaged = refused(data)
    assert damaged.code == "damaged"
    assert "zapisz" in damaged.message  # says what to do


@pytest.mark.parametrize("missing", ["[Content_Types].xml", "mimetype"])
def test_spreadsheet_without_its_table_of_contents_is_damaged_not_an_archive(missing):
    import io
    import zipfile

    base = fx.xlsx_bytes({"Lista": TABLE}) if missing.startswith("[") else fx.ods_bytes({"Lista": TABLE})
    archive = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as damaged:
        for info in archive.infolist():
            if info.filename != missing:
                damaged.writestr(info.filename, archive.read(info.filename))
    assert refusal(out.getvalue()) == "damaged"


def test_sheet_of_a_million_rows_is_refused_with_its_numbers_written_the_polish_way():
    """Regression: "ma 1 048 576 wierszy  a wczytać" lost its comma to a replace over the whole sentence."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Lista"
    ws["A1"] = "Imię i nazwisko"
    ws["A1048576"] = "x"
    out = io.BytesIO()
    wb.save(out)
    assert refusal(out.getvalue()) == "too_many_rows"
    assert refused(out.getvalue()).message == (
        "Arkusz „Lista” ma 1\u00a0048\u00a0576 wierszy, a wczytać można najwyżej 300\u00a0000. "
        "Podziel dane na mniejsze pliki."
    )


def test_too_many_rows_in_csv_sentence(monkeypatch):
    monkeypatch.setattr(config, "MAX_ROWS_PER_SHEET", 1000)
    assert refused(fx.csv_bytes([["a", "b"]] * 1001), "a.csv").message == (
        "Plik ma więcej niż 1\u00a0000 wierszy. Podziel dane na mniejsze pliki."
    )


def test_too_many_columns_sentence(monkeypatch):
    monkeypatch.setattr(config, "MAX_COLUMNS", 2)
    too_wide = refused(fx.xlsx_bytes({"Szeroki": [["a", "b", "c"]]}))
    assert too_wide.code == "too_many_columns" and too_wide.message == (
        "Arkusz „Szeroki” ma 3 kolumny, a wczytać można najwyżej 2. "
        "Usuń zbędne kolumny (albo komórkę wpisaną daleko poza tabelą) i wgraj ponownie."
    )


def test_reading_worker_is_not_shadowed_by_modules_beside_it(tmp_path, monkeypatch):
    """The worker runs as a script from analysis/reading/, where a module named like one of the standard
    library's would shadow it (once analysis/calendar.py: "module 'calendar' has no attribute 'day_abbr'"):
    its folder must not be on its sys.path."""
    import datetime as dt
    import shutil

    worker = tmp_path / "_calamine_worker.py"
    shutil.copy(spreadsheet.WORKER, worker)
    for name in ("calendar", "pickle", "enum", "re", "struct", "resource"):  # what the worker and calamine import
        (tmp_path / f"{name}.py").write_text("raise ImportError('shadowed by a module beside the worker')\n")
    monkeypatch.setattr(spreadsheet, "WORKER", worker)
    sheets = readers.read_workbook(fx.xlsx_bytes({"Lista": [["Data", "Imię i nazwisko"], [dt.date(2018, 9, 13), "Anna"]]}),
                                   "a.xlsx").sheets
    assert sheets[0].rows == [["Data", "Imię i nazwisko"], [dt.date(2018, 9, 13), "Anna"]]
