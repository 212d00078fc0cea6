"""Whom to invite next: each sector's or gmina's share at the last workshop beside its reference.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts._base import figure
from analysis.display import share as _share_text
from analysis.palette import ALERT, BORDER, INK, PRIMARY
from analysis.vocabulary import (
    GMINA_LABELS,
    SECTOR_LABELS,
)

INVITE_STATUS_LABELS = {"absent": "nieobecny", "under": "słabo reprezentowany", "ok": "w normie"}


def invite_chart(frame: pd.DataFrame, kind: str, last_name: str, next_name: str) -> go.Figure:
    """Each sector's (or gmina's) share at the last workshop beside its reference; the weak ones in red."""
    labels_of = SECTOR_LABELS if kind == "sector" else GMINA_LABELS
    ordered = frame.iloc[::-1]
    labels = [labels_of.get(c, c) for c in ordered["code"]]
    what = "sektory" if kind == "sector" else "gminy pochodzenia"
    fig = figure(f"Kogo zaprosić na warsztat {next_name}: {what}", height=max(380, 52 * len(frame) + 160))
    reference = ["cel biura" if not pd.isna(t) else "dotychczasowy cykl" for t in ordered["target"]]
    fig.add_bar(y=labels, x=ordered["reference"], orientation="h", name="odniesienie (cel biura lub cały cykl)",
                marker_color=BORDER, text=[f"{_share_text(v)} ({r})" for v, r in
                                           zip(ordered["reference"], reference, strict=True)],
                textposition="outside", cliponaxis=False, textfont={"color": INK},
                hovertemplate="%{y}, odniesienie: %{x:.1%}<extra></extra>")
    fig.add_bar(y=labels, x=ordered["last_share"], orientation="h",
                name=f"warsztat {last_name} (na czerwono: za mało)",
                marker_color=[ALERT if s != "ok" else PRIMARY for s in ordered["status"]],
                text=[f"{_share_text(v)}" + (f", brakuje {n} os." if n else "")
                      for v, n in zip(ordered["last_share"], ordered["shortfall"], strict=True)],
                textposition="outside", cliponaxis=False, textfont={"color": INK},
                hovertemplate=f"%{{y}}, warsztat {last_name}: %{{x:.1%}}<extra></extra>")
    largest = float(max(frame["reference"].max(), frame["last_share"].max())) if not frame.empty else 0.1
    fig.update_layout(barmode="group", xaxis={"tickformat": ".0%", "range": [0, largest * 1.6 + 0.02]},
                      legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}, margin={"t": 110})
    return fig
