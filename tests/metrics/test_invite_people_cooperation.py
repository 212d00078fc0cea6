"""Whom to invite, who comes back, how sectors work together: numbers counted by hand
on ``tests.helpers.small_cycle``, the same in metrics, the JSON of ``python -m analysis metrics``, the reports.

The small cycle: 1. Serock (ann ngo, bob business, cat local_government) and 2. Wieliszew (ann, bob,
dan education, eve health) held, 3. Jabłonna next. Proposals (lead; partners → sectors):
  P1 w1 area 1: Fundacja A (ngo); Urząd Gminy Serock (lg, on the lists), Firma B sp. z o.o. (business) → 3 sectors
  P2 w1 area 2: Firma B (business); no partners → 1 sector
  P3 w2 area 1: no lead; Szkoła D (education, on the lists), Koło Gospodyń Wiejskich w Z (not on the lists,
                ngo by its name) → 2 sectors
  P4 w2 area 3: no lead; Stowarzyszenie Q (ngo by name), Fundacja A (ngo), Zakątek (unknown: other) → 1 sector
Ties (each pair on one proposal): P1 ngo–lg, ngo–business, lg–business; P3 education–ngo; P4 ngo–ngo,
ngo–other twice. Without "other": 4 external, 1 internal.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from analysis import glossary, metrics, metrics_json, report
from analysis.dataset import Dataset
from tests import commands
from tests.helpers import small_cycle


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url


@pytest.fixture(scope="module")
def data() -> Dataset:
    return small_cycle()


@pytest.fixture
def view(data) -> metrics.View:
    return metrics.View(data)


def with_targets(data: Dataset, rows: list[tuple[str, str, float]]) -> Dataset:
    targets = pd.DataFrame([("2021", kind, code, share) for kind, code, share in rows],
                           columns=["cycle", "kind", "code", "share"])
    return Dataset(data.workshops, data.attendance, data.proposals, as_of=data.as_of, targets=targets)


# --- how sectors work together ---------------------------------------------------------------------------


def test_partners_are_split_on_commas_semicolons_and_new_lines():
    assert metrics.split_partners("A; B,C\nD\r\n E ;;") == ["A", "B", "C", "D", "E"]
    assert metrics.split_partners("") == [] and metrics.split_partners(None) == []
    assert metrics.split_partners(float("nan")) == [] and metrics.split_partners(pd.NA) == []


def test_each_member_has_the_sector_of_the_lists_else_of_its_name_else_other(view):
    members = metrics.proposal_members(view)
    found = {(int(p), r, n): s for p, r, n, s in zip(members["proposal"], members["role"], members["name"],
                                                     members["sector"], strict=True)}
    assert found == {
        (0, "lead", "Fundacja A"): "ngo", (0, "partner", "Urząd Gminy Serock"): "local_government",
        (0, "partner", "Firma B sp. z o.o."): "business",
        (1, "lead", "Firma B"): "business",  # no partners: the lead alone
        (2, "partner", "Szkoła D"): "education", (2, "partner", "Koło Gospodyń Wiejskich w Z"): "ngo",
        (3, "partner", "Stowarzyszenie Q"): "ngo", (3, "partner", "Fundacja A"): "ngo",
        (3, "partner", "Zakątek"): "other",  # on no list, and its name does not tell
    }


def test_a_partner_named_twice_or_also_the_lead_is_one_member(data):
    proposals = data.proposals.copy()
    proposals["partners"] = ["FUNDACJA A; Urząd Gminy Serock, urzad gminy serock", "", "", ""]
    view = metrics.View(Dataset(data.workshops, data.attendance, proposals, as_of=data.as_of))
    members = metrics.proposal_members(view)
    assert list(members.loc[members["proposal"] == 0, "name"]) == ["Fundacja A", "Urząd Gminy Serock"]


def test_shares_of_proposals_spanning_two_and_three_sectors(view):
    spanned = metrics.multi_sector(view)
    assert (spanned.proposals, spanned.at_least_2, spanned.at_least_3) == (4, 2, 1)
    assert (spanned.share_2, spanned.share_3) == (0.5, 0.25)
    by_area = metrics.multi_sector_by(view, "area")
    assert by_area["proposals"].tolist() == [2, 1, 1, 0]
    assert by_area["share_2"].tolist()[:3] == [1.0, 0.0, 0.0] and pd.isna(by_area["share_2"].iloc[3])
    assert by_area["share_3"].tolist()[:3] == [0.5, 0.0, 0.0]
    by_workshop = metrics.multi_sector_by(view, "workshop")
    assert by_workshop[["workshop", "share_2", "share_3"]].values.tolist() == [[1, 0.5, 0.5], [2, 0.5, 0.0]]


def test_sector_matrix_counts_every_pair_on_a_proposal(view):
    pairs = {(a, b): n for a, b, n in metrics.sector_pairs(view).itertuples(index=False)}
    assert pairs == {("local_government", "business"): 1, ("local_government", "ngo"): 1,
                     ("business", "ngo"): 1, ("education", "ngo"): 1, ("ngo", "ngo"): 1, ("ngo", "other"): 2}
    matrix = metrics.sector_matrix(view)
    assert matrix.loc["ngo", "local_government"] == matrix.loc["local_government", "ngo"] == 1
    assert matrix.loc["ngo", "ngo"] == 1 and matrix.loc["other", "ngo"] == 2
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()


def test_ei_index_of_ties_between_sectors(view):
    assert metrics.ei_index(view) == pytest.approx((4 - 1) / (4 + 1))
    per_workshop = metrics.ei_by_workshop(view)
    assert per_workshop.values.tolist() == [[1, 3, 0, 1.0], [2, 1, 1, 0.0]]


def test_no_partners_no_ties_and_no_index(data):
    proposals = data.proposals.assign(partners="")
    view = metrics.View(Dataset(data.workshops, data.attendance, proposals, as_of=data.as_of))
    assert metrics.ei_index(view) is None and metrics.sector_matrix(view).empty
    assert metrics.multi_sector(view).at_least_2 == 0


def test_blau_index_of_each_workshops_sector_mix(view):
    frame = metrics.blau_by_workshop(view)
    assert frame["workshop"].tolist() == [1, 2]
    assert frame["index"].tolist() == pytest.approx([1 - 3 * (1 / 3) ** 2, 1 - 4 * (1 / 4) ** 2])


# --- who comes back ------------------------------------------------------------------------------------


def test_cohort_of_people_and_of_institutions(view):
    people = metrics.cohort(view)
    assert people.values.tolist() == [[1, 3, 2, 2, pytest.approx(2 / 3)]]  # ann and bob, at every workshop
    institutions = metrics.cohort_institutions(view)
    assert institutions.values.tolist() == [[1, 3, 2, 2, pytest.approx(2 / 3)]]  # Urząd Gminy Serock stopped


def test_cohort_of_three_workshops_is_counted_per_pair(data):
    extra = pd.DataFrame([("2021", 3, "ann", "Fundacja A", "ngo", "serock", "", ""),
                          ("2021", 3, "cat", "Urząd Gminy Serock", "local_government", "serock", "", "")],
                         columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role", "group"])
    attendance = pd.concat([data.attendance.drop(columns=["person_id"]), extra], ignore_index=True)
    attendance["workshop"] = attendance["workshop"].astype("Int64")
    view = metrics.View(Dataset(data.workshops, attendance, data.proposals, as_of=data.as_of))
    cohort = metrics.cohort(view)
    assert cohort[["workshop", "attended", "later", "people"]].values.tolist() == [
        [1, 3, 2, 2], [1, 3, 3, 2], [2, 4, 3, 1]]  # 1→3: ann and cat; 2→3: ann
    rates = metrics.return_rate_by_sector(view)
    assert {s: (p, r) for s, p, r in rates[["sector", "people", "returned"]].values.tolist()} == {
        "local_government": (1, 1), "business": (1, 1), "education": (1, 0), "ngo": (1, 1), "health": (1, 0)}


def test_return_rate_by_sector(view):
    rates = metrics.return_rate_by_sector(view)
    # who could come back (first at Serock): ann ngo (did), bob business (did), cat local_government (did not)
    assert rates.values.tolist() == [["local_government", 1, 0, 0.0], ["business", 1, 1, 1.0], ["ngo", 1, 1, 1.0]]


# --- whom to invite next -----------------------------------------------------------------------------


def test_sectors_to_invite_against_the_cycle_so_far(view):
    assert metrics.invite_for(view) == 3
    frame = metrics.representation(view, "sector").set_index("code")
    # the cycle so far: 7 participations (ngo 2, business 2, lg 1, education 1, health 1); Wieliszew: 4
    assert frame.loc["local_government"].tolist() == [0, 0.0, 1 / 7, None, 1 / 7, 1, "absent"]
    assert frame.loc["business"].tolist() == [1, 0.25, 2 / 7, None, 2 / 7, 0, "ok"]  # 25% ≥ 80% of 28.6%
    assert frame.loc["education", "status"] == "ok" and "agriculture" not in frame.index


def test_sectors_and_gminas_to_invite_against_the_offices_targets(data):
    view = metrics.View(with_targets(data, [("sector", "business", 0.5), ("gmina", "wieliszew", 0.25)]))
    sectors = metrics.representation(view, "sector").set_index("code")
    assert sectors.loc["business", ["target", "reference", "status", "shortfall"]].tolist() == [0.5, 0.5, "under", 1]
    gminas = metrics.representation(view, "gmina").set_index("code")
    # Serock: 3 of 7 so far, 1 of 4 at Wieliszew: 25% < 80% of 42.9% → one more person
    assert gminas.loc["serock", ["last", "reference", "status", "shortfall"]].tolist() == [1, 3 / 7, "under", 1]
    assert gminas.loc["wieliszew", ["last", "target", "status", "shortfall"]].tolist() == [0, 0.25, "absent", 1]


def test_institutions_that_stopped_coming(view):
    frame = metrics.invite_institutions(view)
    assert frame.values.tolist() == [["Urząd Gminy Serock", "local_government", "serock", (1,)]]


def test_nothing_to_invite_before_two_held_workshops(data):
    view = metrics.View(data, metrics.Filters(workshops=(1,)))
    assert metrics.invite_institutions(view).empty and metrics.cohort(view).empty
    assert metrics.return_rate_by_sector(view).empty
    assert metrics.invite_for(view) == 2 and metrics.representation(view, "sector")["status"].eq("ok").all()


# --- the JSON of every glossary number -------------------------------------------------------------------


def test_every_glossary_key_is_a_number_of_the_json_or_a_listed_exception(view):
    document = metrics_json.document(view)
    assert set(metrics_json.NUMBERS) | set(metrics_json.NOT_FROM_VIEW) == set(glossary.GLOSSARY)
    assert not set(metrics_json.NUMBERS) & set(metrics_json.NOT_FROM_VIEW)
    assert set(document) == set(metrics_json.NUMBERS) | set(metrics_json.META_KEYS) | set(metrics_json.CHECKIN_KEYS) \
        | set(metrics_json.SURVEY_KEYS)
    assert not set(metrics_json.META_KEYS) & set(glossary.GLOSSARY)
    assert set(metrics_json.CHECKIN_KEYS) <= set(metrics_json.NOT_FROM_VIEW) & set(glossary.GLOSSARY)
    assert document["checked_in"] == {}  # no check-in at the door
    json.dumps(document, allow_nan=False)  # plain JSON: no NaN, no numpy types
    for key in ("participants", "unique_participants", "returning_participants", "institutions", "proposals_by_area",
                "proposals_multi_sector_2", "proposals_multi_sector_3", "sector_pairs", "ei_index", "blau_index",
                "cohort", "return_rate_by_sector", "invite_institutions"):
        assert key in document


def test_the_json_has_the_hand_counted_numbers(view):
    d = json.loads(json.dumps(metrics_json.document(view)))
    assert d["cycle"] == "2021" and d["participants"] == {"1": 3, "2": 4} and d["unique_participants"] == 5
    assert d["returning_participants"] == {"1": {"returning": 0, "new": 3}, "2": {"returning": 2, "new": 2}}
    assert d["institutions"] == 5 and d["proposals_by_area"] == {"1": 2, "2": 1, "3": 1, "4": 0}
    assert d["proposals_multi_sector_2"] == {"all": 0.5, "proposals": 4, "by_workshop": {"1": 0.5, "2": 0.5},
                                             "by_area": {"1": 1.0, "2": 0.0, "3": 0.0, "4": None}}
    assert d["proposals_multi_sector_3"]["all"] == 0.25
    assert d["sector_pairs"]["ngo"] == {"local_government": 1, "business": 1, "education": 1, "ngo": 1, "other": 2}
    assert d["ei_index"] == {"all": pytest.approx(0.6), "by_workshop": {"1": 1.0, "2": 0.0}}
    assert d["blau_index"]["by_workshop"] == {"1": pytest.approx(2 / 3), "2": 0.75}
    assert d["cohort"] == {"1": {"attended": 3, "later": {"2": 2}}}
    assert d["cohort_institutions"] == {"1": {"attended": 3, "later": {"2": 2}}}
    assert d["return_rate_by_sector"]["local_government"] == {"people": 1, "returned": 0, "rate": 0.0}
    assert d["invite_institutions"] == [{"institution": "Urząd Gminy Serock", "sector": "local_government",
                                         "gmina": "serock", "workshops": [1]}]
    assert d["invite_sectors"]["for_workshop"] == 3
    assert d["invite_sectors"]["by_code"]["local_government"]["status"] == "absent"
    assert d["targets"] == {"sector": {}, "gmina": {}}


# --- the reports show the same numbers -------------------------------------------------------------------


def test_the_reports_show_the_same_numbers(data):
    from openpyxl import load_workbook

    made = report.build(data)  # for workshop 3: both held workshops
    by_key = {s.key: s for s in made.slides}
    cooperation = by_key["cooperation"]
    assert cooperation.headline == "50% propozycji" and "co najmniej dwóch sektorów: 2 z 4;" in cooperation.message
    assert cooperation.data["Co najmniej 2 sektory"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert "z co najmniej trzech: 1 (25%)" in cooperation.message and "+0,60" in cooperation.message
    assert by_key["cohort"].headline == "2 z 3 osób"
    assert by_key["cohort"].data.values.tolist() == [["1. Serock → 2. Wieliszew", 3, 2]]
    assert by_key["cohort_institutions"].data.values.tolist() == [["1. Serock → 2. Wieliszew", 3, 2]]
    assert by_key["diversity"].data.values.tolist() == [["1. Serock", 1.0, pytest.approx(2 / 3)],
                                                         ["2. Wieliszew", 0.0, 0.75]]
    assert by_key["invite_institutions"].data.values.tolist() == [["Samorząd (gminy i powiat)", 1]]
    assert "Samorząd (gminy i powiat)" in by_key["invite_sectors"].message
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    assert [c.value for c in wb["Kogo zaprosić - instytucje"][2]] == [
        "Urząd Gminy Serock", "Samorząd (gminy i powiat)", "Serock", "1. Serock", 1]
    assert [c.value for c in wb["Indeksy E-I i Blaua"]["C"]][1:] == [pytest.approx(2 / 3), 0.75]
    page = report.to_html(made)
    assert "Urząd Gminy Serock" not in page  # the HTML report counts the institutions, never names them
    assert "co najmniej dwóch sektorów: 2 z 4" in page


def test_the_invite_list_downloads_as_xlsx(view):
    from openpyxl import load_workbook

    from analysis.report.xlsx import invite_xlsx

    data = invite_xlsx(metrics.invite_institutions(view), {1: "1. Serock", 2: "2. Wieliszew"}, "Lista")
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[4]] == ["Instytucja", "Sektor", "Gmina", "Warsztaty, na których była",
                                        "Liczba warsztatów"]
    assert [c.value for c in ws[5]] == ["Urząd Gminy Serock", "Samorząd (gminy i powiat)", "Serock", "1. Serock", 1]


# --- the command line ---------------------------------------------------------------------------------


def run(tmp_path, *args: str) -> commands.Done:
    import os

    env = dict(os.environ, PARTNERSTWO_DATA_DIR=str(tmp_path / "data"))
    env.pop("DATABASE_URL", None)
    return commands.run(*args, env=env)


def test_metrics_command_prints_the_json_of_the_pages(tmp_path, sample_folder):
    done = run(tmp_path, "metrics", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["cycle"] == "2018" and document["participants"] == {"1": 86, "2": 93, "3": 101}
    assert document["unique_participants"] == 134 and document["institutions"] == 44
    assert set(glossary.GLOSSARY) - set(metrics_json.NOT_FROM_VIEW) <= set(document)
    one = json.loads(run(tmp_path, "metrics", "--cycle", "2018", "--workshop", "3", "--json").stdout)
    assert one["workshops"] == [3] and one["participants"] == {"3": 101}


@pytest.mark.parametrize(("args", "sentence"), [
    (("--cycle", "2017"), "W magazynie nie ma cyklu „2017”. Cykle w magazynie: 2018, 2019."),
    (("--workshop", "9"), "W cyklu 2018 nie ma warsztatu 9."),
])
def test_metrics_command_refuses_an_unknown_cycle_or_workshop(tmp_path, sample_folder, args, sentence):
    done = run(tmp_path, "metrics", *args, "--json")
    assert done.returncode == 1 and sentence in done.stderr and done.stdout == ""
    assert "Traceback" not in done.stderr


def test_metrics_command_wrong_usage_exits_2(tmp_path):
    done = run(tmp_path, "metrics", "--workshop", "trzy")
    assert done.returncode == 2 and "python -m analysis metrics" in done.stderr


# --- the office's target mix, saved in the store -------------------------------------------------------


def test_targets_are_saved_per_cycle_and_kind_and_change_the_reference(url):
    from analysis.errors import UserError
    from tests.stores import store_at

    store = store_at(url)
    before = store.version()
    store.save_targets("2021", "sector", {"business": 0.5, "ngo": 0.25, "health": 0.0})
    store.save_targets("2021", "gmina", {"serock": 0.4})
    store.save_targets("2022", "sector", {"ngo": 1.0})
    assert store.version() != before  # the pages' cached dataset is read again
    saved = store.dataset().targets
    assert sorted(map(tuple, saved[["cycle", "kind", "code", "share"]].values.tolist())) == [
        ("2021", "gmina", "serock", 0.4), ("2021", "sector", "business", 0.5), ("2021", "sector", "ngo", 0.25),
        ("2022", "sector", "ngo", 1.0)]  # an empty share (0) is no target
    store.save_targets("2021", "sector", {"education": 0.1})  # replaces the cycle's sector targets, not its gminas'
    saved = store.dataset().targets
    assert sorted(saved.loc[saved["cycle"] == "2021", "code"]) == ["education", "serock"]
    for shares, words in (({"business": 0.7, "ngo": 0.5}, "sumują się do 120,0%"), ({"ngo": 1.5}, "od 0 do 100%"),
                          ({"ngo": -0.1}, "od 0 do 100%")):
        with pytest.raises(UserError) as refused:
            store.save_targets("2021", "sector", shares)
        assert refused.value.code == "targets_invalid" and words in refused.value.message
    assert sorted(store.dataset().targets["code"]) == ["education", "ngo", "serock"]  # a refusal changes nothing
    small = small_cycle()
    view = metrics.View(Dataset(small.workshops, small.attendance, small.proposals, as_of=small.as_of,
                                targets=store.dataset().targets))
    assert metrics.targets(view, "sector") == {"education": 0.1}
    assert metrics.representation(view, "sector").set_index("code").loc["education", "reference"] == 0.1


def test_the_sample_has_something_to_show_on_every_new_section(sample_dataset):
    sample = sample_dataset
    view = metrics.View(sample)
    members = metrics.proposal_members(view)
    partners = dict(zip(members.loc[members["role"] == "partner", "name"],
                        members.loc[members["role"] == "partner", "sector"], strict=True))
    assert partners["Bank Spółdzielczy w Legionowie"] == "business"  # on no list: its name tells
    assert partners["Nadleśnictwo Jabłonna"] == "other"  # on no list, name unknown
    assert partners["Legionowska Izba Gospodarcza"] == "chamber_of_commerce"  # as on the lists
    assert (sample.proposals["partners"].fillna("") == "").any()  # a proposal without partners
    assert sample.proposals["partners"].str.contains(";|\n", regex=True).any()
    assert not metrics.invite_institutions(view).empty  # institutions that stopped coming
    assert (metrics.representation(view, "sector")["status"] != "ok").any()  # an under-represented sector
    assert 0 < metrics.multi_sector(view).share_3 < metrics.multi_sector(view).share_2 < 1
