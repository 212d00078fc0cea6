"""Against numbers counted by hand: from idea to project (statuses over time, stages
reached, votes' spread), participants per 10 000 residents, two cycles side by side; and the store's side:
a later proposals file and a status set on the page keep the earlier status, the gmina table is read and edited."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import charts, metrics, report
from analysis.dataset import dataset_frames
from analysis.errors import UserError
from tests import fixtures as fx
from tests.helpers import small_cycle
from tests.stores import store_at, upload


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url


def _cycle_with_history():
    """The small cycle (tests.helpers) with a gmina table and a later history of its proposals:
    1/1 (area 1) selected at workshop 1, in realisation on 1 July, done on 1 September 2021;
    2/1 (area 1) voted on 10 June (7 votes) and selected; 1/2 rejected and 2/2 awaiting the vote stay."""
    base = small_cycle()
    proposals = base.proposals.copy()
    proposals["status"] = ["done", "rejected", "selected", "to_vote"]
    proposals["votes"] = pd.array([10, 4, 7, None], dtype="Int64")
    first = base.proposals[["cycle", "workshop", "number", "status"]]
    updates = pd.DataFrame({
        "cycle": ["2021"] * 3, "workshop": [2, 1, 1], "number": [1, 1, 1],
        "date": [dt.date(2021, 6, 10), dt.date(2021, 7, 1), dt.date(2021, 9, 1)],
        "status": ["selected", "in_progress", "done"],
        "at": [dt.datetime(2021, 6, 10, 12), dt.datetime(2021, 7, 2, 9), dt.datetime(2021, 9, 2, 9)],
    })
    gminas = pd.DataFrame({"cycle": ["2021"] * 4, "gmina": ["serock", "legionowo", "jablonna", "wieliszew"],
                           "population": pd.array([20_000, 50_000, 10_000, 15_000], dtype="Int64"),
                           "year": pd.array([2020] * 4, dtype="Int64"), "source": ["dane ilustracyjne"] * 4})
    return dataset_frames(base.workshops, base.attendance[[c for c in base.attendance.columns if c != "person_id"]],
                          proposals, as_of=base.as_of, gminas=gminas, first_statuses=first, updates=updates)


def test_a_proposals_history_keeps_every_status_with_its_day():
    view = metrics.View(_cycle_with_history())
    history = metrics.status_history(view)
    first = history[(history["workshop"] == 1) & (history["number"] == 1)]
    assert list(zip(first["date"], first["status"], strict=True)) == [
        (dt.date(2021, 4, 1), "selected"), (dt.date(2021, 7, 1), "in_progress"), (dt.date(2021, 9, 1), "done")]
    assert len(history) == 4 + 3  # four first statuses, three changes


def test_the_history_picker_lists_each_proposal_once_in_the_historys_order_with_its_title():
    """Bon lokalny has three statuses and Targ rolny two: the picker offers each of them once."""
    titles = metrics.history_titles(metrics.View(_cycle_with_history()))
    assert list(titles.items()) == [((1, 1), "Bon lokalny"), ((1, 2), "Inkubator"), ((2, 1), "Targ rolny"),
                                    ((2, 2), "<b>Marka</b> gminy")]


def test_a_vote_may_put_the_earlier_workshops_proposals_on_its_ballot_those_awaiting_it_chosen():
    """A vote in Jabłonna: the four proposals of Serock and Wieliszew, Wieliszew's two (awaiting the vote)
    chosen; a vote in Wieliszew: only Serock's, none awaiting. The sidebar's filters do not narrow it."""
    C = metrics.Candidate
    at_jablonna = metrics.ballot_candidates(metrics.View(small_cycle()), 3)
    assert list(at_jablonna.items()) == [((1, 1), C("Bon lokalny", 1, False)), ((1, 2), C("Inkubator", 2, False)),
                                         ((2, 1), C("Targ rolny", 1, True)), ((2, 2), C("<b>Marka</b> gminy", 3, True))]
    assert metrics.ballot_candidates(metrics.View(small_cycle(), metrics.Filters(workshops=(1,), sectors=("ngo",))),
                                     3) == at_jablonna
    assert [k for k, c in metrics.ballot_candidates(metrics.View(small_cycle()), 2).items() if c.waiting] == []
    assert list(metrics.ballot_candidates(metrics.View(small_cycle()), 2)) == [(1, 1), (1, 2)]


def test_stages_reached_count_the_history_not_only_the_status_now():
    frame = metrics.status_reached_by_area(metrics.View(_cycle_with_history()))
    got = {(int(a), s): int(n) for a, s, n in zip(frame["area"], frame["stage"], frame["proposals"], strict=True)}
    assert got[(1, "selected")] == 2 and got[(1, "in_progress")] == 1 and got[(1, "done")] == 1
    assert all(n == 0 for (area, _), n in got.items() if area != 1)  # rejected, awaiting, none
    assert len(frame) == 12


def test_statuses_over_time_as_counted_by_hand():
    frame = metrics.status_over_time(metrics.View(_cycle_with_history()))
    table = {(d, s): n for d, s, n in zip(frame["date"], frame["status"], frame["proposals"], strict=True) if n}
    assert table == {
        (dt.date(2021, 4, 1), "selected"): 1, (dt.date(2021, 4, 1), "rejected"): 1,
        (dt.date(2021, 5, 1), "to_vote"): 2, (dt.date(2021, 5, 1), "selected"): 1, (dt.date(2021, 5, 1), "rejected"): 1,
        (dt.date(2021, 6, 10), "to_vote"): 1, (dt.date(2021, 6, 10), "selected"): 2,
        (dt.date(2021, 6, 10), "rejected"): 1,
        (dt.date(2021, 7, 1), "to_vote"): 1, (dt.date(2021, 7, 1), "selected"): 1,
        (dt.date(2021, 7, 1), "in_progress"): 1, (dt.date(2021, 7, 1), "rejected"): 1,
        (dt.date(2021, 9, 1), "to_vote"): 1, (dt.date(2021, 9, 1), "selected"): 1, (dt.date(2021, 9, 1), "done"): 1,
        (dt.date(2021, 9, 1), "rejected"): 1,
    }


def test_votes_spread_with_quartiles_as_excel_counts_them():
    frame = metrics.votes_spread(metrics.View(_cycle_with_history())).set_index("area")
    assert frame.loc[1, ["proposals", "total", "lowest", "highest"]].tolist() == [2, 17, 7, 10]
    assert (frame.loc[1, "q1"], frame.loc[1, "median"], frame.loc[1, "q3"]) == (7.75, 8.5, 9.25)
    assert frame.loc[0, ["proposals", "total", "lowest", "highest"]].tolist() == [3, 21, 4, 10]
    assert (frame.loc[0, "q1"], frame.loc[0, "median"], frame.loc[0, "q3"], frame.loc[0, "mean"]) == (5.5, 7, 8.5, 7)
    assert set(frame.index) == {0, 1, 2}  # area 3's proposal has no votes yet; area 4 has none


def test_participants_per_10k_residents_by_gmina_of_origin():
    frame = metrics.participants_per_10k(metrics.View(_cycle_with_history())).set_index("gmina")
    assert frame["participants"].to_dict() == {"legionowo": 1, "jablonna": 1, "nieporet": 0, "serock": 2,
                                               "wieliszew": 0, "outside": 1}
    assert frame.loc["serock", "per_10k"] == 1.0 and frame.loc["legionowo", "per_10k"] == pytest.approx(0.2)
    assert frame.loc["jablonna", "per_10k"] == 1.0 and frame.loc["wieliszew", "per_10k"] == 0.0
    assert pd.isna(frame.loc["nieporet", "per_10k"]) and pd.isna(frame.loc["outside", "per_10k"])  # shown apart
    serock_only = metrics.View(_cycle_with_history(), metrics.Filters(workshops=(1,)))
    assert metrics.participants_per_10k(serock_only).set_index("gmina").loc["serock", "participants"] == 2


def test_the_map_colours_the_five_gminas_and_shows_outside_apart():
    fig = charts.per_10k_map(metrics.participants_per_10k(metrics.View(_cycle_with_history())))
    shapes = [t for t in fig.data if t.fill == "toself"]
    assert [t.name for t in shapes] == ["Serock", "Wieliszew", "Jabłonna", "Legionowo", "Nieporęt"]
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Spoza powiatu" in texts and "brak liczby<br>mieszkańców" in texts and "<b>1,0</b>" in texts
    empty = charts.per_10k_map(metrics.participants_per_10k(metrics.View(small_cycle())))
    assert [a.text for a in empty.layout.annotations] == [charts.EMPTY["participants_per_10k"]]


def test_two_cycles_side_by_side():
    one = _cycle_with_history()
    other = small_cycle()
    workshops = pd.concat([one.workshops, other.workshops.assign(cycle="2022")], ignore_index=True)
    people = pd.concat([one.attendance, other.attendance.assign(cycle="2022")], ignore_index=True)
    people = people.drop(columns="person_id")
    people = people[~((people["cycle"] == "2022") & (people["person"] == "eve"))]  # eve did not come back
    both = dataset_frames(workshops, people, one.proposals, as_of=dt.date(2022, 6, 2))
    comparison = metrics.compare_cycles(both, "2021", "2022")
    got = {(c, int(w)): int(n) for c, w, n in comparison.per_workshop[["cycle", "workshop", "participants"]].itertuples(
        index=False)}
    assert got == {("2021", 1): 3, ("2021", 2): 4, ("2022", 1): 3, ("2022", 2): 3}
    totals = comparison.summary.set_index("cycle")
    assert totals.loc["2021", "unique_participants"] == 5 and totals.loc["2022", "unique_participants"] == 4
    assert totals.loc["2021", "selected"] == 2 and totals.loc["2022", "proposals"] == 0
    shares = comparison.per_sector.set_index(["cycle", "sector"])["share"]
    assert ("2022", "health") not in shares.index and shares[("2021", "health")] == pytest.approx(1 / 7)
    assert metrics.other_cycle(both, "2022") == "2021" and metrics.other_cycle(both, "2021") == "2022"
    assert metrics.View(both).cycle == "2022"  # the cycle going on is the default


def test_a_schedule_of_next_year_does_not_become_the_current_cycle():
    base = small_cycle()
    future = base.workshops.assign(cycle="2022", date=[dt.date(2022, 4, 1), dt.date(2022, 5, 1), dt.date(2022, 6, 1)])
    data = dataset_frames(pd.concat([base.workshops, future], ignore_index=True),
                          base.attendance.drop(columns="person_id"), base.proposals, as_of=dt.date(2021, 6, 2))
    assert metrics.View(data).cycle == "2021"
    assert metrics.filter_options(data).cycles == ("2021", "2022")


def test_the_projects_residents_votes_and_cycles_slides_say_the_pages_numbers():
    data = _cycle_with_history()
    made = report.build(data, workshop=3)
    slides = {s.key: s for s in made.slides}
    assert slides["projects"].data.iloc[0].tolist() == ["1. Uszczelnianie wycieków", 2, 1, 1]
    assert slides["per_10k"].data.set_index("Gmina")["Na 10 000 mieszkańców"].to_dict() == {
        "Legionowo": 0.2, "Jabłonna": 1.0, "Serock": 1.0, "Wieliszew": 0.0}
    assert slides["votes_spread"].headline == "mediana 7,0"
    assert slides["cycles"].figure is None and slides["cycles"].message == charts.EMPTY["previous_cycle"]


# --- the store: a later file, an edit on the page, the gmina table ---------------------------------------------


def _proposals_file(statuses: list[str], days: list[str] | None = None) -> bytes:
    header = ["Nr", "Obszar", "Tytuł propozycji", "Status"] + (["Data statusu"] if days else [])
    rows = [[n, 1, f"Propozycja {n}", s] + ([days[n - 1]] if days else []) for n, s in enumerate(statuses, start=1)]
    return fx.xlsx_bytes({"3 Jabłonna": [header, *rows]})


def test_a_later_proposals_file_records_the_changed_status_with_its_day_and_keeps_the_earlier(url):
    store = store_at(url)
    store.import_uploads([upload("propozycje.xlsx", _proposals_file(["wybrana do realizacji", "odrzucona"]))])
    later = _proposals_file(["w realizacji", "odrzucona"], days=["15.03.2019", ""])
    outcome = store.import_uploads([upload("propozycje_2019.xlsx", later)], on_existing="replace")
    data = store.dataset()
    assert sorted(data.proposals["status"]) == ["in_progress", "rejected"]
    events = data.status_events
    first = events[events["number"] == 1]
    assert list(first["status"]) == ["selected", "in_progress"] and first["date"].iloc[1] == dt.date(2019, 3, 15)
    assert list(events.loc[events["number"] == 2, "status"]) == ["rejected"]  # unchanged: no update
    store.undo(outcome.saved[0].id)
    data = store.dataset()
    assert sorted(data.proposals["status"]) == ["rejected", "selected"] and len(data.status_events) == 2


def test_a_status_set_on_the_page_is_an_undoable_batch(url):
    store = store_at(url)
    store.import_uploads([upload("propozycje.xlsx", _proposals_file(["wybrana do realizacji"]))])
    cycle = store.dataset().proposals["cycle"].iloc[0]
    batch = store.save_status(cycle, 3, 1, "done", dt.date(2020, 5, 4))
    data = store.dataset()
    assert data.proposals["status"].tolist() == ["done"]
    assert list(zip(data.status_events["status"], data.status_events["date"], strict=True))[-1] == (
        "done", dt.date(2020, 5, 4))
    assert batch.kind == "status" and batch.id in [b.id for b in store.history()]
    with pytest.raises(UserError) as refused:
        store.save_status(cycle, 3, 9, "done", dt.date(2020, 5, 4))
    assert refused.value.code == "no_such_proposal"
    store.undo(batch.id)
    assert store.dataset().proposals["status"].tolist() == ["selected"]


def test_the_gmina_table_is_read_from_a_file_and_edited_on_the_page(url):
    store = store_at(url)
    table = fx.xlsx_bytes({"Gminy": [["Gmina", "Liczba mieszkańców", "Rok", "Źródło"],
                                     ["Gmina Jabłonna", "20 761", 2018, "GUS"], ["Serock", 14000, 2018, "GUS"],
                                     ["Warszawa", "abc", 2018, ""]]})
    read = upload("gminy.xlsx", table)
    [sheet] = read.result.tables
    assert sheet.kind == "gminas" and [p.code for p in sheet.problems] == ["gmina_unknown", "population_not_number"]
    store.import_uploads([read])
    gminas = store.dataset().gminas.set_index("gmina")
    assert gminas.loc["jablonna", "population"] == 20761 and gminas.loc["serock", "year"] == 2018
    cycle = gminas["cycle"].iloc[0]
    edit = pd.DataFrame({"gmina": ["jablonna", "nieporet"], "population": [21000, 15000], "year": [2019, 2019],
                         "source": ["dane ilustracyjne", "dane ilustracyjne"]})
    batch = store.save_gminas(cycle, edit)
    gminas = store.dataset().gminas.set_index("gmina")
    assert gminas.loc["jablonna", "population"] == 21000 and gminas.loc["serock", "population"] == 14000
    with pytest.raises(UserError) as refused:
        store.save_gminas(cycle, edit.assign(population=[0, None]))
    assert refused.value.code == "gmina_table_invalid"
    store.undo(batch.id)
    assert store.dataset().gminas.set_index("gmina").loc["jablonna", "population"] == 20761
