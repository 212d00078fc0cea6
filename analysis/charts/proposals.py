"""The proposals: by area, workshop, group, lead sector and status, the ranking by votes, the spread
of votes, and the way from idea to project.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts._base import count_axis, empty, figure
from analysis.display import counted, plot_lines, plot_text
from analysis.palette import AREA_COLORS, NEUTRAL, NO_AREA_COLOR, SECTOR_COLORS, SERIES_COLORS, STATUS_COLORS, rgba
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
    AREAS,
    SECTOR_CODES,
    SECTOR_LABELS,
    STATUSES,
)


def proposals_cumulative_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = figure("Propozycje narastająco według obszarów")
    for area in AREAS:
        part = frame[frame["area"] == area]
        fig.add_scatter(x=[names[w] for w in part["workshop"]], y=part["proposals"], mode="lines+markers",
                        name=AREA_SHORT_LABELS[area], line={"color": AREA_COLORS[area], "width": 4},
                        marker={"size": 12}, hovertemplate=f"{AREA_SHORT_LABELS[area]}: %{{y}}<extra></extra>")
    fig.update_layout(yaxis_title="propozycje", yaxis_rangemode="tozero")
    return fig


def area_chart(frame: pd.DataFrame) -> go.Figure:
    fig = figure("Propozycje według obszarów")
    fig.add_bar(x=[AREA_SHORT_LABELS[a] for a in frame["area"]], y=frame["proposals"],
                marker_color=[AREA_COLORS[a] for a in frame["area"]], text=frame["proposals"], textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{y} propozycji<extra></extra>", showlegend=False)
    fig.update_layout(yaxis_title="propozycje", yaxis_range=[0, max(1, int(frame["proposals"].max())) * 1.2])
    count_axis(fig, float(frame["proposals"].max()) * 1.2)
    return fig


def area_by_workshop_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = figure("Obszary propozycji na kolejnych warsztatach")
    for area in AREAS:
        part = frame[frame["area"] == area]
        if part.empty:
            continue
        fig.add_bar(x=[names[w] for w in part["workshop"]], y=part["proposals"], name=AREA_SHORT_LABELS[area],
                    marker_color=AREA_COLORS[area], text=part["proposals"], textposition="inside",
                    hovertemplate=f"{AREA_SHORT_LABELS[area]}, %{{x}}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis_title="propozycje")
    count_axis(fig, float(frame.groupby("workshop")["proposals"].sum().max()) if not frame.empty else 1)
    return fig


def group_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = figure("Propozycje grup tematycznych")
    for workshop in sorted(frame["workshop"].unique()):
        part = frame[frame["workshop"] == workshop]
        fig.add_bar(x=[plot_text(g) for g in part["group"]], y=part["proposals"],
                    name=names.get(int(workshop), str(workshop)),
                    text=part["proposals"], textposition="inside",
                    hovertemplate=f"{names.get(int(workshop), workshop)}, %{{x}}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="group", yaxis_title="propozycje",
                      colorway=SERIES_COLORS)
    count_axis(fig, float(frame["proposals"].max()) if not frame.empty else 1)
    return fig


def lead_sector_chart(frame: pd.DataFrame) -> go.Figure:
    """Areas as horizontal bars (their names never overlap), stacked by the lead's sector."""
    areas = [AREA_SHORT_LABELS[a] for a in AREAS]
    fig = figure("Kto prowadzi propozycje: sektor podmiotu wiodącego w obszarach", 460)
    for code in SECTOR_CODES:
        part = frame[frame["lead_sector"] == code]
        if part.empty:
            continue
        fig.add_bar(y=[AREA_SHORT_LABELS[a] for a in part["area"]], x=part["proposals"], name=SECTOR_LABELS[code],
                    orientation="h", marker_color=SECTOR_COLORS[code],
                    hovertemplate=f"%{{y}} · {SECTOR_LABELS[code]}: %{{x}}<extra></extra>")
    # the legend above the bars: below them it ran into the axis's title
    fig.update_layout(barmode="stack", xaxis_title="propozycje", margin={"t": 120},
                      legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                      yaxis={"categoryorder": "array", "categoryarray": areas[::-1]})
    count_axis(fig, float(frame.groupby("area")["proposals"].sum().max()) if not frame.empty else 1, axis="x")
    return fig


NBSP = "\u00a0"
RANKING_LINE_CHARS = 42  # a proposal's title in the ranking wraps after about this many characters


def ranking_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    """Proposals by votes, coloured by area with a legend naming the areas; each title whole, in lines."""
    labels = [plot_lines(f"{plot_text(' '.join(str(t).split()))} ({str(names.get(int(w), w)).replace(' ', NBSP)})",
                         RANKING_LINE_CHARS)  # the workshop's name kept on one line
              for t, w in zip(frame["title"].fillna(""), frame["workshop"], strict=True)]
    frame = frame.assign(label=labels)
    title = f"Ranking: {counted(len(frame), 'propozycja', 'propozycje', 'propozycji')} z największą liczbą głosów"
    lines = sum(label.count("<br>") + 1 for label in labels)
    fig = figure(title, height=max(420, 26 * lines + 16 * len(frame) + 200))
    areas = [(a, AREA_SHORT_LABELS[a], AREA_COLORS[a]) for a in AREAS] + [(None, "bez obszaru", NO_AREA_COLOR)]
    for area, name, color in areas:
        part = frame[frame["area"].isna()] if area is None else frame[frame["area"] == area]
        if part.empty:
            continue
        fig.add_bar(y=part["label"], x=part["votes"].astype(int), orientation="h", name=name, marker_color=color,
                    text=part["votes"].astype(int), textposition="outside", cliponaxis=False,
                    hovertemplate="%{y}: %{x} głosów<extra></extra>")
    fig.update_layout(xaxis_title="głosy", barmode="overlay", showlegend=True,
                      yaxis={"categoryorder": "array", "categoryarray": labels[::-1]})
    return fig


def status_chart(frame: pd.DataFrame) -> go.Figure:
    fig = figure("Propozycje według statusu")
    fig.add_bar(x=[STATUSES[s] for s in frame["status"]], y=frame["proposals"],
                marker_color=[STATUS_COLORS[s] for s in frame["status"]], text=frame["proposals"],
                textposition="outside", cliponaxis=False, hovertemplate="%{x}: %{y}<extra></extra>", showlegend=False)
    fig.update_layout(yaxis_title="propozycje", yaxis_range=[0, max(1, int(frame["proposals"].max())) * 1.2])
    count_axis(fig, float(frame["proposals"].max()) * 1.2)
    return fig


STAGE_LABELS = {stage: STATUSES[stage] for stage in ("selected", "in_progress", "done")}


def status_reached_chart(frame: pd.DataFrame) -> go.Figure:
    """Areas side by side, three bars each: proposals that reached each stage from idea to project."""
    fig = figure("Od pomysłu do projektu: propozycje, które doszły do etapu")
    if frame.empty or not frame["proposals"].any():
        return empty(fig, "status_reached")
    for stage, label in STAGE_LABELS.items():
        part = frame[frame["stage"] == stage]
        fig.add_bar(x=[AREA_SHORT_LABELS[a] for a in part["area"]], y=part["proposals"], name=label,
                    marker_color=STATUS_COLORS[stage], text=part["proposals"], textposition="outside",
                    cliponaxis=False, hovertemplate=f"%{{x}} · {label}: %{{y}}<extra></extra>")
    largest = float(frame["proposals"].max())
    # the legend above the bars: below them the areas' slanted names on a narrow screen ran into it
    fig.update_layout(barmode="group", yaxis_title="propozycje", yaxis_range=[0, max(1.0, largest) * 1.2],
                      margin={"t": 120}, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    count_axis(fig, largest * 1.2)
    return fig


def status_over_time_chart(frame: pd.DataFrame) -> go.Figure:
    """Proposals in each status on each day a status changed: one stacked bar per day, the way from idea
    to project bottom up (the days as labels, evenly spaced: changes cluster around the workshops)."""
    fig = figure("Statusy propozycji w czasie")
    if frame.empty:
        return empty(fig, "status_over_time")
    days = sorted(set(frame["date"]))
    labels = {day: day.strftime("%d.%m.%Y") for day in days}
    for status, label in STATUSES.items():
        part = frame[frame["status"] == status]
        if not part["proposals"].any():
            continue
        fig.add_bar(x=[labels[d] for d in part["date"]], y=part["proposals"], name=label,
                    marker_color=STATUS_COLORS[status], text=[v if v else "" for v in part["proposals"]],
                    textposition="inside", textangle=0, hovertemplate=f"{label}, %{{x}}: %{{y}}<extra></extra>")
    # many days: the dates slanted, the legend above the bars (beside them it took the dates' room)
    fig.update_layout(barmode="stack", yaxis_title="propozycje", uniformtext={"minsize": 12, "mode": "hide"},
                      xaxis={"categoryorder": "array", "categoryarray": [labels[d] for d in days], "type": "category",
                             "tickangle": -40 if len(days) > 5 else 0},
                      legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}, margin={"t": 120})
    return fig


def votes_spread_chart(frame: pd.DataFrame) -> go.Figure:
    """One box per area (and all together): lowest, quartiles, median and highest votes, the mean as a dash."""
    fig = figure("Rozrzut głosów w obszarach")
    if frame.empty:
        return empty(fig, "votes_spread")
    for row in frame.to_dict("records"):
        name = AREA_SHORT_LABELS[row["area"]] if row["area"] in AREA_SHORT_LABELS else "Wszystkie obszary"
        color = AREA_COLORS.get(row["area"], NEUTRAL)
        fig.add_trace(go.Box(
            x=[name], q1=[row["q1"]], median=[row["median"]], q3=[row["q3"]], lowerfence=[row["lowest"]],
            upperfence=[row["highest"]], mean=[row["mean"]], name=name, marker_color=color,
            fillcolor=rgba(color, 0.35), line={"color": color, "width": 3}, showlegend=False,
            hovertemplate=(f"{name}: {counted(int(row['proposals']), 'propozycja', 'propozycje', 'propozycji')}, "
                           f"od {int(row['lowest'])} do {int(row['highest'])} głosów, mediana "
                           f"{row['median']:.1f}".replace(".", ",") + "<extra></extra>")))
    fig.update_layout(yaxis_title="głosy na propozycję", yaxis_rangemode="tozero")
    return fig
