"""The import page tells what it guessed and takes the office's localities; the history and the vote picker name
a workshop from its own cycle and show no internal ids."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import open_store
from tests import fixtures as fx
from tests import helpers
from tests.stores import sample_vote

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEX_ID = re.compile(r"\b[0-9a-f]{32}\b")


@pytest.fixture(autouse=True)
def fresh_store(sample_folder):
    """A new data folder, as the dashboard leaves it when it first opens one (tests/conftest.py)."""


def uploaded(rows: list[list[object]]) -> AppTest:
    at = helpers.open_page("views/dane.py")
    [uploader] = at.get("file_uploader")
    uploader.set_value([("lista.xlsx", fx.xlsx_bytes({"2 Wieliszew": rows}), XLSX)])
    at.run()
    assert not at.exception, at.exception
    return at


def problem_cells(at: AppTest) -> str:
    return " ".join(str(v) for table in at.table for v in table.value.to_numpy().ravel())


def test_a_sector_taken_from_the_name_is_told_and_so_is_every_guess_when_the_column_is_unmapped():
    at = uploaded([["Imię i nazwisko", "Instytucja", "Sektor"], ["Anna Nowak", "Urząd Gminy Serock", ""],
                   ["Jan Król", "OSP Jabłonna", "NGO"]])
    text = helpers.shown_text(at)
    assert "Bez problemów" not in text
    assert any(i.value.startswith("Do sprawdzenia: 1 — program uzupełnił") for i in at.info)
    assert ("Sektor uzupełniono z nazwy instytucji „Urząd Gminy Serock”: „Samorząd (gminy i powiat)” (komórka sektora "
            "jest pusta)") in problem_cells(at)
    assert at.table[0].value["Wiersz"].tolist() == [2]  # with its spreadsheet row
    [sector] = [s for s in at.selectbox if s.label == "Sektor"]
    sector.select_index(0).run()  # the person maps the Sektor column to "— brak —"
    assert not at.exception, at.exception
    assert "Bez problemów" not in helpers.shown_text(at)
    assert any(i.value.startswith("Do sprawdzenia: 2 — program uzupełnił") for i in at.info)
    cells = problem_cells(at)
    assert "„OSP Jabłonna”: „Organizacje pozarządowe” (kolumny sektora nie ma)" in cells
    assert at.table[0].value["Wiersz"].tolist() == [2, 3]


def test_an_institutions_guessed_sector_is_told_once_with_all_its_rows():
    at = uploaded([["Imię i nazwisko", "Instytucja", "Sektor"], *[[f"Osoba {i}", "Fundacja Razem", ""] for i in range(4)],
                   ["Jan Król", "Stowarzyszenie X", ""], ["Ewa Mazur", "Fundacja Razem", ""]])
    assert any(i.value.startswith("Do sprawdzenia: 2 — program uzupełnił") for i in at.info)
    assert at.table[0].value["Wiersz"].tolist() == [2, 6]
    assert at.table[0].value["Problem"].tolist()[0] == (
        "Sektor uzupełniono z nazwy instytucji „Fundacja Razem”: „Organizacje pozarządowe” (komórka sektora jest "
        "pusta; wiersze 2–5, 7). Sprawdź, czy się zgadza.")


def test_the_office_assigns_an_unknown_locality_and_the_file_is_read_again():
    at = uploaded([["Imię i nazwisko", "Instytucja", "Sektor", "Miejscowość"], ["Anna Nowak", "OSP", "NGO", "Kałęczyn"],
                   ["Jan Król", "OSP", "NGO", "Kałuszyn"]])
    assert "Nie rozpoznano miejscowości „Kałęczyn” — wiersz policzono jako spoza powiatu" in problem_cells(at)
    assert "Kałuszyn" not in problem_cells(at)  # a village of gmina Wieliszew is known
    assert any("nierozpoznane w tych plikach: 1" in e.label for e in at.expander)
    [place] = [s for s in at.selectbox if s.label == "Miejscowość"]
    assert place.options == ["Kałęczyn"] and place.value == "Kałęczyn"  # the place not recognised, offered first
    at.selectbox(key="locality_gmina").set_value("wieliszew")
    next(b for b in at.button if b.label == "Dodaj").click()
    at.run()
    assert not at.exception, at.exception
    assert any("Dodano: Miejscowość „Kałęczyn”: Wieliszew" in s.value.replace("\\", "") for s in at.success)
    assert "Nie rozpoznano miejscowości" not in problem_cells(at)  # the upload was read again with the pair
    assert open_store().localities() == {"kaleczyn": "wieliszew"}
    at.switch_page("views/historia.py").run()
    assert "Miejscowość „Kałęczyn”: Wieliszew** — miejscowość dodana przez biuro" in helpers.shown_text(at)


def sample_vote_saved() -> None:
    """The sample's 2018 vote in Legionowo on the proposals of Jabłonna, closed, its result saved."""
    sample_vote(open_store())


def test_the_history_names_a_saved_vote_by_its_workshop_and_shows_no_internal_id():
    sample_vote_saved()
    at = helpers.open_page("views/historia.py")
    text = helpers.shown_text(at)
    assert "**Wynik głosowania**, warsztat 4. Legionowo, cykl 2018: 15 propozycji z liczbą głosów" in text
    assert not HEX_ID.search(text), HEX_ID.search(text)


def test_the_vote_picker_names_the_2018_vote_from_the_2018_schedule():
    sample_vote_saved()
    at = helpers.open_page("views/glosowanie.py")
    [picker] = [s for s in at.selectbox if s.label == "Głosowanie"]
    assert picker.options[0].startswith("Warsztat 4. Legionowo · cykl 2018 · ")  # 2019's workshop 4 is in Jabłonna
    assert not HEX_ID.search(helpers.shown_text(at))
