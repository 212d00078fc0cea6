"""Empty spreadsheets for the office to fill in, with drop-down lists for the vocabulary's values, and the
attendance list of a check-in at the door filled in the same layout, to print for signatures.

Each template has the header row the importer recognises (its columns are declared with the fields,
``analysis.fields``) and a hidden sheet "Listy" that the drop-downs (Excel's data validation) read:
sectors, gminas, areas and statuses in Polish.
"""

from __future__ import annotations

import io
from functools import lru_cache

from analysis.fields import TEMPLATE_FIELDS, TableKind, template_columns
from analysis.vocabulary import AREAS, GMINAS, SECTOR_LABELS, STATUSES

LISTS_SHEET = "Listy"  # the templates' hidden sheet of drop-down values: the importer skips it without a word
TEMPLATES: dict[TableKind, tuple[str, str]] = {
    TableKind.ATTENDANCE: ("Szablon listy obecności", "szablon_lista_obecnosci.xlsx"),
    TableKind.PROPOSALS: ("Szablon propozycji projektów", "szablon_propozycje.xlsx"),
    TableKind.WORKSHOPS: ("Szablon harmonogramu", "szablon_harmonogram.xlsx"),
    TableKind.GMINAS: ("Szablon tabeli gmin (liczba mieszkańców)", "szablon_gminy.xlsx"),
}
_TITLES = {
    TableKind.ATTENDANCE: "Lista obecności – warsztat nr …, gmina …, data …",
    TableKind.PROPOSALS: "Propozycje projektów – warsztat nr …",
    TableKind.WORKSHOPS: "Harmonogram warsztatów partnerstwa lokalnego – cykl …",
    TableKind.GMINAS: "Gminy partnerstwa – liczba mieszkańców (cykl …)",
}
_LISTS = {
    "sectors": list(SECTOR_LABELS.values()),
    "gminas": [*GMINAS.values(), "Spoza powiatu"],
    "areas": [f"{n}. {title}" for n, title in AREAS.items()],
    "statuses": list(STATUSES.values()),
}
DATA_ROWS = 300


@lru_cache(maxsize=8)
def template_bytes(kind: str) -> bytes:
    from openpyxl import Workbook  # not imported by the reader, which needs only LISTS_SHEET from here
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet
    ws.title = "Dane"
    lists = wb.create_sheet(LISTS_SHEET)
    for col, (name, values) in enumerate(_LISTS.items(), start=1):
        lists.cell(row=1, column=col, value=name)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=col, value=value)
    lists.sheet_state = "hidden"
    ws.cell(row=1, column=1, value=_TITLES[TableKind(kind)]).font = Font(bold=True, size=14)
    header_row = 3
    for col, (header, width, list_name) in enumerate(template_columns(TableKind(kind)), start=1):
        cell = ws.cell(row=header_row, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = width
        if list_name:
            index = list(_LISTS).index(list_name) + 1
            source = get_column_letter(index)
            count = len(_LISTS[list_name]) + 1
            rule = DataValidation(type="list", formula1=f"={LISTS_SHEET}!${source}$2:${source}${count}", allow_blank=True,
                                  showErrorMessage=False)
            rule.add(f"{letter}{header_row + 1}:{letter}{header_row + DATA_ROWS}")
            ws.add_data_validation(rule)
    ws.freeze_panes = f"A{header_row + 1}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def attendance_list_bytes(title: str, people: list[tuple[str, str, str, str]]) -> bytes:
    """The attendance template filled in: ``title``, the template's header row, one bordered row per person
    (name, institution, sector, gmina as the list shows them; numbered; room for a signature), printed on A4
    landscape one page wide with the header on every page. The importer reads it as an attendance list."""
    from openpyxl import Workbook  # only when a list is written
    from openpyxl.styles import Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Lista obecności"
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    header_row = 3
    line = Side(style="thin", color="808080")
    box = Border(top=line, bottom=line, left=line, right=line)
    fields = TEMPLATE_FIELDS[TableKind.ATTENDANCE]
    for col, (header, width, _) in enumerate(template_columns(TableKind.ATTENDANCE), start=1):
        cell = ws.cell(row=header_row, column=col, value=header)
        cell.font, cell.border = Font(bold=True), box
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        ws.column_dimensions[get_column_letter(col)].width = width
    for index, (name, institution, sector, gmina) in enumerate(people, start=1):
        values: dict[str, str | int] = {"ordinal": index, "name": name, "institution": institution, "sector": sector,
                                        "gmina": gmina}
        row = header_row + index
        ws.row_dimensions[row].height = 24  # room for a signature
        for col, field in enumerate(fields, start=1):
            cell = ws.cell(row=row, column=col, value=values.get(field, ""))
            cell.border = box
            if field != "ordinal":
                cell.number_format = "@"  # text stays text: a name that looks like a formula is not one
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
