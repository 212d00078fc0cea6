"""The Excel and PowerPoint reports as an office suite opens them, read from their XML (``tests.office``),
not through the libraries that wrote them: bars from 0, the pages' colours, shares in per cent, every
category labelled, numbers with number formats, and an Excel report that prints: A4 landscape, one page
wide, header rows repeated, no chart across a page break."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess

import pandas as pd
import pytest

from analysis import report
from analysis.dataset import Dataset
from analysis.palette import (
    AREA_COLORS,
    GMINA_COLORS,
    GROUP_COLORS,
    LABEL_COLORS,
    PRIMARY,
    SECTOR_COLORS,
    STATUS_COLORS,
    hex_digits,
)
from analysis.report import cells, protocol, xlsx
from analysis.report.model import Slide
from analysis.vocabulary import AREA_SHORT_LABELS, GMINA_LABELS, SECTOR_GROUP_LABELS, SECTOR_LABELS, STATUSES
from tests.helpers import closed_vote
from tests.office import EMU_PER_POINT, NS, Chart, Workbook, deck_charts, deck_slides

FORMATS = ["xlsx", "pptx"]
A4 = (595.28, 841.89)  # points: the short side, the long side


@pytest.fixture(scope="module")
def sample(sample_dataset) -> Dataset:
    return sample_dataset


@pytest.fixture(scope="module")
def made(sample) -> report.Report:
    return report.build(sample)


@pytest.fixture(scope="module")
def files(made, sample) -> dict[str, bytes]:
    return {"xlsx": report.to_xlsx(made), "pptx": report.to_pptx(made)}


def drawn(fmt: str, made: report.Report, files: dict[str, bytes]) -> list[tuple[Slide, pd.DataFrame, Chart]]:
    """Each native chart of the file with the slide and the frame it draws."""
    found = []
    if fmt == "xlsx":
        book = Workbook(files["xlsx"])
        for slide in made.slides:
            if not slide.data.empty:
                [(_, chart)] = book.charts(slide.sheet)
                found.append((slide, slide.data, chart))
        return found
    charts = iter(deck_charts(files["pptx"]))
    for slide in made.slides:
        if not slide.projector or slide.data.empty:
            continue
        for frame in (slide.data, slide.detail):
            if frame is not None and not frame.empty:
                title, _, chart = next(charts)
                assert title == slide.title
                found.append((slide, frame, chart))
    assert next(charts, None) is None
    return found


def _mine(charts: list[tuple[Slide, pd.DataFrame, Chart]], key: str) -> Chart:
    return next(chart for slide, frame, chart in charts if slide.key == key and frame is slide.data)


# --- the native charts ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_bar_starts_at_zero(fmt, made, files):
    """"Cykl do tej pory": 86, 93 and 101 people on an axis from 0, not from 75 (where 86 against 101 looks 1 : 3)."""
    charts = drawn(fmt, made, files)
    for slide, frame, chart in charts:
        values = [v for series in chart.series() for v in series.values if v is not None]
        assert sorted(values) == pytest.approx(sorted(frame.iloc[:, 1:].stack().astype(float).tolist())), slide.key
        if min(values, default=0) >= 0:
            assert chart.scale("min") == 0, slide.key
    cycle = _mine(charts, "cycle")
    assert cycle.series()[0].values == [86, 93, 101] and cycle.scale("min") == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_series_have_the_colours_of_the_pages_charts(fmt, made, files):
    """One palette everywhere: public / business / civil navy / orange / green as on the pages (not the office
    suite's blue / red / green), each sector's and each area's bar in its colour."""
    charts = drawn(fmt, made, files)
    groups = {SECTOR_GROUP_LABELS[g]: hex_digits(GROUP_COLORS[g]) for g in ("public", "business", "civil")}
    assert {s.name: s.color for s in _mine(charts, "balance").series()} == groups
    balance = next(s for s in made.slides if s.key == "balance")
    assert {t.name: hex_digits(t.marker.color) for t in balance.figure.data if t.name in groups} == groups  # the page's
    [sectors] = _mine(charts, "sectors").series()
    assert {sectors.categories[i]: color for i, color in sectors.points.items()} == {
        SECTOR_LABELS[code]: hex_digits(color) for code, color in SECTOR_COLORS.items()
        if SECTOR_LABELS[code] in sectors.categories}
    assert len(sectors.points) == len(sectors.categories) == 12
    [areas] = _mine(charts, "areas").series()
    assert [areas.points[i] for i in range(4)] == [hex_digits(AREA_COLORS[a]) for a in AREA_SHORT_LABELS]
    [cycle] = _mine(charts, "cycle").series()
    assert cycle.color == hex_digits(PRIMARY) and not cycle.points  # the pages' participants: the primary colour


def test_a_label_names_one_colour_in_every_palette():
    """A native chart knows a series by its Polish label: a label in two palettes (``Inne``: a sector and a
    group) has the same colour in both, so the label's colour is the pages' colour whichever it names."""
    palettes = [(SECTOR_LABELS, SECTOR_COLORS), (SECTOR_GROUP_LABELS, GROUP_COLORS), (AREA_SHORT_LABELS, AREA_COLORS),
                (STATUSES, STATUS_COLORS), (GMINA_LABELS, GMINA_COLORS)]
    for labels, colors in palettes:
        for code, color in colors.items():
            assert LABEL_COLORS[labels[code]] == color, labels[code]


@pytest.mark.parametrize("fmt", FORMATS)
def test_shares_are_drawn_in_per_cent(fmt, made, files):
    """A share's axis reads 0%…100% (as the slide's headline: "85% propozycji"), not 0…1."""
    charts = drawn(fmt, made, files)
    checked = set()
    for slide, frame, chart in charts:
        if chart.grouping == "percentStacked" or all(c in slide.shares for c in frame.columns[1:]):
            code, linked = chart.value_format()
            assert code.endswith("%") and linked == "0", slide.key
            assert chart.scale("min") == 0 and (chart.scale("max") or 1) <= 1, slide.key
            checked.add(slide.key)
    assert {"balance", "cooperation"} <= checked
    cooperation = next(s for s in made.slides if s.key == "cooperation")
    assert cooperation.headline.startswith("85%") and _mine(charts, "cooperation").scale("max") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_category_is_labelled_in_type_that_fits(fmt, made, files):
    """No label left out (office suites skip every other one they find crowded), in type small enough to fit."""
    charts = drawn(fmt, made, files)
    book = Workbook(files["xlsx"])
    heights = {title: int(frame.find("p:xfrm/a:ext", NS).get("cy")) / EMU_PER_POINT
               for title, frame, _ in deck_charts(files["pptx"])}
    for slide, frame, chart in charts:
        assert chart.label_skip() == 1, slide.key
        if chart.bar_direction == "bar":  # horizontal bars: the labels one above another
            size = chart.label_size()
            height = heights[slide.title] if fmt == "pptx" else _chart_height(book, slide.sheet)
            assert size is not None and len(frame) * size * 1.2 <= height - 80, slide.key
    assert len(_mine(charts, "sectors").series()[0].categories) == 12


def _chart_height(book: Workbook, name: str) -> float:
    """Points from a sheet's chart's top to its bottom (its anchor's rows, as written)."""
    [(anchor, _)] = book.charts(name)
    heights, default = _row_heights(book, name)
    top, bottom = _anchor_rows(anchor, heights, default)
    return bottom - top


# --- numbers in cells -----------------------------------------------------------------------------------


def test_indices_show_two_decimals_and_keep_every_digit(made, files):
    """"Indeksy E-I i Blaua": 0,82 on screen and on paper, 0.8235294117647058 in the cell."""
    book = Workbook(files["xlsx"])
    slide = next(s for s in made.slides if s.key == "diversity")
    cells = book.cells(slide.sheet)
    digits = []
    for r, row in enumerate(slide.data.itertuples(index=False), start=2):
        for c in (2, 3):
            value, kind, number_format = cells[(r, c)]
            assert kind == "n" and number_format == "0.00" and value == row[c - 1]
            digits.append(len(repr(value).split(".")[1]))
    assert max(digits) > 2  # the sample's indices have many more digits than are shown
    per_10k = next(s for s in made.slides if s.key == "per_10k")
    assert {book.cells(per_10k.sheet)[(r, 2)][2] for r in range(2, len(per_10k.data) + 2)} == {"0.0"}
    assert book.cells("Cykl do tej pory")[(2, 2)] == (86, "n", "General")  # whole numbers as they are


def test_the_protocols_counts_are_numbers():
    """The protocol's sheet: cards, votes and proposals as numbers (14, not the text '14'), the turnout a
    share shown in per cent."""
    book = Workbook(protocol.to_xlsx(closed_vote()))
    cells = book.cells("Protokół")
    facts = {cells[(r, 1)][0]: cells.get((r, 2)) for r in range(4, 40) if (r, 1) in cells}
    for label, count in (("Karty wydane", 14), ("Karty użyte (głosy)", 7), ("Propozycji na karcie", 5),
                         ("Głosy: telefon", 7)):
        assert facts[label][:2] == (count, "n"), label
    value, kind, number_format = facts["Frekwencja"]
    assert (value, kind) == (0.5, "n") and number_format.endswith("%")
    assert facts["Cykl"][0] == "2018" and facts["Wyborów na karcie"][0] == "do 3"


# --- printing the Excel report ------------------------------------------------------------------------


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_repeated(made, files):
    book = Workbook(files["xlsx"])
    titles = {**{s.sheet: "$1:$1" for s in made.slides if not s.data.empty},
              **{sheet: "$5:$5" for sheet, _, _ in xlsx.COUNT_SHEETS.values()},
              "Propozycje": "$1:$1", xlsx.INVITE_SHEET: "$1:$1"}
    assert set(titles) | {"Podsumowanie"} == set(book.sheet_names)
    for index, name in enumerate(book.sheet_names):
        ws = book.sheet(name)
        setup = ws.find("s:pageSetup", NS)
        assert setup is not None, name
        assert (setup.get("paperSize"), setup.get("orientation")) == ("9", "landscape"), name
        assert (setup.get("fitToWidth"), setup.get("fitToHeight")) == ("1", "0"), name  # one page wide, rows run on
        assert ws.find("s:sheetPr/s:pageSetUpPr", NS).get("fitToPage") == "1", name
        assert ws.find("s:colBreaks", NS) is None, name
        printed = book.defined.get(("_xlnm.Print_Titles", index))
        assert (printed.rpartition("!")[2] if printed else None) == titles.get(name), name


def _row_heights(book: Workbook, name: str) -> tuple[dict[int, float], float]:
    ws = book.sheet(name)
    default = float(ws.find("s:sheetFormatPr", NS).get("defaultRowHeight", "15"))
    return {int(r.get("r")): float(r.get("ht")) for r in ws.findall("s:sheetData/s:row", NS) if r.get("ht")}, default


def _y(row: int, heights: dict[int, float], default: float) -> float:
    """Points from the sheet's top to the top of ``row`` (0-based, as anchors count)."""
    return sum(heights.get(r, default) for r in range(1, row + 1))


def _anchor_rows(anchor, heights: dict[int, float], default: float) -> tuple[float, float]:
    """Points from the sheet's top to a drawing's top and bottom edge."""
    start = anchor.find("xdr:from", NS)
    top = _y(int(start.find("xdr:row", NS).text), heights, default) + int(start.find("xdr:rowOff", NS).text) / EMU_PER_POINT
    if anchor.tag.endswith("twoCellAnchor"):
        end = anchor.find("xdr:to", NS)
        bottom = _y(int(end.find("xdr:row", NS).text), heights, default) + int(end.find("xdr:rowOff", NS).text) / EMU_PER_POINT
    else:  # one cell and a size
        bottom = top + int(anchor.find("xdr:ext", NS).get("cy")) / EMU_PER_POINT
    return top, bottom


def _x(column: int, widths: dict[int, float]) -> float:
    """Points from the sheet's left edge to the left of ``column`` (0-based): 7 px a character of width."""
    return sum(widths.get(c, 8.43) * 7 * 0.75 for c in range(1, column + 1))


def test_no_chart_is_cut_by_a_page_break(files):
    """Where the pages of each sheet break (paper, orientation, margins, row heights, page breaks, the header
    repeated on each page): every chart lies on one page, down and across.

    Down: from the page break above the chart (or the sheet's top) to the chart's bottom is at most a page, at
    100% — and the sheet is never printed larger (fit to width scales down only), so at its real scale too.
    Across: the sheet is printed one page wide and the chart lies within its print area, or the chart's right
    edge is within the page's width.
    """
    book = Workbook(files["xlsx"])
    checked = 0
    for index, name in enumerate(book.sheet_names):
        ws = book.sheet(name)
        setup = ws.find("s:pageSetup", NS)
        landscape = setup is not None and setup.get("orientation") == "landscape"
        width, height = (A4[1], A4[0]) if landscape else A4
        margins = {k: float(v) * 72 for k, v in ws.find("s:pageMargins", NS).attrib.items()}
        page_height, page_width = height - margins["top"] - margins["bottom"], width - margins["left"] - margins["right"]
        heights, default = _row_heights(book, name)
        breaks = sorted(int(b.get("id")) for b in ws.findall("s:rowBreaks/s:brk", NS))  # a page ends under row id
        printed = book.defined.get(("_xlnm.Print_Titles", index))
        title_rows = [int(n) for n in printed.rpartition("!")[2].replace("$", "").split(":")] if printed else []
        repeated = sum(heights.get(r, default) for r in range(title_rows[0], title_rows[-1] + 1)) if title_rows else 0
        columns = {c: float(col.get("width")) for col in ws.findall("s:cols/s:col", NS)
                   for c in range(int(col.get("min")), int(col.get("max")) + 1)}
        one_wide = (ws.find("s:sheetPr/s:pageSetUpPr", NS) is not None
                    and ws.find("s:sheetPr/s:pageSetUpPr", NS).get("fitToPage") == "1"
                    and setup.get("fitToWidth") == "1")
        area = book.defined.get(("_xlnm.Print_Area", index))
        for anchor, _ in book.charts(name):
            top, bottom = _anchor_rows(anchor, heights, default)
            first_row = int(anchor.find("xdr:from/xdr:row", NS).text)  # 0-based: the rows above the chart
            above = max((b for b in breaks if b <= first_row), default=0)
            on_page = bottom - _y(above, heights, default) + (repeated if above else 0)
            assert on_page <= page_height, f"{name}: the chart needs {on_page:.0f} pt of a {page_height:.0f} pt page"
            start = anchor.find("xdr:from", NS)
            if anchor.tag.endswith("twoCellAnchor"):
                end = anchor.find("xdr:to", NS)
                last_column = int(end.find("xdr:col", NS).text) + (int(end.find("xdr:colOff", NS).text) > 0)
                right = _x(int(end.find("xdr:col", NS).text), columns) + int(end.find("xdr:colOff", NS).text) / EMU_PER_POINT
            else:
                right = (_x(int(start.find("xdr:col", NS).text), columns) + int(start.find("xdr:colOff", NS).text)
                         / EMU_PER_POINT + int(anchor.find("xdr:ext", NS).get("cx")) / EMU_PER_POINT)
                last_column = None
            if one_wide and area and last_column is not None:
                area_end = area.rpartition(":")[2].replace("$", "")
                assert last_column <= sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(
                    "".join(ch for ch in area_end if ch.isalpha())))), f"{name}: the chart outside the print area"
            else:
                assert right <= page_width, f"{name}: the chart's right edge at {right:.0f} pt, the page {page_width:.0f}"
            checked += 1
    assert checked >= 15


# --- the files printed by LibreOffice ----------------------------------------------------------------------


def _pdf(folder, name: str, data: bytes) -> list[tuple[float, float]]:
    """Each page's size (points) of ``data`` (a file called ``name``) converted to PDF by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is not installed under CI: .ci/run must install libreoffice-calc and -impress")
        pytest.skip("LibreOffice (soffice) is not installed")
    source = folder / name
    source.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=600)
    pdf = (folder / f"{source.stem}.pdf").read_bytes()  # LibreOffice writes its objects uncompressed
    sizes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\[0 0 ([\d.]+) ([\d.]+)\]", pdf)]
    assert len(sizes) == len(re.findall(rb"/Type/Page\b(?!s)", pdf))
    return sizes


def _sheet_pages(book: Workbook, name: str, index: int, page_height: float) -> tuple[int, int]:
    """At least and at most how many pages a sheet prints on: one per stretch between its page breaks, and
    as many as its rows' height needs (the header row repeated on each page)."""
    ws = book.sheet(name)
    heights, default = _row_heights(book, name)
    rows = max((int(r.get("r")) for r in ws.findall("s:sheetData/s:row", NS)), default=1)
    breaks = sorted(int(b.get("id")) for b in ws.findall("s:rowBreaks/s:brk", NS))
    printed = book.defined.get(("_xlnm.Print_Titles", index))
    title = heights.get(int(printed.rpartition("$")[2]), default) if printed else 0
    most = 0
    for first, last in zip([0, *breaks], [*breaks, rows], strict=True):
        most += max(1, math.ceil(sum(heights.get(r, default) for r in range(first + 1, last + 1))
                                 / (page_height - title)))
    return 1 + len(breaks), most


def test_the_excel_report_prints_on_a4_landscape_pages_as_laid_out(files, tmp_path):
    """LibreOffice Calc prints every page A4 landscape, each sheet on the pages its layout gives (one per
    stretch between page breaks; no more than its rows need): 26 pages for the sample, not 81 with charts
    cut in half."""
    pages = _pdf(tmp_path, "raport.xlsx", files["xlsx"])
    assert all((round(w), round(h)) == (842, 595) for w, h in pages)
    book = Workbook(files["xlsx"])
    page_height = A4[0] - (cells.MARGINS["top"] + cells.MARGINS["bottom"]) * 72
    least, most = (sum(bounds) for bounds in zip(*(_sheet_pages(book, name, index, page_height)
                                                      for index, name in enumerate(book.sheet_names)), strict=True))
    assert least <= len(pages) <= most


def test_the_deck_prints_one_16_by_9_page_per_slide(made, files, tmp_path):
    """LibreOffice Impress: the cover and one page per slide on the projector, none left empty."""
    pages = _pdf(tmp_path, "pokaz.pptx", files["pptx"])
    assert len(pages) == 1 + sum(slide.projector for slide in made.slides) == len(deck_slides(files["pptx"]))
    assert all(abs(w / h - 16 / 9) < 0.01 for w, h in pages)


def test_the_protocol_prints_one_page_wide_with_its_sentences_whole():
    """The protocol's workbook prints as the report (A4 landscape, one page wide, a table's header on every
    page); its long sentences wrap within the page, their rows as tall as their lines (were cut at the
    page's edge, the values printed on pages of their own: 11 pages, now 5)."""
    book = Workbook(protocol.to_xlsx(closed_vote()))
    for index, name in enumerate(book.sheet_names):
        ws = book.sheet(name)
        setup = ws.find("s:pageSetup", NS)
        assert (setup.get("paperSize"), setup.get("orientation"), setup.get("fitToWidth")) == ("9", "landscape", "1")
        assert ws.find("s:sheetPr/s:pageSetUpPr", NS).get("fitToPage") == "1", name
        printed = book.defined.get(("_xlnm.Print_Titles", index))
        assert (printed.rpartition("!")[2] if printed else None) == (None if name == "Protokół" else "$1:$1"), name
    ws = book.sheet("Protokół")
    cells = book.cells("Protokół")
    rule = next(r for (r, c), (value, _, _) in cells.items() if c == 1 and value == "Zasada 49%")
    styles = book.package.xml("xl/styles.xml").findall("s:cellXfs/s:xf", NS)
    cell = ws.find(f"s:sheetData/s:row/s:c[@r='B{rule}']", NS)
    assert styles[int(cell.get("s"))].find("s:alignment", NS).get("wrapText") == "1"
    row = ws.find(f"s:sheetData/s:row[@r='{rule}']", NS)
    assert float(row.get("ht")) >= 15 * math.ceil(len(cells[(rule, 2)][0]) / 70)
