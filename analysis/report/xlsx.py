"""The Excel report: each slide's numbers on its own sheet with a native chart, counts of participants
per institution, sector and gmina (never a row per person; small groups hidden), the proposals.

Every cell and every sheet follows ``cells`` (text stays text; A4 landscape, one page wide); a
slide's chart sits under its table and never across a page break (``PAGE_ROWS``). The writer
writes the ``Report`` it is handed and computes nothing.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from analysis import glossary
from analysis.display import PARTNERSHIP, plural, printable
from analysis.palette import TABLE_HEADER, hex_digits
from analysis.report import native
from analysis.report.cells import INJECTION_STARTS, MARGINS, CellValue, print_setup, properties, safe_cell, sheet_name
from analysis.report.model import ChartKind, GroupCounts, Report, Slide
from analysis.vocabulary import GMINA_LABELS, SECTOR_LABELS

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written
    from openpyxl.cell.cell import Cell
    from openpyxl.chart import BarChart
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# openpyxl's bar chart for each kind of slide chart: (type, grouping)
CHART_TYPES: dict[ChartKind, tuple[Literal["col", "bar"], Literal["percentStacked"] | None]] = {
    ChartKind.COLUMN: ("col", None),
    ChartKind.BAR: ("bar", None),
    ChartKind.STACKED100: ("col", "percentStacked"),
}

# the sheets of participants: counts per group, never a row per person (sheet name, first column, heading)
COUNT_SHEETS: dict[str, tuple[str, str, str]] = {
    "institution": ("Uczestnicy wg instytucji", "Instytucja", "Uczestnicy według instytucji"),
    "sector": ("Uczestnicy wg sektorów", "Sektor", "Uczestnicy według sektorów"),
    "gmina": ("Uczestnicy wg gmin", "Gmina pochodzenia", "Uczestnicy według gminy pochodzenia"),
}

# Printing. Every sheet: A4 landscape, scaled to one page wide (at most 100%), its rows running on over
# as many pages as they need. A slide's sheet gives every row the same height, so that where a page ends
# is known: a page holds PAGE_ROWS rows (at 100%; more when scaled down) and, after the first, the
# repeated header row above them. The chart sits under the table, as wide as the table (at least
# CHART_COLUMNS): one empty row below the table when both fit on the first page, else from the top of
# the next page (a page break).
ROW_HEIGHT = 15.0  # points
PAGE_ROWS = int((595.28 - (MARGINS["top"] + MARGINS["bottom"]) * 72) // ROW_HEIGHT) - 1  # A4's short side; one spare
CHART_ROWS = 20  # a chart's height in rows (≈ 10.6 cm); bars for many categories get more, up to a page
CHART_COLUMNS = 7  # the first column (34 characters) and six of 16: ≈ 24 cm
FIRST_WIDTH, WIDTH, HEADER_WIDTH = 34, 16, 26  # a slide sheet's columns, in characters (a header's at most)
CHARACTER = 5.25  # points: a column's character is 7 px of the default font






def _cell(ws: WriteOnlyWorksheet, value: CellValue, font: Font | None = None, fill: PatternFill | None = None,
          number_format: str | None = None, alignment: Alignment | None = None) -> Cell:
    """A write-only cell holding ``value`` as ``safe_cell`` writes it, in the style given."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    safe_cell(cell, value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _plain(ws: WriteOnlyWorksheet, value: object) -> object:
    """``value`` for a write-only row: as it is, or (text that would start a formula) a cell of its own."""
    if value.__class__ is str:
        value = printable(value)
        return _cell(ws, value) if value.startswith(INJECTION_STARTS) else value
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]  # any scalar
        return None
    return _cell(ws, value) if isinstance(value, str) else value


def to_xlsx(report: Report) -> bytes:
    """Aggregated tables with native Excel charts, and the data behind them without personal data.

    Everything comes from ``report``.

    Written in openpyxl's write-only mode: rows stream out as they are appended (no cell object
    kept per value), so the column widths and frozen panes of a sheet are set before its rows.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Podsumowanie")
    print_setup(summary)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=hex_digits(TABLE_HEADER))
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 16
    summary.append([_cell(summary, PARTNERSHIP, font=Font(bold=True, size=14))])
    summary.append([_cell(summary, f"Raport na warsztat {report.workshop_name}, cykl {report.cycle}, "
                                   f"sporządzono {report.made_at:%d.%m.%Y %H:%M}")])
    summary.append([])
    o = report.overview
    for label, value in (("Warsztaty odbyte", o.workshops_held), ("Warsztaty w harmonogramie", o.workshops_planned),
                         ("Unikalni uczestnicy", o.unique_participants), ("Instytucje", o.institutions),
                         ("Reprezentowane sektory", o.sectors_represented), ("Propozycje", o.proposals)):
        summary.append([_cell(summary, label, font=bold), value])
    for slide in report.slides:
        if not slide.data.empty:
            _slide_sheet(wb, slide, bold, fill)
    for counts in report.counts:
        _counts_sheet(wb, COUNT_SHEETS[counts.by][0], counts, report.names, bold, fill)
    _data_sheet(wb, "Propozycje", report.proposals, bold, fill)
    if not report.invite.empty:  # the named list of institutions to invite again
        _invite_rows(wb, INVITE_SHEET, invite_table(report.invite, report.names), bold, fill)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()






def number_format(values: pd.Series, share: bool) -> str | None:
    """A column's number format: a share in per cent; numbers with a fraction with one decimal, or two when
    one is not enough (an index: 0.82); None for whole numbers and text. The cell keeps every digit."""
    if share:
        return "0.0%"
    if not pd.api.types.is_float_dtype(values):
        return None
    numbers = values.dropna().astype(float)
    return "0.0" if bool((numbers.round(1) == numbers).all()) else "0.00"


def _slide_sheet(wb: Workbook, slide: Slide, bold: Font, fill: PatternFill) -> None:
    """The slide's table and, under it, its native chart whole on one printed page."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    data = slide.data
    ws = wb.create_sheet(sheet_name(slide.sheet))
    print_setup(ws, title_row=1)
    columns = max(len(data.columns), CHART_COLUMNS)
    names = [str(name) for name in data.columns]
    widths = [FIRST_WIDTH, *(max(WIDTH, min(HEADER_WIDTH, len(name) + 2)) for name in names[1:]),
              *[WIDTH] * (columns - len(names))]  # a header of a few words whole
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    table = 1 + len(data) + (1 + len(slide.notes) if slide.notes else 0)  # the header, the rows, the notes
    height = chart_rows(len(data)) if slide.chart == ChartKind.BAR else CHART_ROWS
    if table + 1 + height <= PAGE_ROWS:  # the table and the chart on the first page
        top = table + 2
    else:  # the chart on the next page, one row below its repeated header (its frame's edge off the page above)
        ws.row_breaks.append(Break(id=table))
        top = table + 2
    bottom = top + height - 1
    for r in range(1, bottom + 1):  # every row the same height: where a page ends is known
        ws.row_dimensions[r].height = ROW_HEIGHT
    ws.print_area = f"A1:{get_column_letter(columns)}{bottom}"
    ws.append([_cell(ws, str(name), font=bold, fill=fill) for name in data.columns])
    formats = [number_format(data[name], name in slide.shares) for name in data.columns]
    for row in data.itertuples(index=False):
        ws.append([_cell(ws, None if pd.isna(value) else value, number_format=formats[c])
                   if formats[c] and isinstance(value, int | float) else _plain(ws, value)
                   for c, value in enumerate(row)])
    if slide.notes:  # a vote's protocol under its table, after one empty row
        ws.append([])
        for note in slide.notes:
            ws.append([_plain(ws, note)])
    for _ in range(table, bottom):  # the rows the chart covers, each of the page's height
        ws.append([])
    chart = BarChart()
    chart.type, grouping = CHART_TYPES[slide.chart]
    if grouping:
        chart.grouping, chart.overlap = grouping, 100
    chart.title = printable(slide.title)
    rows = len(data)
    chart.add_data(Reference(ws, min_col=2, max_col=len(data.columns), min_row=1, max_row=rows + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
    if len(names) == 2:  # one series: the sheet's header and the chart's title say what it is
        chart.legend = None
    along = height * ROW_HEIGHT if slide.chart == ChartKind.BAR else CHARACTER * sum(widths)
    _chart_look(chart, native.look(data, slide.chart, slide.shares), rows, along)
    ws.add_chart(chart, TwoCellAnchor(editAs="oneCell", _from=AnchorMarker(col=0, row=top - 1),
                                      to=AnchorMarker(col=columns, row=bottom)))


def chart_rows(categories: int) -> int:
    """The rows a chart of horizontal bars takes: a row a category, at least ``CHART_ROWS``, at most
    what a page holds below its repeated header."""
    return min(PAGE_ROWS - 2, max(CHART_ROWS, 6 + categories))


def _chart_look(chart: BarChart, look: native.Look, categories: int, along: float) -> None:
    """The series' colours, the value axis and every category's label (an axis ``along`` points long),
    as ``look`` says."""
    from openpyxl.chart.data_source import NumFmt
    from openpyxl.chart.marker import DataPoint
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    for series, drawn in zip(look.series, chart.series, strict=True):
        drawn.graphicalProperties.solidFill = hex_digits(series.color)
        drawn.graphicalProperties.line.solidFill = hex_digits(series.color)
        for idx, color in enumerate(series.points):
            if color is not None:
                point = DataPoint(idx=idx)
                point.graphicalProperties.solidFill = point.graphicalProperties.line.solidFill = hex_digits(color)
                drawn.dPt.append(point)
    values, labels = chart.y_axis, chart.x_axis
    values.scaling.min, values.scaling.max = look.axis.minimum, look.axis.maximum
    values.majorUnit = look.axis.major_unit
    if look.axis.number_format:
        values.numFmt = NumFmt(formatCode=look.axis.number_format, sourceLinked=False)
    values.delete = labels.delete = False  # openpyxl leaves the axes' visibility to the reader
    labels.tickLblSkip = 1  # every category labelled
    size = native.label_size(categories, along - 80, largest=10)  # less the title, the legend and the other axis
    labels.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=int(size * 100))),
                                        endParaRPr=CharacterProperties())])


def _sentence(ws: WriteOnlyWorksheet, row: int, text: str, widths: list[int]) -> Cell:
    """A sentence for row ``row`` (before it is appended) wrapped across the table's columns, the row as
    tall as its lines: on paper it ends at the table's edge instead of running past the page's."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    lines = math.ceil(len(text) / sum(widths))  # a character of text is narrower than a column's character
    properties(ws).row_dimensions[row].height = ROW_HEIGHT * max(1, lines)
    properties(ws).merged_cells.add(f"A{row}:{get_column_letter(len(widths))}{row}")
    return _cell(ws, text, alignment=Alignment(wrap_text=True, vertical="top"))


def _data_sheet(wb: Workbook, title: str, frame: pd.DataFrame, bold: Font, fill: PatternFill) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    print_setup(ws, title_row=1)
    for c in range(1, len(frame.columns) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 24
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, str(name), font=bold, fill=fill) for name in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([_plain(ws, value) for value in row])


def suppression_note(min_size: int) -> str:
    """The sentence that explains "<3" wherever suppressed counts are shown."""
    if min_size <= 1:
        return "Próg tajemnicy statystycznej jest wyłączony: pokazane są wszystkie liczby."
    people = plural(min_size, "osoba", "osoby", "osób")
    return (f"Tajemnica statystyczna: liczby mniejsze niż {min_size} {people} nie są publikowane — w ich miejscu "
            f"jest „<{min_size}”, bo tak mała grupa pozwala rozpoznać konkretną osobę. Arkusz nie zawiera danych "
            "osobowych ani wiersza na osobę.")


def _counts_sheet(wb: Workbook, title: str, counts: GroupCounts, names: dict[int, str], bold: Font,
                  fill: PatternFill) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    print_setup(ws, title_row=5)
    _, first, heading = COUNT_SHEETS[counts.by]
    labels = {"sector": SECTOR_LABELS, "gmina": GMINA_LABELS}.get(counts.by, {})
    header = [first, *(["Sektor"] if counts.by == "institution" else []),
              *(names.get(w, f"{w}.") for w in counts.workshops), "Osoby w cyklu"]
    widths = [40, *[16] * (len(header) - 1)]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "B6"
    ws.append([_cell(ws, heading, font=Font(bold=True, size=13))])
    ws.append([_sentence(ws, 2, suppression_note(counts.min_size), widths)])
    ws.append([_sentence(ws, 3, f"{glossary.label('participants_by')}: {glossary.definition('participants_by')}",
                         widths)])
    ws.append([])
    ws.append([_cell(ws, name, font=bold, fill=fill) for name in header])
    hidden = f"<{counts.min_size}"
    right = Alignment(horizontal="right")
    for row in counts.table.to_dict("records"):
        group = str(row["group"])
        cells = [labels.get(group, group) if group else "(nie podano instytucji)"]
        if counts.by == "institution":
            cells.append(SECTOR_LABELS.get(str(row["sector"]), str(row["sector"])))
        cells += [row[w] for w in counts.workshops] + [row["cycle"]]
        ws.append([_cell(ws, hidden, alignment=right) if not isinstance(value, str) and pd.isna(value)  # suppressed
                   else _plain(ws, int(value) if isinstance(value, int | np.integer) else value) for value in cells])




# =============================================================================================
# Steering the partnership: the list of institutions to invite again.
# =============================================================================================

INVITE_SHEET = "Kogo zaprosić - instytucje"
INVITE_COLUMNS = ("Instytucja", "Sektor", "Gmina", "Warsztaty, na których była", "Liczba warsztatów")


def invite_table(frame: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """``metrics.invite_institutions`` as people read it: Polish labels, the workshops by name."""
    return pd.DataFrame({
        INVITE_COLUMNS[0]: frame["institution"].astype("object").tolist(),
        INVITE_COLUMNS[1]: [SECTOR_LABELS.get(str(s), str(s)) for s in frame["sector"]],
        INVITE_COLUMNS[2]: [GMINA_LABELS.get(str(g), str(g)) for g in frame["gmina"]],
        INVITE_COLUMNS[3]: [", ".join(names.get(int(w), f"{w}.") for w in ws) for ws in frame["workshops"]],
        INVITE_COLUMNS[4]: [len(ws) for ws in frame["workshops"]],
    }, columns=list(INVITE_COLUMNS))




def _invite_rows(wb: Workbook, title: str, table: pd.DataFrame, bold: Font, fill: PatternFill,
                 heading: str | None = None) -> None:
    """A sheet of the table: widths and frozen header first (write-only mode), then (when ``heading`` is
    given) the heading and the glossary's definition, the header and the rows."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    print_setup(ws, title_row=4 if heading else 1)
    widths = [48, 28, 18, 40, 14]
    for letter, width in zip("ABCDE", widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5" if heading else "A2"
    if heading:
        ws.append([_cell(ws, heading, font=Font(bold=True, size=13))])
        ws.append([_sentence(ws, 2, f"{glossary.label('invite_institutions')}: "
                                    f"{glossary.definition('invite_institutions')}", widths)])
        ws.append([])
    ws.append([_cell(ws, str(name), font=bold, fill=fill) for name in table.columns])
    for row in table.itertuples(index=False):
        ws.append([int(value) if isinstance(value, int | np.integer) else _plain(ws, value) for value in row])


def invite_xlsx(frame: pd.DataFrame, names: dict[int, str], heading: str) -> bytes:
    """The downloadable list of institutions to invite again: a heading, the glossary's definition, the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=hex_digits(TABLE_HEADER))
    _invite_rows(wb, "Kogo zaprosić", invite_table(frame, names), bold, fill, heading=heading)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
