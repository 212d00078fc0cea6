"""Optional gender and age group on attendance lists: synonyms, ages and years of birth made groups."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.attributes import age_group_code, gender_code
from analysis.reading.importer import read_files
from tests import fixtures as fx


@pytest.mark.parametrize(("cell", "code"), [
    ("K", "female"), ("k", "female"), ("kobieta", "female"), ("Kobieta", "female"), ("KOBIETA", "female"),
    ("female", "female"), ("F", "female"), ("M", "male"), ("mężczyzna", "male"), ("Mężczyzna", "male"),
    ("male", "male"), ("inna", "other"), ("Inna", "other"), ("", None), ("nie podano", None),
    ("Wolę nie podawać", None),
])
def test_gender_synonyms(cell, code):
    assert gender_code(cell) == code


@pytest.mark.parametrize(("cell", "code"), [
    ("do 29", "under_30"), ("do 29 lat", "under_30"), ("poniżej 30", "under_30"), ("30–44", "30_44"),
    ("30-44 lata", "30_44"), ("45–59", "45_59"), ("60 i więcej", "60_plus"), ("60+", "60_plus"),
    ("29", "under_30"), ("30", "30_44"), (44, "30_44"), (45.0, "45_59"), ("59", "45_59"), ("60", "60_plus"),
    ("1990", "under_30"), (1989, "under_30"), (1988, "30_44"), ("1958", "60_plus"), ("1959", "45_59"),
    (dt.datetime(1975, 6, 1), "30_44"), ("12.05.1980", "30_44"), ("", None), ("nie podano", None),
])
def test_ages_and_years_of_birth_become_groups_at_the_cycles_year(cell, code):
    assert age_group_code(cell, 2018) == code


@pytest.mark.parametrize("cell", ["26-35", "dziecko", "300", "xyz"])
def test_what_is_no_age_is_refused(cell):
    with pytest.raises(ValueError):
        age_group_code(cell, 2018)


def _table(rows):
    [result] = read_files([("3 Jabłonna.xlsx", fx.xlsx_bytes({"3 Jabłonna": rows}))])
    assert result.ok, result.error
    [table] = result.tables
    return table


def test_a_list_with_gender_and_year_of_birth_keeps_the_groups_and_not_the_age():
    rows = [["Imię i nazwisko", "Instytucja", "Płeć (K/M)", "Rok urodzenia"],
            ["Anna Nowak", "Fundacja X", "K", 1990],
            ["Jan Kowalski", "OSP Serock", "mężczyzna", "1960"],
            ["Ewa Lis", "GOPS Jabłonna", "", ""],
            ["Ola Maj", "Urząd Gminy Serock", "kot", "dawno"]]
    table = _table(rows)
    frame = table.frame
    assert frame["gender"].tolist()[:2] == ["female", "male"] and frame["gender"].isna().tolist()[2:] == [True, True]
    # the cycle 2018 (by the workshop's date in the default calendar): 28 and 58 years old
    assert frame["age_group"].tolist()[:2] == ["under_30", "45_59"]
    assert frame["age_group"].isna().tolist()[2:] == [True, True]
    assert not {"1990", "1960", "Rok urodzenia"} & {str(v) for v in frame.to_numpy().ravel()}
    unknown = [(p.row, p.column) for p in table.problems if p.code == "attribute_unknown"]
    assert unknown == [(5, "Płeć (K/M)"), (5, "Rok urodzenia")]
    # the cell is not quoted in the problem: it is personal data
    assert all("kot" not in p.message and "dawno" not in p.message for p in table.problems)


def test_a_list_without_them_imports_as_before():
    table = _table([["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "Fundacja X"]])
    assert table.frame["gender"].isna().all() and table.frame["age_group"].isna().all()
    assert [p for p in table.problems if p.code == "attribute_unknown"] == []
