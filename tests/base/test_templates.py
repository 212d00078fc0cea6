"""The downloadable templates: drop-down lists, and headers the importer recognises."""

import io

import pytest
from openpyxl import load_workbook

from analysis.reading.importer import read_files
from analysis.templates import TEMPLATES, template_bytes


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_template_has_drop_downs_and_is_recognised_once_filled(kind):
    wb = load_workbook(io.BytesIO(template_bytes(kind)))
    sheet = wb["Dane"]
    assert wb["Listy"].sheet_state == "hidden"
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert formulas and all(f.startswith("=Listy!") for f in formulas)
    header = [c.value for c in sheet[3]]
    filled = {
        "attendance": [1, "Anna Nowak", "Fundacja X", "Organizacje pozarządowe", "Jabłonna", "", "", ""],
        "proposals": [1, "Grupa 1", "2. Wsparcie środowiska społeczno-gospodarczego", "Bon", "", "Fundacja X",
                      "Organizacje pozarządowe", "", 5, "wybrana do realizacji"],
        "workshops": [1, "13.09.2018", "Jabłonna", "Pałac", "Warsztat"],
        "gminas": ["Jabłonna", 20761, 2018, "GUS, Bank Danych Lokalnych"],
    }[kind]
    sheet.append(filled)
    if kind != "workshops":
        sheet.title = "3 Jabłonna"
    out = io.BytesIO()
    wb.save(out)
    [result] = read_files([("szablon.xlsx", out.getvalue())])
    assert result.ok, result.error
    [table] = result.tables
    assert table.kind == kind and table.rows == 1 and table.problems == []
    assert result.notes == [] and table.notes == []  # nothing about the template's own hidden lists sheet
    assert len(header) == len(filled)
    if kind == "attendance":
        assert table.frame.loc[0, "sector"] == "ngo" and table.frame.loc[0, "gmina"] == "jablonna"
    if kind == "proposals":
        assert table.frame.loc[0, "area"] == 2 and table.frame.loc[0, "status"] == "selected"
    if kind == "gminas":
        assert (table.frame.loc[0, "gmina"], table.frame.loc[0, "population"], table.frame.loc[0, "year"]) == (
            "jablonna", 20761, 2018)
