"""Every number against one computed by hand on a small cycle.

The cycle "2020": workshops 1 Serock, 2 Wieliszew, 3 Jabłonna held, 4 Legionowo planned (empty).
Ann comes to all three; Bob to 1 and 2; Cat to 1; Dan to 2 and 3; Eve to 3.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis import metrics as m
from analysis.dataset import Dataset
from analysis.display import percent

PEOPLE = {  # person: (institution, sector, gmina)
    "ann": ("Fundacja A", "ngo", "serock"),
    "bob": ("Firma B sp. z o.o.", "business", "legionowo"),
    "cat": ("Urząd Gminy Serock", "local_government", "serock"),
    "dan": ("Szkoła D", "education", "outside"),
    "eve": ("Przychodnia E", "health", "jablonna"),
}
VISITS = {1: ["ann", "bob", "cat"], 2: ["ann", "bob", "dan"], 3: ["ann", "dan", "eve"]}


def _dataset() -> Dataset:
    return Dataset(*_frames())


def _frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    workshops = pd.DataFrame({
        "cycle": ["2020"] * 4, "workshop": pd.array([1, 2, 3, 4], dtype="Int64"),
        "date": [dt.date(2020, 3, 1), dt.date(2020, 4, 1), dt.date(2020, 5, 1), dt.date(2020, 6, 1)],
        "gmina": ["serock", "wieliszew", "jablonna", "legionowo"], "venue": [""] * 4, "title": [""] * 4,
    })
    rows = []
    for workshop, people in VISITS.items():
        for person in people:
            institution, sector, gmina = PEOPLE[person]
            if person == "ann" and workshop == 2:
                institution = "FUNDACJA  a"  # the same institution, typed differently
            rows.append(("2020", workshop, person, institution, sector, gmina, "", ""))
    attendance = pd.DataFrame(rows, columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                             "group"])
    proposals = pd.DataFrame({
        "cycle": ["2020"] * 5, "workshop": pd.array([1, 1, 3, 3, 3], dtype="Int64"),
        "number": pd.array([1, 2, 1, 2, 3], dtype="Int64"), "group": ["Grupa 1", "Grupa 2", "Grupa 1", "Grupa 1", ""],
        "area": pd.array([1, 2, 1, 4, None], dtype="Int64"),
        "title": ["Bon lokalny", "Inkubator", "Targ", "Marka", "Bez obszaru"],
        "description": ["", "dla młodych firm", "", "", ""],
        "lead": ["Fundacja A", "Firma B", "", "", ""],
        "lead_sector": ["ngo", "business", None, None, None],
        "partners": ["", "", "", "", ""], "votes": pd.array([10, 5, None, None, None], dtype="Int64"),
        "status": ["selected", "rejected", "to_vote", "to_vote", "to_vote"],
    })
    return workshops, attendance, proposals


@pytest.fixture
def view() -> m.View:
    return m.View(_dataset())


def test_overview(view):
    o = m.overview(view)
    assert (o.workshops_held, o.workshops_planned) == (3, 4)
    assert (o.last_workshop, o.participants_last, o.change_from_previous) == (3, 3, 0)
    assert o.unique_participants == 5
    assert o.institutions == 5  # "Fundacja A" and "FUNDACJA  a" are one
    assert (o.sectors_represented, o.sectors_total) == (5, 11)
    assert o.proposals == 5


def test_participants_and_planned_workshop(view):
    frame = m.participants_by_workshop(view)
    assert list(frame["held"]) == [True, True, True, False]
    assert list(frame["participants"].astype("object").fillna(-1)) == [3, 3, 3, -1]


def test_person_at_three_workshops_counts_once_in_unique_and_returns_twice(view):
    assert m.new_and_returning(view).values.tolist() == [[1, 3, 0], [2, 1, 2], [3, 1, 2]]
    assert m.cumulative_unique(view).values.tolist() == [[1, 3], [2, 4], [3, 5]]


def test_flow(view):
    assert m.flow(view).values.tolist() == [[1, 2, 2, 1, 1], [2, 3, 2, 1, 1]]


def test_balance(view):
    frame = m.balance_by_workshop(view)
    w1 = frame[frame["workshop"] == 1]
    assert list(w1["share"]) == pytest.approx([1 / 3] * 3) and w1["index"].iloc[0] == pytest.approx(1.0)
    w3 = frame[frame["workshop"] == 3].set_index("group")
    assert w3.loc["public", "share"] == pytest.approx(2 / 3) and w3.loc["business", "share"] == 0
    expected = -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)) / math.log(3)
    assert w3["index"].iloc[0] == pytest.approx(expected)
    assert m.balance_index([1.0, 0, 0]) == 0


def test_sector_gaps(view):
    gaps = m.sector_gaps(view).set_index("sector")
    assert gaps.loc["business", "status"] == "absent" and gaps.loc["local_government", "status"] == "absent"
    assert gaps.loc["ngo", "share_before"] == pytest.approx(2 / 6) and gaps.loc["ngo", "status"] == "ok"
    assert gaps.loc["health", "status"] == "ok"


def test_under_represented_sector():
    data = _dataset()
    extra = pd.DataFrame([("2020", 3, f"x{i}", "Przychodnia X", "health", "serock", "", "") for i in range(7)],
                         columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role", "group"])
    view = m.View(Dataset(data.workshops, pd.concat([data.attendance, extra], ignore_index=True), data.proposals))
    gaps = m.sector_gaps(view).set_index("sector")
    # ngo: 2/6 before, 1/10 at the last workshop — below half of its earlier share
    assert gaps.loc["ngo", "status"] == "under"
    assert gaps.loc["ngo", "share_last"] == pytest.approx(0.1)
    # education: 1/6 before, 1/10 now — lower, but not below half
    assert gaps.loc["education", "status"] == "ok"


def test_sectors_missing_and_under_represented_at_the_last_workshop_told_apart():
    """What the page "Uczestnictwo sektorów" warns of: nobody from business and local government at
    Jabłonna; NGOs 10,0% there against 33,3% before (seven more from health came)."""
    assert m.sector_gaps_at_last(m.View(_dataset())) == m.SectorGaps(("local_government", "business"), ())
    data = _dataset()
    extra = pd.DataFrame([("2020", 3, f"x{i}", "Przychodnia X", "health", "serock", "", "") for i in range(7)],
                         columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role", "group"])
    view = m.View(Dataset(data.workshops, pd.concat([data.attendance, extra], ignore_index=True), data.proposals))
    gaps = m.sector_gaps_at_last(view)
    assert gaps.absent == ("local_government", "business")
    assert [(sector, percent(last, 1), percent(before, 1)) for sector, last, before in gaps.under] == [
        ("ngo", "10,0%", "33,3%")]
    assert m.sector_gaps_at_last(m.View(_dataset(), m.Filters(workshops=(3,)))) == m.SectorGaps((), ())


def test_sector_shares(view):
    by_workshop = m.sector_by_workshop(view)
    assert by_workshop[by_workshop["workshop"] == 1]["share"].sum() == pytest.approx(1)
    cycle = m.sector_share_cycle(view).set_index("sector")
    assert cycle.loc["ngo", "participants"] == 3 and cycle.loc["ngo", "share"] == pytest.approx(3 / 9)


def test_origin(view):
    frame = m.origin_by_workshop(view)
    w1 = frame[frame["workshop"] == 1].set_index("origin")
    assert w1.loc["serock", "participants"] == 2 and bool(w1.loc["serock", "local"])
    assert w1.loc["legionowo", "share"] == pytest.approx(1 / 3)


def _counts(view: m.View, by: str, min_size: int) -> list[list[object]]:
    """The suppressed table as plain rows; None where a count is suppressed."""
    table = m.participants_by(view, by, min_size).table
    return [[None if v is pd.NA else v for v in row] for row in table.astype(object).values.tolist()]


def test_counts_by_group_are_whole_groups_with_small_ones_suppressed(view):
    counts = m.participants_by(view, "institution", 1)
    assert counts.workshops == (1, 2, 3)  # held workshops only, not the planned 4th
    assert list(counts.table.columns) == ["group", "sector", 1, 2, 3, "cycle"]
    # threshold 1: nothing suppressed; an institution typed two ways is one row, written as most often
    assert _counts(view, "institution", 1) == [
        ["Firma B sp. z o.o.", "business", 1, 1, 0, 1], ["Fundacja A", "ngo", 1, 1, 1, 1],
        ["Przychodnia E", "health", 0, 0, 1, 1], ["Szkoła D", "education", 0, 1, 1, 1],
        ["Urząd Gminy Serock", "local_government", 1, 0, 0, 1]]
    # threshold 2: every count of 1 is suppressed, a zero stays a zero
    assert _counts(view, "institution", 2)[1] == ["Fundacja A", "ngo", None, None, None, None]
    assert _counts(view, "gmina", 2) == [["legionowo", None, None, 0, None], ["jablonna", 0, 0, None, None],
                                         ["serock", 2, None, None, 2], ["outside", 0, None, None, None]]
    assert _counts(view, "sector", 3)[0] == ["local_government", None, 0, 0, None]
    # no count below the threshold survives, whatever the grouping
    for by in m.GROUPINGS:
        table = m.participants_by(view, by, 3).table
        values = table[[1, 2, 3, "cycle"]].astype(object).values.ravel()
        assert not any(v is not pd.NA and 0 < v < 3 for v in values)


def test_counts_by_group_of_unwritten_and_oddly_written_rows():
    """No institution written (empty, spaces, a dash): one group "" listed last, shown as most often written; a name
    with spaces around is the name; a tie in how a name is written: the first in sorted order; a missing gmina or
    sector: "unknown", "other"; a filter that leaves nothing: no rows."""
    workshops, attendance, proposals = _frames()
    attendance.loc[attendance["person"] == "cat", "institution"] = None
    attendance.loc[attendance["person"] == "eve", "institution"] = " - "
    attendance.loc[(attendance["person"] == "dan") & (attendance["workshop"] == 2), "institution"] = "  szkoła d "
    attendance.loc[attendance["person"] == "bob", ["gmina", "sector"]] = None
    view = m.View(Dataset(workshops, attendance, proposals))
    assert _counts(view, "institution", 1) == [
        ["Firma B sp. z o.o.", "other", 1, 1, 0, 1],  # no sector written: "other", as when grouped by sector
        ["Fundacja A", "ngo", 1, 1, 1, 1],
        ["Szkoła D", "education", 0, 1, 1, 1],  # "Szkoła D" once, "szkoła d" once: the first in sorted order
        ["", "health", 1, 0, 1, 2]]  # cat (empty) and eve ("-"): one group, last; "" and "-" once each, sectors too
    assert _counts(view, "gmina", 1)[-1] == ["unknown", 1, 1, 0, 1]
    assert ["other", 1, 1, 0, 1] in _counts(view, "sector", 1)
    nothing = m.View(Dataset(workshops, attendance, proposals), m.Filters(sectors=("agriculture",)))
    for by in m.GROUPINGS:
        assert m.participants_by(nothing, by, 1).table.empty


def test_proposals(view):
    assert m.proposals_by_area(view).values.tolist() == [[1, 2], [2, 1], [3, 0], [4, 1]]
    assert m.area_by_workshop(view).values.tolist() == [[1, 1, 1], [1, 2, 1], [3, 1, 1], [3, 4, 1]]
    assert list(m.ranking_by_votes(view)["title"]) == ["Bon lokalny", "Inkubator"]
    statuses = m.proposals_by_status(view).set_index("status")["proposals"]
    assert statuses["to_vote"] == 3 and statuses["selected"] == 1 and statuses["done"] == 0
    assert list(m.search_proposals(view, "MŁODYCH")["title"]) == ["Inkubator"]
    assert len(m.search_proposals(view, statuses=("to_vote",))) == 3
    cumulative = m.proposals_cumulative_by_area(view)
    assert cumulative[(cumulative["area"] == 1)]["proposals"].tolist() == [1, 1, 2]


def test_next_workshop_and_remaining(view):
    upcoming = m.next_workshop(view)
    assert (upcoming.workshop, upcoming.gmina, upcoming.proposals_to_vote) == (4, "legionowo", 3)
    assert upcoming.status == "missing"  # its date (1.06.2020) has passed and no list was uploaded
    left = m.remaining(view)
    assert (left.workshops_left, left.planned, left.proposals_to_vote) == (1, (4,), 3)
    before = m.View(Dataset(*_frames(), as_of=dt.date(2020, 5, 2)))
    assert m.next_workshop(before).status == "planned" and m.missing_lists(before) == []


def test_the_next_workshop_follows_the_schedule_not_which_lists_exist():
    """Only workshop 3's list: 1 and 2 are missing lists, 4 is next, 4 and 5 remain, all in number order."""
    workshops, attendance, proposals = _frames()
    workshops = pd.concat([workshops, pd.DataFrame({
        "cycle": ["2020"], "workshop": pd.array([5], dtype="Int64"), "date": [dt.date(2020, 7, 1)],
        "gmina": ["nieporet"], "venue": [""], "title": [""]})], ignore_index=True)
    only_third = attendance[attendance["workshop"] == 3]
    view = m.View(Dataset(workshops, only_third, proposals.iloc[0:0], as_of=dt.date(2020, 5, 2)))
    assert view.schedule["workshop"].tolist() == [1, 2, 3, 4, 5]
    assert view.schedule["status"].tolist() == ["missing", "missing", "held", "planned", "planned"]
    assert m.next_workshop(view).workshop == 4 and m.remaining(view).planned == (4, 5)
    assert m.missing_lists(view) == [1, 2]
    assert m.participants_by_workshop(view)["workshop"].tolist() == [1, 2, 3, 4, 5]


def test_filters_narrow_every_number():
    view = m.View(_dataset(), m.Filters(sectors=("ngo", "education")))
    o = m.overview(view)
    assert (o.unique_participants, o.participants_last, o.sectors_represented, o.proposals) == (2, 2, 2, 1)
    assert m.new_and_returning(view).values.tolist() == [[1, 1, 0], [2, 1, 1], [3, 0, 2]]
    view = m.View(_dataset(), m.Filters(workshops=(2, 3), gminas=("outside",)))
    assert m.participants_by_workshop(view)["participants"].tolist() == [1, 1]
    assert m.new_and_returning(view).values.tolist() == [[2, 1, 0], [3, 0, 1]]


def test_filter_that_leaves_nothing():
    view = m.View(_dataset(), m.Filters(sectors=("agriculture",)))
    o = m.overview(view)
    assert (o.unique_participants, o.institutions, o.sectors_represented, o.proposals) == (0, 0, 0, 0)
    assert o.participants_last == 0 and o.workshops_held == 3
    assert m.sector_by_workshop(view).empty and m.balance_by_workshop(view).empty
    assert m.sector_share_cycle(view).empty and m.origin_by_workshop(view).empty
    assert m.proposals_by_area(view)["proposals"].sum() == 0 and m.ranking_by_votes(view).empty
    assert m.cumulative_unique(view)["participants"].tolist() == [0, 0, 0]


def test_empty_dataset_does_not_fail():
    data = _dataset()
    empty = Dataset(data.workshops, data.attendance.iloc[0:0], data.proposals.iloc[0:0])
    view = m.View(empty)
    o = m.overview(view)
    assert (o.workshops_held, o.last_workshop, o.participants_last, o.unique_participants) == (0, None, None, 0)
    assert m.next_workshop(view) is None and m.missing_lists(view) == [1, 2, 3, 4]  # all dates have passed
    early = m.View(Dataset(data.workshops, data.attendance.iloc[0:0], data.proposals.iloc[0:0],
                           as_of=dt.date(2020, 1, 15)))
    assert m.next_workshop(early).workshop == 1 and m.remaining(early).planned == (1, 2, 3, 4)
    assert m.flow(view).empty and m.sector_gaps(view).empty


def test_proposals_to_vote_and_their_areas(view):
    assert m.proposals_to_vote(view)["title"].tolist() == ["Targ", "Marka", "Bez obszaru"]
    assert m.to_vote_by_area(view).to_dict("list") == {"area": [1, 2, 3, 4], "proposals": [1, 0, 0, 1]}
    narrowed = m.View(_dataset(), m.Filters(workshops=(1,)))
    assert m.proposals_to_vote(narrowed).empty and m.to_vote_by_area(narrowed)["proposals"].sum() == 0
