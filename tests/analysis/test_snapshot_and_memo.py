"""Issue 11 at 1M rows: the dataset's snapshot on disk, the metrics kept per view, the vectorised counts.

The snapshot must never show data the store no longer has; a kept metric must be the number a fresh
computation gives; the counting by codes must give what the plain pandas definition gives.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from analysis import metrics
from analysis.dataset import Dataset
from analysis.store import reads as store_reads
from analysis.store import snapshot
from tests.helpers import small_cycle
from tests.stores import attendance, store_at, upload


def _frames_equal(a: Dataset, b: Dataset) -> None:
    for name in snapshot.FRAMES:
        left, right = getattr(a, name), getattr(b, name)
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_exact=True)
    assert (a.is_sample, a.as_of) == (b.is_sample, b.as_of)


def _snapshots(store) -> list[str]:
    prefix = snapshot._prefix(store.url)
    return sorted(p.name for p in snapshot.folder().glob(f"{prefix}*")) if snapshot.folder().exists() else []


# --- the snapshot -----------------------------------------------------------------------------


def test_snapshot_holds_the_same_dataset_and_is_read_at_the_next_start(url):
    store = store_at(url)
    store.seed_sample_if_empty()
    from_store = store.cached_dataset()  # no snapshot yet: read from the store, then written
    assert len(_snapshots(store)) == 1
    again = store_at(url).cached_dataset()  # "the next start": another Store object, same store
    _frames_equal(from_store, again)
    assert again.attendance["institution_key"].notna().any()
    # the numbers of the pages are the same from either
    assert metrics.overview(metrics.View(again)) == metrics.overview(metrics.View(from_store))


def test_a_write_removes_the_snapshot_and_the_next_load_shows_the_new_rows(url):
    store = store_at(url)
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak", "Jan Kowalski"]), workshop=1)])
    before = store.cached_dataset()
    assert len(before.attendance) == 2 and len(_snapshots(store)) == 1
    store.import_uploads([upload("lista_2.xlsx", attendance(["Ewa Lis"]), workshop=2)])
    assert _snapshots(store) == []  # the snapshot of the old data is gone with the write
    after = store.cached_dataset()
    assert len(after.attendance) == 3
    [latest] = [b for b in store.history() if b.file == "lista_2.xlsx"]
    store.undo(latest.id)
    assert len(store.cached_dataset().attendance) == 2  # undone: not the snapshot of three rows


def test_a_store_changed_by_hand_is_read_again_not_taken_from_the_snapshot(url):
    store = store_at(url)
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak", "Jan Kowalski"]), workshop=1)])
    assert len(store.cached_dataset().attendance) == 2
    with store.engine.begin() as conn:  # an administrator deletes a row in the database itself
        conn.execute(sa.text("DELETE FROM attendance WHERE person = (SELECT min(person) FROM attendance)"))
    assert len(store.cached_dataset().attendance) == 1


def test_a_damaged_snapshot_is_ignored(url):
    store = store_at(url)
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak"]), workshop=1)])
    store.cached_dataset()
    [name] = _snapshots(store)
    (snapshot.folder() / name / "attendance.arrow").write_bytes(b"not an arrow file")
    dataset = store.cached_dataset()
    assert dataset.attendance["person"].notna().all() and len(dataset.attendance) == 1


def test_an_unwritable_data_folder_only_costs_the_snapshot(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        blocked = tmp_path / "cache"
        blocked.write_text("a file where the folder would be")  # even root cannot make a folder here
    else:
        tmp_path.chmod(0o500)
    monkeypatch.setattr(snapshot, "folder", lambda: tmp_path / "cache")
    store = store_at(f"sqlite:///{tmp_path / 'inne.sqlite'}") if os.geteuid() == 0 else None
    if store is None:
        pytest.skip("needs root to keep the store writable beside an unwritable cache")
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak"]), workshop=1)])
    assert len(store.cached_dataset().attendance) == 1
    assert len(store.cached_dataset().attendance) == 1


def test_the_store_is_read_in_parts_with_the_same_types(url, monkeypatch):
    store = store_at(url)
    names = [f"Osoba {i}" for i in range(7)]
    store.import_uploads([upload("lista_1.xlsx", attendance(names), workshop=1)])
    with store.engine.begin() as conn:  # a column empty in the first parts, filled in the last
        conn.execute(sa.text("UPDATE attendance SET role = NULL"))
        conn.execute(sa.text("UPDATE attendance SET role = 'ekspert' WHERE person = (SELECT max(person) FROM attendance)"))
    whole = store.dataset()
    monkeypatch.setattr(store_reads, "_READ_ROWS", 2)  # four parts of two rows
    parted = store.dataset()
    _frames_equal(whole, parted)


# --- metrics kept per view ----------------------------------------------------------------------


@pytest.fixture
def sample() -> Dataset:
    return small_cycle()


def test_a_kept_metric_is_the_fresh_number_and_a_caller_cannot_change_it(sample):
    view = metrics.View(sample)
    first = metrics.cohort(view)
    first.loc[:, "people"] = -1  # a page that writes into what it got
    again = metrics.cohort(metrics.View(sample))
    fresh = metrics.cohort(metrics.View(small_cycle()))
    pd.testing.assert_frame_equal(again, fresh)
    assert (again["people"] >= 0).all()


def test_kept_metrics_follow_the_filters_and_the_day(sample, monkeypatch):
    everyone = metrics.participants_by_workshop(metrics.View(sample))
    one_gmina = metrics.participants_by_workshop(metrics.View(sample, metrics.Filters(gminas=("serock",))))
    assert one_gmina["participants"].sum() < everyone["participants"].sum()
    # a server running over days: the same dataset, read against today
    dataset = Dataset(sample.workshops, sample.attendance, sample.proposals)
    assert metrics.missing_lists(_on_day(dataset, dt.date(2021, 6, 2), monkeypatch)) == []  # Jabłonna to come
    assert metrics.missing_lists(_on_day(dataset, dt.date(2021, 7, 1), monkeypatch)) == [3]  # its day passed


def _on_day(dataset: Dataset, day: dt.date, monkeypatch) -> metrics.View:
    monkeypatch.setattr(metrics.View, "today", property(lambda view: dataset.as_of or day))
    return metrics.View(dataset)


def test_kept_results_are_bounded(sample, monkeypatch):
    monkeypatch.setattr(metrics, "_MEMO_LIMIT", 5)
    dataset = Dataset(sample.workshops, sample.attendance, sample.proposals, as_of=sample.as_of)
    for gminas in itertools.combinations(("serock", "legionowo", "jablonna", "nieporet", "wieliszew"), 2):
        metrics.unique_participants(metrics.View(dataset, metrics.Filters(gminas=gminas)))
    assert len(metrics._results(dataset)) == 5  # of ten filter choices, the five used last


def test_prepare_keeps_what_the_pages_ask_for_first(sample):
    dataset = Dataset(sample.workshops, sample.attendance, sample.proposals, as_of=sample.as_of)
    prepared = metrics.prepare(dataset)
    kept = len(metrics._results(dataset))
    assert prepared == kept and kept > 40
    view = metrics.View(dataset, metrics.Filters(cycle="2021"))  # what the sidebar sends for the current cycle
    metrics.cohort(view), metrics.return_rate_by_sector(view), metrics.sector_matrix(view)
    assert len(metrics._results(dataset)) == kept  # the page's first visit computed nothing new


# --- counting by codes gives the plain definitions ------------------------------------------------


def _random_attendance(seed: int, people: int = 60, rows: int = 400, workshops: int = 5) -> pd.DataFrame:
    rng = random.Random(seed)
    sectors = ["ngo", "business", "education", "health", "local_government"]
    institutions = ["Fundacja A", "fundacja  a", "Firma B", "Szkoła C", "", None, "Urząd D"]
    rows_ = [("2020", rng.randint(1, workshops), f"p{rng.randrange(people)}", rng.choice(institutions),
              rng.choice(sectors), rng.choice(["serock", "legionowo", "outside"]), "", "") for _ in range(rows)]
    frame = pd.DataFrame(rows_, columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                         "group"])
    frame["workshop"] = frame["workshop"].astype("Int64")
    return frame


def _schedule(workshops: int) -> pd.DataFrame:
    return pd.DataFrame({"cycle": ["2020"] * workshops, "workshop": pd.array(range(1, workshops + 1), dtype="Int64"),
                         "date": [dt.date(2020, 1, w) for w in range(1, workshops + 1)], "gmina": ["serock"] * workshops,
                         "venue": [""] * workshops, "title": [""] * workshops})


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("workshops", [3, 9, 20])
def test_progress_numbers_equal_their_definitions(seed, workshops):
    frame = _random_attendance(seed, workshops=workshops)
    dataset = Dataset(_schedule(workshops), frame, small_cycle().proposals.iloc[0:0], as_of=dt.date(2021, 1, 1))
    view = metrics.View(dataset)
    held = sorted(int(w) for w in frame["workshop"].unique())
    visits = {p: set(int(w) for w in g["workshop"]) for p, g in frame.groupby("person")}
    # cohort: of those at a workshop, how many came to each later one
    cohort = metrics.cohort(view)
    for a, b in itertools.combinations(held, 2):
        row = cohort[(cohort["workshop"] == a) & (cohort["later"] == b)].iloc[0]
        assert row["attended"] == sum(a in v for v in visits.values())
        assert row["people"] == sum(a in v and b in v for v in visits.values())
    # unique persons up to each workshop, and the flow between consecutive ones
    cumulative = dict(metrics.cumulative_unique(view).values.tolist())
    assert cumulative == {w: sum(min(v) <= w for v in visits.values()) for w in held}
    for source, target, stayed, left, joined in metrics.flow(view).values.tolist():
        assert stayed == sum(source in v and target in v for v in visits.values())
        assert left == sum(source in v and target not in v for v in visits.values())
        assert joined == sum(target in v and source not in v for v in visits.values())
    # new and returning: returning = came to an earlier workshop of the cycle
    for workshop, new, back in metrics.new_and_returning(view).values.tolist():
        there = [v for v in visits.values() if workshop in v]
        assert back == sum(min(v) < workshop for v in there) and new == len(there) - back
    # institutions: folded names, empty cells not counted
    folded = {metrics.fold(n) for n in frame["institution"].dropna()} - {""}
    assert metrics.institutions(view) == len(folded)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_most_frequent_value_with_ties_is_the_first_in_sorted_order(seed):
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 30, 500)
    values = pd.Series(rng.choice(["ngo", "business", "health", "education"], 500)).astype("category")
    expected = {}
    for key in np.unique(keys):
        counts = pd.Series(values[keys == key].astype(str)).value_counts()
        top = counts.max()
        expected[int(key)] = sorted(counts[counts == top].index)[0]
    assert metrics._mode(keys, values).to_dict() == expected
    original = metrics._MODE_BINS
    try:  # the pair-by-pair way (many keys × values) gives the same
        metrics._MODE_BINS = 0
        assert metrics._mode(keys, values).to_dict() == expected
    finally:
        metrics._MODE_BINS = original


def test_timeline_markers_stay_on_the_chart_at_any_size():
    """At a million rows a workshop has 250 000 participants: its marker must not cover the chart."""
    from analysis import charts

    view = metrics.View(small_cycle())
    frame = metrics.timeline(view)
    small = charts.timeline_chart(frame, {1: "1.", 2: "2.", 3: "3."}).data[0].marker.size
    frame["participants"] = frame["participants"].where(frame["participants"].isna(), 250_000)
    big = charts.timeline_chart(frame, {1: "1.", 2: "2.", 3: "3."}).data[0].marker.size
    assert max(big) == 60 and small[0] < small[1] < 60  # more people, larger; never beyond 60 px


def test_a_store_without_a_stamp_that_cannot_be_written_is_read_as_it_is(tmp_path, monkeypatch):
    from analysis.errors import UserError

    store = store_at(f"sqlite:///{tmp_path / 'stara.sqlite'}")
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak", "Jan Kowalski"]), workshop=1)])
    with store.engine.begin() as conn:  # written by a version before the stamp
        conn.execute(sa.text("DELETE FROM meta WHERE key = 'data_stamp'"))

    def refused(*args, **kwargs):
        raise UserError("Magazyn jest tylko do odczytu.", "store_read_only")

    monkeypatch.setattr(type(store), "_writing", refused)
    assert len(store.cached_dataset().attendance) == 2
    assert _snapshots(store) == []
