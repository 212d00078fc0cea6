"""Checking people in: one row per person by the database, returning people, institutions, bad input refused."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from analysis import metrics
from analysis.checkin import CheckIns, Suggestion, suggest
from analysis.checkin.names import names
from analysis.errors import UserError
from analysis.folding import fold
from analysis.store.schema import checkin_people_table
from tests.checkin.support import first_list, form, rows


def test_the_same_person_twice_is_one_row_and_the_second_answer_says_so(desk):
    store, checkins, checkin = desk
    first = checkins.check_in(form(checkin.id, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="serock"))
    # the phone after the desk, typed otherwise (case, spaces, no Polish letters), a retried request
    again = checkins.check_in(form(checkin.id, "  maria   ZIELINSKA ", "Fundacja Nowa", channel="phone"))
    retried = checkins.check_in(form(checkin.id, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="serock"))
    assert (first.already, again.already, retried.already) == (False, True, True)
    assert rows(store) == 1
    assert (again.sector, again.gmina) == ("ngo", "serock")  # the row stored first
    assert len(names(checkin.folder)) == 1


def test_the_database_itself_refuses_a_second_row_of_one_person(desk):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Maria Zielińska"))
    with store.engine.connect() as conn:
        row = dict(conn.execute(sa.select(checkin_people_table)).mappings().one())
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:  # every check above skipped
        conn.execute(checkin_people_table.insert().values(row | {"channel": "phone"}))
    assert rows(store) == 1


def test_people_checked_in_at_the_same_moment_from_many_threads_count_once_each(desk):
    store, checkins, checkin = desk
    people = ["Maria Zielińska", "Piotr Lis", "Olga Mróz"]
    barrier = threading.Barrier(12)
    answers: list = []
    failures: list = []

    def door(name: str) -> None:
        barrier.wait(timeout=60)
        try:
            answers.append(CheckIns(store).check_in(form(checkin.id, name)))
        except Exception as exc:  # noqa: BLE001 - the finding
            failures.append(exc)

    threads = [threading.Thread(target=door, args=(people[i % 3],)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert rows(store) == 3 and sum(not a.already for a in answers) == 3 and len(answers) == 12
    assert len(names(checkin.folder)) == 3


def test_a_returning_person_is_recognised_with_the_number_of_earlier_workshops_and_no_name_is_stored(desk):
    store, checkins, checkin = desk
    back = checkins.check_in(form(checkin.id, "ANNA KOWALSKA"))  # on the first workshop's imported list
    new = checkins.check_in(form(checkin.id, "Zofia Nowa"))
    assert (back.returning, back.earlier_workshops) == (True, 1)
    assert (new.returning, new.earlier_workshops) == (False, 0)
    people = checkins.people(checkin.id)
    assert people["earlier"].tolist() == [1, 0] and "name" not in people and "person" not in people
    with store.engine.connect() as conn:
        for table in ("checkin_people", "checkins", "attendance", "batches", "meta"):
            text = " ".join(str(v) for r in conn.execute(sa.text(f"SELECT * FROM {table}")) for v in r).lower()
            assert "kowalska" not in text and "zofia" not in text


def test_a_known_institution_brings_its_sector_and_gmina_and_a_new_one_must_have_them(desk):
    store, checkins, checkin = desk
    known = checkins.check_in(form(checkin.id, "Piotr Lis", "urząd gminy SEROCK"))
    assert (known.institution, known.sector, known.gmina) == ("Urząd Gminy Serock", "local_government", "serock")
    changed = checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem", gmina="legionowo"))
    assert (changed.sector, changed.gmina) == ("ngo", "legionowo")  # filled in, and changeable
    with pytest.raises(UserError) as refused:
        checkins.check_in(form(checkin.id, "Adam Kos", "Spółdzielnia Nowa"))
    assert refused.value.code == "checkin_needs_sector" and "sektor i gminę" in refused.value.message
    assert rows(store) == 2
    made = checkins.check_in(form(checkin.id, "Adam Kos", "Spółdzielnia Nowa", sector="Przedsiębiorcy",
                                  gmina="Nieporęt"))
    assert (made.sector, made.gmina) == ("business", "nieporet")
    # what is typed at the next person's form finds it, and the lists' institutions
    found = suggest(checkins.institutions(), "sp")
    assert [s.institution for s in found] == ["Spółdzielnia Nowa"]
    assert [s.institution for s in suggest(checkins.institutions(), "serock")] == ["Urząd Gminy Serock"]


BAD_NAMES = {
    "": "checkin_name_missing",
    "   ": "checkin_name_missing",
    "A" * 250 + " " + "B" * 249: "checkin_name_invalid",
    "Anna\x07 Kowalska": "checkin_name_invalid",
    "Anna\u202e Kowalska": "checkin_name_invalid",
    "Anna": "checkin_name_invalid",
    "12345 678": "checkin_name_invalid",
    "<script>alert(1)</script> x": "checkin_name_invalid",
    "=SUMA(A1) Kowalska": "checkin_name_invalid",
}


@pytest.mark.parametrize("name", list(BAD_NAMES), ids=range(len(BAD_NAMES)))
def test_a_name_that_cannot_be_one_is_refused_in_polish_and_nothing_is_stored(desk, name):
    store, checkins, checkin = desk
    with pytest.raises(UserError) as refused:
        checkins.check_in(form(checkin.id, name))
    assert refused.value.code == BAD_NAMES[name] and ("imię" in refused.value.message.lower())
    assert rows(store) == 0 and names(checkin.folder) == {}


@pytest.mark.parametrize(("change", "code"), [
    ({"institution": "Urząd\x00 Gminy"}, "checkin_institution_invalid"),
    ({"institution": "x" * 500}, "checkin_institution_invalid"),
    ({"institution": "Nowa firma", "sector": "kosmos", "gmina": "serock"}, "checkin_sector_invalid"),
    ({"institution": "Nowa firma", "sector": "business", "gmina": "Kraków"}, "checkin_gmina_invalid"),
    ({"consent": False}, "checkin_no_consent"),
    ({"workshop": 3}, "checkin_other_workshop"),
    ({"checkin_id": "0" * 32}, "checkin_unknown"),
])
def test_bad_input_and_a_form_of_another_workshop_are_refused_and_nothing_is_stored(desk, change, code):
    store, checkins, checkin = desk
    values = {"institution": "Urząd Gminy Serock"} | change
    target = values.pop("checkin_id", checkin.id)
    with pytest.raises(UserError) as refused:
        checkins.check_in(form(target, "Maria Zielińska", **values))
    assert refused.value.code == code
    assert rows(store) == 0 and names(checkin.folder) == {}


def test_a_closed_check_in_takes_nobody(desk):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Maria Zielińska"))
    checkins.close(checkin.id)
    with pytest.raises(UserError) as refused:
        checkins.check_in(form(checkin.id, "Piotr Lis"))
    assert refused.value.code == "checkin_closed" and "zamknięta" in refused.value.message
    assert rows(store) == 1


def test_the_live_count_by_sector_and_gmina(desk):
    _, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Anna Kowalska"))
    checkins.check_in(form(checkin.id, "Piotr Lis"))
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem"))
    checkins.check_in(form(checkin.id, "Adam Kos", "", sector="agriculture", gmina="outside", channel="phone"))
    _, live = checkins.live(checkin.id)
    counts = metrics.checked_in(live)
    assert counts.people == 4 and counts.returning is None
    assert counts.by_sector == {"local_government": 2, "ngo": 1, "agriculture": 1}
    assert counts.by_gmina == {"jablonna": 1, "serock": 2, "outside": 1}
    full = metrics.checked_in(checkins.people(checkin.id))
    assert full.returning == 1
    table = metrics.checked_in_table(full, "sector")
    assert table["label"].tolist() == ["Samorząd (gminy i powiat)", "Organizacje pozarządowe", "Rolnicy"]
    assert table["share"].tolist() == [0.5, 0.25, 0.25]


def test_people_checked_in_hold_the_pseudonym_key_before_any_list_is_stored(url, tmp_path, monkeypatch):
    """A store whose only pseudonyms are people checked in refuses another key: they would count twice."""
    from analysis.store import Store
    from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, schedule, upload
    from tests.stores import store_at

    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / "data"))
    store = store_at(url)
    store.import_uploads([upload(store, "harmonogram.xlsx", schedule())])
    checkin = CheckIns(store).open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    CheckIns(store).check_in(form(checkin.id, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="serock"))
    other = Store(url, key=b"o" * 32)
    with pytest.raises(UserError) as refused:
        CheckIns(other).check_in(form(checkin.id, "Piotr Lis", "Fundacja Nowa", sector="ngo", gmina="serock"))
    assert refused.value.code == "key_mismatch" and rows(store) == 1
    other.engine.dispose()
    store.engine.dispose()


def test_a_name_is_recognised_with_the_institution_of_the_latest_workshop_and_nothing_is_stored(desk):
    from tests import fixtures as fx
    from tests.checkin.support import upload

    store, checkins, checkin = desk
    later = fx.xlsx_bytes({"Lista": [["Lista obecności – warsztat 3"], ["Lp.", "Imię i nazwisko", "Instytucja",
                                                                        "Sektor", "Gmina"],
                                     [1, "Anna Kowalska", "Fundacja Razem", "NGO", "Jabłonna"]]})
    store.import_uploads([upload(store, "lista_3.xlsx", later, workshop=3)])  # 5 November, after workshop 1
    before = rows(store)
    anna = checkins.recognise(checkin.id, " anna  kowalska ")
    assert (anna.already, anna.earlier_workshops, anna.institution) == (False, 2, "Fundacja Razem")
    ewa = checkins.recognise(checkin.id, "Ewa Wiśniewska")
    assert (ewa.earlier_workshops, ewa.institution) == (1, "Urząd Gminy Serock")
    new = checkins.recognise(checkin.id, "Zofia Nowa")
    assert (new.returning, new.institution) == (False, None)
    assert rows(store) == before == 0 and names(checkin.folder) == {}
    checkins.check_in(form(checkin.id, "Anna Kowalska", "Fundacja Razem"))
    assert checkins.recognise(checkin.id, "ANNA KOWALSKA").already
    with pytest.raises(UserError) as refused:
        checkins.recognise(checkin.id, "Jan")
    assert "oba" in refused.value.message


def test_known_institutions_are_built_again_only_when_a_check_in_or_a_list_changes_them(desk, monkeypatch):
    """A phone's every script run lists the known institutions: the same store gives the same suggestions without
    folding every stored name again, and a new person's institution (or a new list) is in the very next answer."""
    from analysis.checkin import desk as desk_module
    from tests.checkin.support import upload

    store, checkins, checkin = desk
    first = checkins.institutions()
    folded = []
    monkeypatch.setattr(desk_module, "fold", lambda text: folded.append(text) or fold(text))
    assert checkins.institutions() == first and checkins.institution_names() == ("Fundacja Razem", "Urząd Gminy Serock")
    assert folded == []  # nothing changed: nothing built again
    checkins.check_in(form(checkin.id, "Adam Kos", "Apteka Pod Lipą", sector="health", gmina="legionowo"))
    assert checkins.institutions()["apteka pod lipa"] == Suggestion("Apteka Pod Lipą", "health", "legionowo", 1)
    assert checkins.institution_names() == ("Apteka Pod Lipą", "Fundacja Razem", "Urząd Gminy Serock")
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem", sector="culture_sport", gmina="serock"))
    checkins.check_in(form(checkin.id, "Piotr Lis", "Fundacja Razem", sector="culture_sport", gmina="serock"))
    assert checkins.institutions()["fundacja razem"] == Suggestion("Fundacja Razem", "culture_sport", "serock", 3)
    store.import_uploads([upload(store, "lista3.xlsx", first_list(3), 3)])  # a new list in force
    assert checkins.institutions()["fundacja razem"].people == 4
