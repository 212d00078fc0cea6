"""The Excel report: each slide's numbers on its own sheet with a native chart, counts of participants
per institution, sector and gmina (never a row per person; small groups hidden), the proposals.

Text from uploaded files stays text: a cell that would start a formula is written as a string.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from analysis import config, glossary, metrics
from analysis.dataset import Dataset
from analysis.display import PARTNERSHIP, TABLE_HEADER, hex_digits, plural, printable, workshop_names
from analysis.report.slides import SHEET_FORBIDDEN, SHEET_NAME_LIMIT, ChartKind, Report, for_workshop
from analysis.vocabulary import AREA_SHORT_LABELS, GMINA_LABELS, SECTOR_LABELS, STATUSES

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# what a cell holds
CellValue = str | float | bool | dt.date | dt.time | dt.timedelta | None

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

_INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: Cell | MergedCell, value: CellValue) -> None:
    """Write ``value``; text loses control characters, and text that would start a formula stays plain text."""
    if isinstance(value, str):
        value = printable(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(_INJECTION_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def sheet_name(name: str) -> str:
    """A name Excel accepts: no control characters, none of []:*?/\\, at most 31 characters."""
    return SHEET_FORBIDDEN.sub("", printable(name)).strip()[:SHEET_NAME_LIMIT] or "Slajd"


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
        return _cell(ws, value) if value.startswith(_INJECTION_STARTS) else value
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]  # any scalar
        return None
    return _cell(ws, value) if isinstance(value, str) else value


def to_xlsx(report: Report, dataset: Dataset) -> bytes:
    """Aggregated tables with native Excel charts, and the data behind them without personal data.

    Written in openpyxl's write-only mode: rows stream out as they are appended (no cell object
    kept per value), so the column widths and frozen panes of a sheet are set before its rows.
    """
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Podsumowanie")
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
        if slide.data.empty:
            continue
        ws = wb.create_sheet(sheet_name(slide.sheet))
        is_share = [name in slide.shares for name in slide.data.columns]
        for c in range(1, len(slide.data.columns) + 1):
            ws.column_dimensions[get_column_letter(c)].width = 34 if c == 1 else 16
        ws.append([_cell(ws, str(name), font=bold, fill=fill) for name in slide.data.columns])
        for row in slide.data.itertuples(index=False):
            ws.append([_cell(ws, None if pd.isna(value) else value, number_format="0.0%")
                       if is_share[c] and isinstance(value, int | float) else _plain(ws, value)
                       for c, value in enumerate(row)])
        if slide.notes:  # a vote's protocol under its table, after one empty row
            ws.append([])
            for note in slide.notes:
                ws.append([_plain(ws, note)])
        chart = BarChart()
        chart.type, grouping = CHART_TYPES[slide.chart]
        if grouping:
            chart.grouping, chart.overlap = grouping, 100
        chart.title = printable(slide.title)
        rows = len(slide.data)
        values = Reference(ws, min_col=2, max_col=len(slide.data.columns), min_row=1, max_row=rows + 1)
        categories = Reference(ws, min_col=1, min_row=2, max_row=rows + 1)
        chart.add_data(values, titles_from_data=True)
        chart.set_categories(categories)
        chart.height, chart.width = 9, 18
        ws.add_chart(chart, f"{get_column_letter(len(slide.data.columns) + 2)}2")
    view = for_workshop(dataset, report.workshop, report.cycle)[0]
    min_size = config.min_group_size()
    for by, (title, _, _) in COUNT_SHEETS.items():
        _counts_sheet(wb, title, metrics.participants_by(view, by, min_size), workshop_names(view.schedule), bold, fill)
    _data_sheet(wb, "Propozycje", _proposals_for_people(dataset, report.cycle), bold, fill)
    _invite_sheet(wb, view, bold, fill)  # the named list of institutions to invite again (issue 12)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _data_sheet(wb: Workbook, title: str, frame: pd.DataFrame, bold: Font, fill: PatternFill) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
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


def _counts_sheet(wb: Workbook, title: str, counts: metrics.GroupCounts, names: dict[int, str], bold: Font,
                  fill: PatternFill) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    _, first, heading = COUNT_SHEETS[counts.by]
    labels = {"sector": SECTOR_LABELS, "gmina": GMINA_LABELS}.get(counts.by, {})
    header = [first, *(["Sektor"] if counts.by == "institution" else []),
              *(names.get(w, f"{w}.") for w in counts.workshops), "Osoby w cyklu"]
    for c in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 40 if c == 1 else 16
    ws.freeze_panes = "B6"
    ws.append([_cell(ws, heading, font=Font(bold=True, size=13))])
    ws.append([_cell(ws, suppression_note(counts.min_size))])
    ws.append([_cell(ws, f"{glossary.label('participants_by')}: {glossary.definition('participants_by')}")])
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


def _proposals_for_people(dataset: Dataset, cycle: str | None) -> pd.DataFrame:
    frame = dataset.proposals[dataset.proposals["cycle"] == cycle]
    return pd.DataFrame({
        "Warsztat": [int(w) for w in frame["workshop"]],
        "Nr": [None if pd.isna(n) else int(n) for n in frame["number"]],
        "Grupa": frame["group"].astype("object").tolist(),
        "Obszar": [AREA_SHORT_LABELS.get(int(a), "") if not pd.isna(a) else "" for a in frame["area"]],
        "Tytuł": frame["title"].astype("object").tolist(),
        "Podmiot wiodący": frame["lead"].astype("object").tolist(),
        "Partnerzy": frame["partners"].astype("object").tolist(),
        "Głosy": [None if pd.isna(v) else int(v) for v in frame["votes"]],
        "Status": [STATUSES.get(str(s), str(s)) for s in frame["status"]],
    })


# =============================================================================================
# Steering the partnership (issue 12, part A): the list of institutions to invite again.
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


def _invite_sheet(wb: Workbook, view: metrics.View, bold: Font, fill: PatternFill) -> None:
    """The institutions that stopped coming, named (the HTML report and the deck only count them)."""
    frame = metrics.invite_institutions(view)
    if not frame.empty:
        _invite_rows(wb, INVITE_SHEET, invite_table(frame, workshop_names(view.schedule)), bold, fill)


def _invite_rows(wb: Workbook, title: str, table: pd.DataFrame, bold: Font, fill: PatternFill,
                 heading: str | None = None) -> None:
    """A sheet of the table: widths and frozen header first (write-only mode), then (when ``heading`` is
    given) the heading and the glossary's definition, the header and the rows."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    for letter, width in zip("ABCDE", (48, 28, 18, 40, 14), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5" if heading else "A2"
    if heading:
        ws.append([_cell(ws, heading, font=Font(bold=True, size=13))])
        ws.append([_plain(ws, f"{glossary.label('invite_institutions')}: {glossary.definition('invite_institutions')}")])
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
