"""Gender and age group as shares only, counted by hand, small groups suppressed.

Workshop 1 (7 people): 4 women, 2 men, 1 not given; ages: 3 under 30, 4 aged 30–44.
Workshop 2 (6 people): Ala and Bea again, 4 new; 4 women, 1 man, 1 other; 2 under 30, 4 aged 60+.
The cycle: 11 different people; Ala gave no gender at 1 and "kobieta" at 2, so she counts as a woman.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis import metrics_json
from analysis.dataset import Dataset
from analysis.metrics import View, attribute_shares, attribute_table

W1 = [  # person, gender, age group
    ("ala", None, "under_30"), ("bea", "female", "under_30"), ("cel", "female", "under_30"),
    ("dor", "female", "30_44"), ("ewa", "female", "30_44"), ("jan", "male", "30_44"), ("olek", "male", "30_44"),
]
W2 = [("ala", "female", "under_30"), ("bea", "female", "under_30"), ("zyg", "female", "60_plus"),
      ("uma", "female", "60_plus"), ("max", "male", "60_plus"), ("kim", "other", "60_plus")]


def _dataset(with_attributes: bool = True) -> Dataset:
    workshops = pd.DataFrame({
        "cycle": ["2020"] * 2, "workshop": pd.array([1, 2], dtype="Int64"),
        "date": [dt.date(2020, 3, 1), dt.date(2020, 4, 1)], "gmina": ["serock", "wieliszew"], "venue": [""] * 2,
        "title": [""] * 2,
    })
    rows = [("2020", w, p, "Inst " + p, "ngo", "serock", "", "", g, a)
            for w, people in ((1, W1), (2, W2)) for p, g, a in people]
    attendance = pd.DataFrame(rows, columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                             "group", "gender", "age_group"])
    if not with_attributes:
        attendance = attendance.drop(columns=["gender", "age_group"])
    proposals = pd.DataFrame(columns=["cycle", "workshop", "number", "group", "area", "title", "description", "lead",
                                      "lead_sector", "partners", "votes", "status"])
    return Dataset(workshops, attendance, proposals, as_of=dt.date(2020, 12, 1))


def _cells(frame: pd.DataFrame, attribute: str, scope: str, workshop: int | None = None) -> dict:
    part = frame[(frame["attribute"] == attribute) & (frame["scope"] == scope)]
    if workshop is not None:
        part = part[part["workshop"] == workshop]
    return {r.value: (None if pd.isna(r.people) else int(r.people), r.suppressed) for r in part.itertuples()}


def test_a_workshop_of_seven_by_hand():
    shares = attribute_shares(View(_dataset()))
    assert _cells(shares, "gender", "workshop", 1) == {
        "female": (4, ""), "male": (None, "small"), "other": (0, ""), "not_given": (None, "small")}
    women = shares[(shares["workshop"] == 1) & (shares["value"] == "female")]["share"].iloc[0]
    assert abs(women - 4 / 7) < 1e-9
    assert _cells(shares, "age_group", "workshop", 1) == {
        "under_30": (3, ""), "30_44": (4, ""), "45_59": (0, ""), "60_plus": (0, ""), "not_given": (0, "")}


def test_a_small_group_that_the_total_would_reveal_hides_the_smallest_other_one():
    shares = attribute_shares(View(_dataset()))
    # man 1 and other 1: "<3" twice summing to 2 would tell 1 each, so the women (4) are hidden too: then the
    # hidden three sum to 6 and each could be more than one count (women 3 or 4)
    assert _cells(shares, "gender", "workshop", 2) == {
        "female": (None, "hidden"), "male": (None, "small"), "other": (None, "small"), "not_given": (0, "")}
    # one small group alone (2 under 30) is the total minus the rest: the 60+ (4) are hidden with it
    assert _cells(shares, "age_group", "workshop", 2) == {
        "under_30": (None, "small"), "30_44": (0, ""), "45_59": (0, ""), "60_plus": (None, "hidden"),
        "not_given": (0, "")}


def test_the_cycle_counts_different_people_with_the_value_they_gave_last():
    shares = attribute_shares(View(_dataset()))
    # 11 people: women ala (given at 2), bea, cel, dor, ewa, zyg, uma = 7; men jan, olek, max = 3; other kim = 1.
    # kim alone would be told by the total; with the men (3) hidden the two sum to 4: kim 1, men 3 — told
    # again; so the women are hidden as well
    assert _cells(shares, "gender", "cycle") == {
        "female": (None, "hidden"), "male": (None, "hidden"), "other": (None, "small"), "not_given": (0, "")}
    assert _cells(shares, "age_group", "cycle") == {
        "under_30": (3, ""), "30_44": (4, ""), "45_59": (0, ""), "60_plus": (4, ""), "not_given": (0, "")}
    ages = shares[(shares["scope"] == "cycle") & (shares["attribute"] == "age_group")]
    assert abs(ages["share"].iloc[0] - 3 / 11) < 1e-9


def test_a_whole_row_is_hidden_when_nothing_else_would_do():
    # 5 people, 3 women, 1 man, 1 other: hiding the women still leaves them 3 (5 − 1 − 1): every group hidden
    from analysis.metrics.participation import _suppressed
    assert _suppressed([3, 1, 1, 0], 3) == ["hidden"] * 4
    assert _suppressed([10, 4, 3, 0], 3) == ["", "", "", ""]


def test_the_table_a_page_shows_has_no_figure_for_a_small_group():
    table = attribute_table(attribute_shares(View(_dataset())), "gender", {1: "1. Serock", 2: "2. Wieliszew"})
    assert list(table.columns) == ["Płeć", "1. Serock", "2. Wieliszew", "Cały cykl"]
    assert table["Płeć"].tolist() == ["Kobieta", "Mężczyzna", "Inna", "Nie podano"]
    assert table["1. Serock"].tolist() == ["57% (4)", "<3", "0", "<3"]
    assert table["2. Wieliszew"].tolist() == ["ukryto", "<3", "<3", "0"]
    assert table["Cały cykl"].tolist() == ["ukryto", "ukryto", "<3", "0"]


def test_lists_without_the_attributes_give_no_shares():
    assert attribute_shares(View(_dataset(with_attributes=False))).empty
    assert attribute_table(attribute_shares(View(_dataset(with_attributes=False))), "gender", {}).empty


def test_metrics_json_has_the_shares_and_no_figure_where_suppressed():
    document = metrics_json.document(View(_dataset()))
    gender = document["attribute_shares"]["gender"]
    assert gender["by_workshop"]["1"]["female"] == {"people": 4, "share": 4 / 7, "suppressed": ""}
    assert gender["by_workshop"]["1"]["male"] == {"people": None, "share": None, "suppressed": "small"}
