"""The cycle-over-cycle page with the sample's two cycles."""

from __future__ import annotations

from tests.helpers import figures, open_page


def test_cycle_over_cycle_page_compares_the_two_sample_cycles():
    at = open_page("views/cykle.py")
    assert not at.error
    values = {m.label: m.value for m in at.metric}
    assert values["Unikalni uczestnicy"] == "134 → 112"
    assert {m.label: m.delta for m in at.metric}["Unikalni uczestnicy"] == "-22"
    bars = figures(at)["Uczestnicy warsztatów: cykl 2018 i 2019"]["data"]
    assert [b["y"] for b in bars] == [[86, 93, 101], [72, 80, 77]]
    assert "Udział sektorów: cykl 2018 i 2019" in figures(at)
