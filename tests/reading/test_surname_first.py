"""The same people on a surname-first list: found as the people of a first-name-first list, and told."""

from __future__ import annotations

import pytest

from analysis import metrics, privacy
from analysis.reading.importer import read_files
from tests import fixtures as fx
from tests.stores import KEY, store_at, upload

PEOPLE = [("Anna", "Nowak"), ("Piotr", "Wójcik"), ("Ewa", "Kowalska-Nowak"), ("Jan Maria", "Król"), ("Łucja", "Żak")]


def first_list() -> bytes:
    rows = [["Lista obecności – warsztat 1"], ["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "Miejscowość"],
            *[[i, f"{first} {last}", "Urząd Gminy Serock", "JST", "Serock"] for i, (first, last) in enumerate(PEOPLE, 1)]]
    return fx.xlsx_bytes({"Lista": rows})


SECOND_LISTS = {  # the same five people at workshop 2, written surname first or in split columns
    "Nazwisko i imię": [["Lp.", "Nazwisko i imię", "Instytucja", "Sektor"],
                        *[[i, f"{last} {first}", "OSP", "NGO"] for i, (first, last) in enumerate(PEOPLE, 1)]],
    "Nazwisko, imię (z przecinkiem)": [["Nazwisko, imię", "Instytucja", "Sektor"],
                                       *[[f"{last}, {first}", "OSP", "NGO"] for first, last in PEOPLE]],
    "Nazwisko | Imię": [["Nazwisko", "Imię", "Instytucja", "Sektor"],
                        *[[last, first, "OSP", "NGO"] for first, last in PEOPLE]],
    "Imię | Nazwisko": [["Imię", "Nazwisko", "Instytucja", "Sektor"],
                        *[[first, last, "OSP", "NGO"] for first, last in PEOPLE]],
    "samo Nazwisko": [["Nazwisko", "Instytucja", "Sektor"], *[[f"{last} {first}", "OSP", "NGO"] for first, last in PEOPLE]],
}


@pytest.mark.parametrize("layout", list(SECOND_LISTS))
def test_a_surname_first_list_finds_the_people_of_a_first_name_first_list(sqlite_url, layout):
    store = store_at(sqlite_url)
    store.import_uploads([upload("lista1.xlsx", first_list(), workshop=1)])
    kept = set(store.dataset().attendance["person"])
    assert kept == set(privacy.pseudonyms(KEY, [f"{f} {s}" for f, s in PEOPLE]))  # stored as before: first name first
    store.import_uploads([upload("lista2.xlsx", fx.xlsx_bytes({"Lista": SECOND_LISTS[layout]}), workshop=2)])
    view = metrics.View(store.dataset(), metrics.Filters(cycle="2018"))
    assert metrics.unique_participants(view) == 5
    second = metrics.new_and_returning(view).set_index("workshop").loc[2]
    assert (int(second["new"]), int(second["returning"])) == (0, 5)
    assert set(store.dataset().attendance["person"]) == kept  # the stored people keep their pseudonyms


def test_the_reader_says_it_put_the_first_name_first():
    [result] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": SECOND_LISTS["Nazwisko i imię"]}))], workshop=2)
    [table] = result.tables
    assert table.frame["person"].tolist()[:3] == ["Anna Nowak", "Piotr Wójcik", "Ewa Kowalska-Nowak"]
    assert table.frame["person"].tolist()[3] == "Jan Maria Król"
    assert any("„Nazwisko i imię” podaje nazwisko przed imieniem" in note for note in table.notes)
    [plain] = read_files([("l.xlsx", first_list())], workshop=1)[0].tables
    assert not any("nazwisko przed imieniem" in note for note in plain.notes)
