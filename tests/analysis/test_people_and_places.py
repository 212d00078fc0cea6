"""The same people, the right places: surname-first lists, localities of the county, guessed sectors told,
the sample removed with what was done to it, one name per workshop of a vote."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis import display, errors, metrics, privacy
from analysis import vocabulary as v
from analysis.errors import UserError
from analysis.reading.importer import read_files
from analysis.store import open_store
from analysis.store.schema import proposal_updates_table, votes_table
from analysis.voting.store import Choice, Votes
from tests import fixtures as fx
from tests.stores import KEY, sample_vote, store_at, upload

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
def test_a_surname_first_list_finds_the_people_of_a_first_name_first_list(url, layout):
    store = store_at(url)
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


# --- a sector taken from the institution's name is told ----------------------------------------------


def test_an_empty_sector_cell_taken_from_the_name_is_told_with_its_row():
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], ["Anna Nowak", "Urząd Gminy Serock", ""],
            ["Jan Król", "OSP Jabłonna", "NGO"]]
    [table] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": rows}))], workshop=1)[0].tables
    assert table.frame["sector"].tolist() == ["local_government", "ngo"]
    [problem] = table.problems
    assert (problem.row, problem.column, problem.code) == (2, "Sektor", "sector_from_name")
    assert problem.message == ("Sektor uzupełniono z nazwy instytucji „Urząd Gminy Serock”: „Samorząd (gminy i powiat)” "
                               "(komórka sektora jest pusta). Sprawdź, czy się zgadza.")
    assert problem.code in errors.NOTICE_CODES


def test_without_a_sector_column_every_guess_is_told():
    rows = [["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "Urząd Gminy Serock"], ["Jan Król", "OSP Jabłonna"],
            ["Ewa Mazur", "Kawiarnia"]]
    [table] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": rows}))], workshop=1)[0].tables
    assert [(p.row, p.code) for p in table.problems] == [(2, "sector_from_name"), (3, "sector_from_name"),
                                                         (4, "sector_unknown")]
    assert "(kolumny sektora nie ma)" in table.problems[0].message


# --- the sample removed with what was done to it ---------------------------------------------------


def updates_and_votes(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (int(conn.execute(sa.select(sa.func.count()).select_from(proposal_updates_table)).scalar() or 0),
                int(conn.execute(sa.select(sa.func.count()).select_from(votes_table)).scalar() or 0))


@pytest.mark.parametrize("how", ["button", "first import"])
def test_removing_the_sample_removes_its_vote_result_and_statuses(url, how):
    store = open_store(url)
    sample_vote(store)
    store.save_status("2018", 3, 1, "in_progress", dt.date(2018, 10, 20))
    assert {b.kind for b in store.history()} >= {"votes", "status"}
    if how == "button":
        store.remove_sample()
    else:
        assert store.import_uploads([upload("lista.xlsx", first_list(), workshop=1)]).sample_removed
    assert {b.kind for b in store.history()} <= {"attendance"}
    assert updates_and_votes(store) == (0, 0)  # nothing left that points at the sample's proposals


def test_undoing_proposals_takes_along_the_results_that_pointed_at_them(url):
    store = store_at(url)
    sheet = [["Nr", "Tytuł propozycji", "Obszar", "Status"], [1, "Bon", "1", "pod głosowanie"],
             [2, "Targ", "2", "pod głosowanie"]]
    [saved] = store.import_uploads([upload("p.xlsx", fx.xlsx_bytes({"3 Jabłonna": sheet}))]).saved
    status = store.save_status("2018", 3, 1, "selected", dt.date(2018, 10, 8))
    assert [b.id for b in store.goes_with(saved.id)] == [status.id]
    assert store.goes_with(status.id) == []
    store.undo(saved.id)
    assert store.history() == [] and updates_and_votes(store) == (0, 0)


# --- one name for the workshop of a vote ------------------------------------------------------------


def test_a_workshop_is_named_from_its_own_cycle():
    schedule = pd.DataFrame({"cycle": ["2018", "2019"], "workshop": [4, 4], "gmina": ["legionowo", "jablonna"]})
    assert display.workshop_name(schedule, "2018", 4) == "4. Legionowo"
    assert display.workshop_name(schedule, "2019", 4) == "4. Jabłonna"
    assert display.workshop_name(schedule, "2020", 4) == "4."


def test_a_vote_without_a_stored_schedule_is_named_as_the_dataset_names_it(url):
    store = store_at(url)  # lists without a schedule: the cycle is read against the 2018 plan
    store.import_uploads([upload("lista.xlsx", first_list(), workshop=1)])
    votes = Votes(store)
    vote = votes.create("2018", 5, [Choice(0, "2018", 3, 1, "Bon", 1)], 1, "")
    assert votes.workshop_name(vote) == display.workshop_name(store.dataset().workshops, "2018", 5) == "5. Nieporęt"


def test_the_sample_2018_vote_is_named_from_the_2018_schedule(url):
    store = open_store(url)
    votes = Votes(store)
    vote = votes.create("2018", 4, [Choice(0, "2018", 3, 1, "Bon", 1)], 1, "")
    assert votes.workshop_name(vote) == "4. Legionowo"
    assert display.workshop_name(store.dataset().workshops, "2019", 4) == "4. Jabłonna"
