"""The participation charts (``analysis.charts.participation``) at any size."""

from __future__ import annotations

from analysis import charts, metrics
from tests.helpers import small_cycle


def test_timeline_markers_stay_on_the_chart_at_any_size():
    """At a million rows a workshop has 250 000 participants: its marker must not cover the chart."""
    view = metrics.View(small_cycle())
    frame = metrics.timeline(view)
    small = charts.timeline_chart(frame, {1: "1.", 2: "2.", 3: "3."}).data[0].marker.size
    frame["participants"] = frame["participants"].where(frame["participants"].isna(), 250_000)
    big = charts.timeline_chart(frame, {1: "1.", 2: "2.", 3: "3."}).data[0].marker.size
    assert max(big) == 60 and small[0] < small[1] < 60  # more people, larger; never beyond 60 px
