"""Who comes back: new and returning participants, unique ones so far, the flow between workshops,
cohorts and return rates by sector.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts._base import FONT, figure, sector_bars
from analysis.display import share as _share_text
from analysis.palette import ACCENT, BACKGROUND, BORDER, INK, NEUTRAL, PRIMARY, rgba


def new_returning_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = figure("Nowi i powracający uczestnicy")
    x = [names[w] for w in frame["workshop"]]
    fig.add_bar(x=x, y=frame["returning"], name="powracający", marker_color=PRIMARY,
                hovertemplate="%{x}: %{y} powracających<extra></extra>", text=frame["returning"])
    fig.add_bar(x=x, y=frame["new"], name="nowi", marker_color=ACCENT,
                hovertemplate="%{x}: %{y} nowych<extra></extra>", text=frame["new"])
    fig.update_layout(barmode="stack", yaxis_title="uczestnicy")
    return fig


def cumulative_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = figure("Narastająco: unikalni uczestnicy cyklu")
    fig.add_scatter(x=[names[w] for w in frame["workshop"]], y=frame["participants"], mode="lines+markers+text",
                    text=frame["participants"], textposition="top center", line={"color": PRIMARY, "width": 4},
                    marker={"size": 14}, hovertemplate="do %{x}: %{y} osób<extra></extra>", showlegend=False)
    fig.update_layout(yaxis_title="osoby", yaxis_rangemode="tozero")
    return fig


def flow_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    """A Sankey of people between consecutive held workshops."""
    fig = figure("Przepływ uczestników między warsztatami", height=460)
    nodes: list[str] = []
    colors: list[str] = []

    def node(label: str, color: str) -> int:
        if label not in nodes:
            nodes.append(label)
            colors.append(color)
        return nodes.index(label)

    source, target, value, link_colors = [], [], [], []
    for before, after, stayed, joined, left in zip(frame["source"], frame["target"], frame["stayed"], frame["joined"],
                                                   frame["left"], strict=True):
        a = node(names[before], PRIMARY)
        b = node(names[after], PRIMARY)
        for s, t, v, c in ((a, b, stayed, rgba(PRIMARY, 0.35)),
                           (node(f"przyszli na {names[after]} bez {names[before]}: {joined}", ACCENT),
                            b, joined, rgba(ACCENT, 0.5)),
                           (a, node(f"nie przyszli na {names[after]}: {left}", BORDER), left,
                            rgba(NEUTRAL, 0.35))):
            if v:
                source.append(s)
                target.append(t)
                value.append(int(v))
                link_colors.append(c)
    fig.add_trace(go.Sankey(
        node={"label": nodes, "color": colors, "pad": 24, "thickness": 22},
        link={"source": source, "target": target, "value": value, "color": link_colors,
              "hovertemplate": "%{source.label} → %{target.label}: %{value} os.<extra></extra>"},
        textfont={"size": 18, "family": FONT, "color": INK},
    ))
    return fig


def cohort_chart(frame: pd.DataFrame, names: dict[int, str], column: str = "people") -> go.Figure:
    """Of those at workshop k (rows), how many came to each later workshop (columns): count and share."""
    who = "osób" if column == "people" else "instytucji"
    title = "Kto wraca: osoby" if column == "people" else "Kto wraca: instytucje"
    rows = list(dict.fromkeys(frame["workshop"]))
    columns = list(dict.fromkeys(frame["later"]))
    fig = figure(title, height=max(300, 90 * len(rows) + 180))
    attended = dict(zip(frame["workshop"], frame["attended"], strict=False))
    were, came = ("byli", "przyszli") if column == "people" else ("były", "przyszły")
    row_labels = [f"{were} na {names.get(w, w)}<br>({attended[w]} {who})" for w in rows]
    z, text = [], []
    for w in rows:
        line: list[float | None] = []
        words: list[str] = []
        for later in columns:
            cell = frame[(frame["workshop"] == w) & (frame["later"] == later)]
            if cell.empty:
                line.append(None)
                words.append("")
            else:
                share = cell["share"].iloc[0]
                line.append(None if pd.isna(share) else float(share))
                words.append(f"{int(cell[column].iloc[0])} ({_share_text(share)})")
        z.append(line)
        text.append(words)
    fig.add_heatmap(z=z, x=[f"{came} na {names.get(w, w)}" for w in columns], y=row_labels, text=text,
                    texttemplate="%{text}", textfont={"size": 18}, zmin=0, zmax=1, showscale=False,
                    colorscale=[[0, BACKGROUND], [1, rgba(PRIMARY, 0.55)]], xgap=3, ygap=3,
                    hovertemplate="%{y} → %{x}: %{text}<extra></extra>")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(side="top", showgrid=False)
    fig.update_layout(margin={"t": 130})
    return fig


def return_rate_chart(frame: pd.DataFrame) -> go.Figure:
    fig = sector_bars("Powroty według sektorów", frame, "rate",
                       [f"{_share_text(r)} ({int(b)} z {int(p)})"
                        for r, b, p in zip(frame["rate"], frame["returned"], frame["people"], strict=True)],
                       "%{y}: %{x:.1%} wróciło<extra></extra>")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, 1.35], "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1],
                             "title": "wróciło na późniejszy warsztat"})
    return fig
