"""The shared counting steps of the metrics (``analysis.metrics._counting``): an institution's or a
person's most frequent sector, ties broken by the sorted order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.metrics import _counting as counting


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
    assert counting.mode(keys, values).to_dict() == expected
