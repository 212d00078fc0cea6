"""Who comes back (``analysis.metrics.people``), counted by codes, against the plain definitions on
random attendance: cohorts, unique persons so far, flows, new and returning; and institutions."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pandas as pd
import pytest

from analysis import metrics
from analysis.dataset import Dataset
from analysis.vocabulary import fold
from tests.helpers import small_cycle


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
    folded = {fold(n) for n in frame["institution"].dropna()} - {""}
    assert metrics.institutions(view) == len(folded)
