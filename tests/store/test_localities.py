"""Localities of the county count in their gmina; an unknown one counts outside and is told; the office's
own pairs (a place and its gmina) are batches it can undo, used by the pages and the command line."""

from __future__ import annotations

import pytest

from analysis import errors
from analysis import vocabulary as v
from analysis.errors import UserError
from analysis.reading.importer import read_files
from analysis.store import open_store
from tests import fixtures as fx
from tests.stores import store_at, upload


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url

# --- localities ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("place", "code"), [
    ("Kałuszyn", "wieliszew"), ("Kąty Węgierskie", "nieporet"), ("wieś Kąty Węgierskie", "nieporet"),
    ("05-126 KĄTY WĘGIERSKIE", "nieporet"), ("gm. Wieliszew", "wieliszew"), ("Kałuszyn, gm. Wieliszew", "wieliszew"),
    ("sołectwo Skrzeszew", "wieliszew"), ("Janówek Drugi", "jablonna"), ("Janówek I", "wieliszew"),
    ("Michałów-Reginów", "wieliszew"), ("Michałów Grabina", "nieporet"), ("Zegrze Południowe", "nieporet"),
    ("Zegrze", "serock"), ("Stanisławów I", "nieporet"), ("Wola Kiełpińska", "serock"), ("os. Legionowo", "legionowo"),
    ("Legionowo, ul. Piłsudskiego 41", "legionowo"), ("Warszawa", "outside"), ("Nowy Dwór Mazowiecki", "outside"),
    ("", "unknown"), ("powiat legionowski", "unknown"),
])
def test_localities_of_the_county_count_in_their_gmina(place, code):
    assert v.gmina_of_place(place) == code
    assert v.gmina_from_text(place) == code


def test_a_place_not_on_the_list_is_not_recognised_and_the_office_pair_wins():
    assert v.gmina_of_place("Kałęczyn") is None and v.gmina_from_text("Kałęczyn") == "outside"
    assert v.gmina_of_place("Janówek") is None  # two gminas have a Janówek: only the full names are listed
    assert v.gmina_of_place("wieś Kałęczyn", {"kaleczyn": "wieliszew"}) == "wieliszew"
    assert v.gmina_of_place("Józefów", {"jozefow": "outside"}) == "outside"  # the office's pair wins over the list


def test_each_locality_is_listed_in_one_gmina_only():
    keys = [v.locality_key(place) for places in v.LOCALITIES.values() for place in places]
    assert len(keys) == len(set(keys))
    assert set(v.LOCALITIES) == set(v.GMINAS) | {"outside"}


def attendance_with_places(*places: str) -> bytes:
    rows = [["Imię i nazwisko", "Instytucja", "Sektor", "Miejscowość"],
            *[[f"Osoba {i}", "OSP", "NGO", place] for i, place in enumerate(places, 1)]]
    return fx.xlsx_bytes({"Lista": rows})


def test_an_unknown_locality_counts_outside_and_is_told_with_its_row():
    [table] = read_files([("l.xlsx", attendance_with_places("Kałuszyn", "Kałęczyn", "Warszawa", "Kąty Węgierskie"))],
                         workshop=2)[0].tables
    assert table.frame["gmina"].tolist() == ["wieliszew", "outside", "outside", "nieporet"]
    [problem] = table.problems
    assert (problem.row, problem.column, problem.code, problem.value) == (3, "Miejscowość", "locality_unknown", "Kałęczyn")
    assert "Nie rozpoznano miejscowości „Kałęczyn” — wiersz policzono jako spoza powiatu" in problem.message
    assert problem.code in errors.NOTICE_CODES
    [again] = read_files([("l.xlsx", attendance_with_places("Kałęczyn"))], workshop=2,
                         places={"kaleczyn": "wieliszew"})[0].tables
    assert again.frame["gmina"].tolist() == ["wieliszew"] and again.problems == []


def test_the_office_adds_a_locality_as_a_batch_it_can_undo(url):
    store = store_at(url)
    batch = store.save_locality("  wieś  Kałęczyn ", "wieliszew")
    assert store.localities() == {"kaleczyn": "wieliszew"}
    assert [(b.kind, b.file) for b in store.history()] == [("locality", "Miejscowość „wieś Kałęczyn”: Wieliszew")]
    later = store.save_locality("Kałęczyn", "outside")  # a later pair of the same locality wins
    assert store.localities() == {"kaleczyn": "outside"}
    store.undo(later.id)
    assert store.localities() == {"kaleczyn": "wieliszew"}
    store.undo(batch.id)
    assert store.localities() == {} and store.history() == []


@pytest.mark.parametrize(("place", "gmina", "says"), [
    ("", "wieliszew", "Wpisz nazwę miejscowości"), ("12", "wieliszew", "Wpisz nazwę miejscowości"),
    ("Kałęczyn", "warszawa", "Wybierz gminę powiatu"), ("Kałuszyn", "wieliszew", "jest już liczona w gminie Wieliszew"),
])
def test_a_pair_that_says_nothing_new_is_refused_and_nothing_saved(url, place, gmina, says):
    store = store_at(url)
    with pytest.raises(UserError, match=says) as refused:
        store.save_locality(place, gmina)
    assert refused.value.code == "locality_invalid" and store.history() == []


def test_stored_rows_keep_their_gmina_and_new_reads_use_the_pair(url):
    """The office's pairs apply when a file is read: a list stored before is not changed behind anyone's back."""
    store = store_at(url)
    store.import_uploads([upload("l2.xlsx", attendance_with_places("Kałęczyn"), workshop=2)])
    store.save_locality("Kałęczyn", "wieliszew")
    assert store.dataset().attendance["gmina"].tolist() == ["outside"]
    [result] = read_files([("l3.xlsx", attendance_with_places("Kałęczyn"))], workshop=3, places=store.localities())
    assert result.tables[0].frame["gmina"].tolist() == ["wieliszew"]


def test_the_cli_imports_with_the_office_pairs_and_undoes_a_pair(tmp_path, monkeypatch, capsys):
    from analysis.__main__ import main

    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))
    store = open_store(seed_sample=False)
    pair = store.save_locality("Kałęczyn", "wieliszew")
    path = tmp_path / "lista.xlsx"
    path.write_bytes(attendance_with_places("Kałęczyn"))
    assert main(["import", str(path), "--workshop", "2"]) == 0
    assert store.dataset().attendance["gmina"].tolist() == ["wieliszew"]
    assert main(["undo", pair.id]) == 0
    assert store.localities() == {}
    assert "Miejscowość „Kałęczyn”: Wieliszew" in capsys.readouterr().out
