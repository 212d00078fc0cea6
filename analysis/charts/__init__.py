"""Tidy frames from ``metrics`` -> plotly figures, all in one visual template (``_base``).

Functions here draw the frames they are given; they never compute a number. The charts live by the
same themes as ``analysis.metrics``: ``participation``, ``proposals``, ``people``, ``cooperation``,
``invite``, ``cycles``. A chart with nothing to draw says so with its sentence in ``EMPTY``.
"""

from analysis.charts._base import EMPTY, FONT, PLOTLY_CONFIG, TEMPLATE_NAME
from analysis.charts.cooperation import diversity_chart, multi_sector_chart, sector_matrix_chart
from analysis.charts.cycles import cycle_sectors_chart, cycle_workshops_chart
from analysis.charts.invite import INVITE_STATUS_LABELS, invite_chart
from analysis.charts.participation import (
    BELOW_Y,
    GMINA_SHAPES,
    GROUP_SHORT,
    LABELLED_BELOW,
    OUTSIDE_BOX,
    balance_chart,
    balance_gaps_chart,
    origin_chart,
    participants_bar,
    per_10k_map,
    sector_by_workshop_chart,
    sector_gaps_chart,
    sector_share_chart,
    timeline_chart,
)
from analysis.charts.people import cohort_chart, cumulative_chart, flow_chart, new_returning_chart, return_rate_chart
from analysis.charts.proposals import (
    NBSP,
    RANKING_LINE_CHARS,
    STAGE_LABELS,
    area_by_workshop_chart,
    area_chart,
    group_chart,
    lead_sector_chart,
    proposals_cumulative_chart,
    ranking_chart,
    status_chart,
    status_over_time_chart,
    status_reached_chart,
    votes_spread_chart,
)

__all__ = [
    "BELOW_Y",
    "EMPTY",
    "FONT",
    "GMINA_SHAPES",
    "GROUP_SHORT",
    "INVITE_STATUS_LABELS",
    "LABELLED_BELOW",
    "NBSP",
    "OUTSIDE_BOX",
    "PLOTLY_CONFIG",
    "RANKING_LINE_CHARS",
    "STAGE_LABELS",
    "TEMPLATE_NAME",
    "area_by_workshop_chart",
    "area_chart",
    "balance_chart",
    "balance_gaps_chart",
    "cohort_chart",
    "cumulative_chart",
    "cycle_sectors_chart",
    "cycle_workshops_chart",
    "diversity_chart",
    "flow_chart",
    "group_chart",
    "invite_chart",
    "lead_sector_chart",
    "multi_sector_chart",
    "new_returning_chart",
    "origin_chart",
    "participants_bar",
    "per_10k_map",
    "proposals_cumulative_chart",
    "ranking_chart",
    "return_rate_chart",
    "sector_by_workshop_chart",
    "sector_gaps_chart",
    "sector_matrix_chart",
    "sector_share_chart",
    "status_chart",
    "status_over_time_chart",
    "status_reached_chart",
    "timeline_chart",
    "votes_spread_chart",
]
