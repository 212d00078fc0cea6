"""Cycle beside cycle: participants of each workshop and the sectors' shares of two cycles.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts._base import empty, figure
from analysis.display import percent
from analysis.palette import CYCLE_COLORS
from analysis.vocabulary import (
    GMINA_LABELS,
    SECTOR_CODES,
    SECTOR_LABELS,
)


def cycle_workshops_chart(frame: pd.DataFrame, cycles: tuple[str, str], height: int = 480) -> go.Figure:
    """Participants of each held workshop of two cycles, side by side by the workshop's number."""
    fig = figure(f"Uczestnicy warsztatów: cykl {cycles[0]} i {cycles[1]}", height=height)
    if frame.empty:
        return empty(fig, "cycle_comparison")
    for cycle, color in zip(cycles, CYCLE_COLORS, strict=True):
        part = frame[frame["cycle"] == cycle]
        fig.add_bar(x=[f"Warsztat {int(w)}" for w in part["workshop"]], y=part["participants"], name=f"cykl {cycle}",
                    marker_color=color, text=part["participants"], textposition="outside", cliponaxis=False,
                    customdata=[GMINA_LABELS.get(str(g), str(g)) for g in part["gmina"]],
                    hovertemplate=f"cykl {cycle}, %{{x}} (%{{customdata}}): %{{y}} uczestników<extra></extra>")
    order = [f"Warsztat {w}" for w in sorted({int(w) for w in frame["workshop"]})]
    fig.update_layout(barmode="group", yaxis_title="uczestnicy", xaxis={"categoryorder": "array", "categoryarray": order},
                      yaxis_range=[0, max(1, int(frame["participants"].max())) * 1.2])
    return fig


def cycle_sectors_chart(frame: pd.DataFrame, cycles: tuple[str, str]) -> go.Figure:
    """Each sector's share of the participants of two cycles, side by side."""
    present = [c for c in SECTOR_CODES if c in set(frame["sector"])] if not frame.empty else []
    fig = figure(f"Udział sektorów: cykl {cycles[0]} i {cycles[1]}", height=max(420, 52 * len(present) + 160))
    if not present:
        return empty(fig, "cycle_comparison")
    labels = [SECTOR_LABELS[c] for c in present]
    for cycle, color in zip(cycles, CYCLE_COLORS, strict=True):
        part = frame[frame["cycle"] == cycle].drop_duplicates("sector").set_index("sector").reindex(present)
        shares = part["share"].fillna(0.0).astype(float)
        fig.add_bar(y=labels, x=shares, orientation="h", name=f"cykl {cycle}", marker_color=color,
                    text=[percent(s, 1) for s in shares], textposition="outside", cliponaxis=False,
                    hovertemplate=f"cykl {cycle}, %{{y}}: %{{x:.1%}}<extra></extra>")
    top = float(frame["share"].max())
    fig.update_layout(barmode="group", xaxis={"tickformat": ".0%", "range": [0, top * 1.3 + 0.02]},
                      yaxis={"categoryorder": "array", "categoryarray": labels[::-1]})
    return fig
