"""The show of the presentation page: a cycle is compared only with the cycle before it."""

from __future__ import annotations

from analysis import charts, metrics, report


def test_a_show_compares_its_cycle_only_with_the_cycle_before(sample):
    made_2018 = {s.key: s for s in report.build(sample, cycle="2018").slides}
    made_2019 = {s.key: s for s in report.build(sample, cycle="2019").slides}
    assert made_2018["cycles"].headline == "—"  # 2019 had not happened in 2018
    assert made_2018["cycles"].message == charts.EMPTY["previous_cycle"]
    assert made_2019["cycles"].headline == "2018 i 2019"
    assert metrics.previous_cycle(sample, "2019") == "2018" and metrics.previous_cycle(sample, "2018") is None
    assert metrics.other_cycle(sample, "2018") == "2019"  # the page still offers the later one to compare
