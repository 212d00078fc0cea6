"""Cycle beside cycle (``analysis.metrics.cycles``): the totals of two cycles and their change, as the page
"Cykl do cyklu" shows them on its cards ("134 → 112", -22)."""

from __future__ import annotations

from analysis import metrics
from analysis.display import signed


def test_the_change_of_each_total_from_the_first_cycle_to_the_second(sample_dataset):
    comparison = metrics.compare_cycles(sample_dataset, "2018", "2019")
    assert comparison.change("unique_participants") == (134, 112, -22)
    assert comparison.change("participants") == (86 + 93 + 101, 72 + 80 + 77, -51)
    assert comparison.change("workshops_held") == (3, 3, 0)
    assert [signed(comparison.change(t)[2]) for t in ("unique_participants", "workshops_held")] == ["-22", "0"]
    reverse = metrics.compare_cycles(sample_dataset, "2019", "2018")
    assert reverse.change("unique_participants") == (112, 134, 22) and signed(22) == "+22"
