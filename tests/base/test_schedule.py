"""A workshop written as a number, Roman numeral, gmina or date becomes its number."""

import datetime as dt

import pytest

from analysis.schedule import DEFAULT_CALENDAR as CAL
from analysis.schedule import parse_date, workshop_from_cell, workshop_from_label


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (3, 3), (3.0, 3), ("3", 3), ("3.", 3), ("III", 3), ("Warsztat 3", 3), ("warsztat nr 3", 3),
        ("III warsztat", 3), ("Jabłonna", 3), ("w Jabłonnie", 3), ("Legionowo", 4), ("13.09.2018", 3),
        (dt.datetime(2018, 10, 8), 4), (dt.date(2018, 9, 13), 3), ("2018-09-13", 3), ("13 września 2018", 3),
        ("Warsztat 2 – Wieliszew", 2),
    ],
)
def test_workshop_cells(value, number):
    assert workshop_from_cell(value, CAL) == number


@pytest.mark.parametrize("value", ["", "xyz", "01.01.2017", "Warszawa", 0, -1, True])
def test_workshop_cells_that_say_nothing(value):
    assert workshop_from_cell(value, CAL) is None


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("3 Jabłonna", 3), ("3. Jabłonna", 3), ("III", 3), ("Warsztat 5", 5), ("Serock", 1),
        ("Lista obecności – warsztat 3, Jabłonna", 3), ("Warsztat w Jabłonnie, 13.09.2018", 3),
        ("Spotkanie 13.09.2018", 3), ("lista obecnosci 2 wieliszew", 2),
    ],
)
def test_labels(label, number):
    assert workshop_from_label(label, CAL) == number


@pytest.mark.parametrize("label", ["Arkusz1", "Sheet 1", "Lista", "Instrukcja", "Lista obecności"])
def test_default_sheet_names_are_not_workshop_one(label):
    assert workshop_from_label(label, CAL) is None


def test_dates():
    assert parse_date("8.10.2018") == dt.date(2018, 10, 8)
    assert parse_date("31.02.2018") is None
    assert parse_date("jutro") is None
