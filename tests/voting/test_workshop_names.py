"""One name for the workshop of a vote, from its own cycle's schedule."""

from __future__ import annotations

import pandas as pd

from analysis import display
from analysis.store import open_store
from analysis.voting.ballot_box import Choice, Votes
from tests import fixtures as fx
from tests.stores import store_at, upload

PEOPLE = [("Anna", "Nowak"), ("Piotr", "Wójcik"), ("Ewa", "Kowalska-Nowak"), ("Jan Maria", "Król"), ("Łucja", "Żak")]


def first_list() -> bytes:
    rows = [["Lista obecności – warsztat 1"], ["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "Miejscowość"],
            *[[i, f"{first} {last}", "Urząd Gminy Serock", "JST", "Serock"] for i, (first, last) in enumerate(PEOPLE, 1)]]
    return fx.xlsx_bytes({"Lista": rows})


# --- one name for the workshop of a vote ------------------------------------------------------------


def test_a_workshop_is_named_from_its_own_cycle():
    schedule = pd.DataFrame({"cycle": ["2018", "2019"], "workshop": [4, 4], "gmina": ["legionowo", "jablonna"]})
    assert display.workshop_name(schedule, "2018", 4) == "4. Legionowo"
    assert display.workshop_name(schedule, "2019", 4) == "4. Jabłonna"
    assert display.workshop_name(schedule, "2020", 4) == "4."


def test_a_vote_without_a_stored_schedule_is_named_as_the_dataset_names_it(sqlite_url):
    store = store_at(sqlite_url)  # lists without a schedule: the cycle is read against the 2018 plan
    store.import_uploads([upload("lista.xlsx", first_list(), workshop=1)])
    votes = Votes(store)
    vote = votes.create("2018", 5, [Choice(0, "2018", 3, 1, "Bon", 1)], 1, "")
    assert votes.workshop_name(vote) == display.workshop_name(store.dataset().workshops, "2018", 5) == "5. Nieporęt"


def test_the_sample_2018_vote_is_named_from_the_2018_schedule(sqlite_url):
    store = open_store(sqlite_url)
    votes = Votes(store)
    vote = votes.create("2018", 4, [Choice(0, "2018", 3, 1, "Bon", 1)], 1, "")
    assert votes.workshop_name(vote) == "4. Legionowo"
    assert display.workshop_name(store.dataset().workshops, "2019", 4) == "4. Jabłonna"
