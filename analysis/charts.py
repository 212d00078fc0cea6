"""Tidy frames from ``metrics`` -> plotly figures, all in one visual template.

One colour per sector, per group of sectors and per area, the same in every chart (the palettes
and colour roles live in ``analysis.display``); fonts large enough for the back of a hall; Polish
labels and number formats (space for thousands, decimal comma). Functions here draw; they never
compute a number.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from analysis.display import (
    ACCENT,
    ALERT,
    AREA_COLORS,
    BACKGROUND,
    BORDER,
    CYCLE_COLORS,
    GMINA_COLORS,
    GRID,
    GROUP_COLORS,
    INK,
    MUTED,
    NEUTRAL,
    NO_AREA_COLOR,
    PRIMARY,
    RATE_SCALE,
    SECTOR_COLORS,
    SERIES_COLORS,
    STATUS_COLORS,
    TRANSPARENT,
    WARNING_FILL,
    WARNING_INK,
    counted,
    number,
    percent,
    plot_lines,
    plot_text,
    rgba,
)
from analysis.display import share as _share_text
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
    AREAS,
    GMINA_LABELS,
    SECTOR_CODES,
    SECTOR_GROUP_LABELS,
    SECTOR_LABELS,
    STATUSES,
)

TEMPLATE_NAME = "partnerstwo"
FONT = "Arial, Liberation Sans, Helvetica, sans-serif"  # system fonts: nothing fetched, measured right

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 18, "color": INK},
        title={"font": {"size": 24}, "x": 0, "xanchor": "left"},
        separators=", ",  # decimal comma, space between thousands
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        colorway=list(SECTOR_COLORS.values()),
        legend={"font": {"size": 16}, "orientation": "h", "yanchor": "top", "y": -0.15, "x": 0,
                "traceorder": "normal"},
        hoverlabel={"font": {"size": 16, "family": FONT}},
        margin={"l": 20, "r": 20, "t": 70, "b": 20},
        xaxis={"gridcolor": GRID, "linecolor": NEUTRAL, "automargin": True, "title": {"standoff": 12}},
        yaxis={"gridcolor": GRID, "linecolor": NEUTRAL, "automargin": True, "title": {"standoff": 12}},
        bargap=0.25,
    )
)
# Plotly's toolbar: a picture of the chart, nothing that talks to the internet.
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _figure(title: str, height: int = 480) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE_NAME, title={"text": title}, height=height)
    return fig


def _count_axis(fig: go.Figure, largest: float, axis: str = "y") -> None:
    """Whole-number ticks for counts (never 0,5 of a proposal)."""
    if largest <= 12:
        fig.update_layout({f"{axis}axis": {"tick0": 0, "dtick": 1 if largest <= 6 else 2, "tickformat": "d"}})
    else:
        fig.update_layout({f"{axis}axis": {"tickformat": "d"}})


def _percent_axis(fig: go.Figure, axis: str = "y") -> None:
    fig.update_layout({f"{axis}axis": {"tickformat": ".0%", "range": [0, 1]}})


# --- overview and progress ------------------------------------------------------------------


_NOT_HELD = {"missing": ("lista nie wgrana", WARNING_FILL, WARNING_INK), "planned": ("zaplanowany", BORDER, MUTED)}


def participants_bar(frame: pd.DataFrame, names: dict[int, str], title: str = "Uczestnicy warsztatów") -> go.Figure:
    """Participants of each held workshop, in the schedule's order; the others as labelled empty slots."""
    fig = _figure(title)
    order = [names[w] for w in frame["workshop"]]
    held = frame[frame["held"]]
    fig.add_bar(x=[names[w] for w in held["workshop"]], y=held["participants"].astype(int), name="odbyty",
                marker_color=PRIMARY, text=held["participants"].astype(int), textposition="outside",
                hovertemplate="%{x}: %{y} uczestników<extra></extra>")
    for status, (label, color, text_color) in _NOT_HELD.items():
        slots = frame[frame["status"] == status] if "status" in frame else frame[~frame["held"]].iloc[0:0]
        if slots.empty:
            continue
        fig.add_bar(x=[names[w] for w in slots["workshop"]], y=[0] * len(slots), name=label, marker_color=color,
                    text=[label] * len(slots), textposition="outside", textfont={"color": text_color},
                    hovertemplate=f"%{{x}}: {label}<extra></extra>")
    top = int(held["participants"].max()) if not held.empty else 1
    fig.update_traces(cliponaxis=False)
    fig.update_layout(yaxis_title="uczestnicy", showlegend=False, barmode="overlay", yaxis_range=[0, top * 1.18],
                      xaxis={"categoryorder": "array", "categoryarray": order})
    return fig


def timeline_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    """The cycle as a line of workshops: held filled (sized by participants), the rest hollow and labelled
    with their name, date and participants (or state).

    Labels of workshops close in time alternate above and below the line, so they never run together.
    """
    fig = _figure("Cykl warsztatów", height=320)
    dates = [d for d in frame["date"] if not pd.isna(d)]
    use_dates = len(dates) == len(frame)
    x = dates if use_dates else [names[w] for w in frame["workshop"]]
    participants = frame["participants"].astype("Float64").fillna(0).astype(float)
    statuses = list(frame["status"]) if "status" in frame else ["held" if h else "planned" for h in frame["held"]]
    # grows with the participants up to 60 px (a workshop of thousands must not cover the chart)
    sizes = [min(60.0, 18 + (p ** 0.5) * 3) if s == "held" else 22 for p, s in zip(participants, statuses, strict=True)]
    days = [f"<br>{d.strftime('%d.%m.%Y')}" if use_dates else "" for d in frame["date"]]
    labels = [f"{names[w]}{day}<br>{int(p)} os." if s == "held" else f"{names[w]}{day}<br>{_NOT_HELD[s][0]}"
              for w, day, p, s in zip(frame["workshop"], days, participants, statuses, strict=True)]
    positions = ["top center"] * len(frame)
    if use_dates and len(dates) > 1:
        span = max((max(dates) - min(dates)).days, 1)
        for i in range(1, len(dates)):
            close = (dates[i] - dates[i - 1]).days < span * 0.18
            if close and positions[i - 1] == "top center":
                positions[i] = "bottom center"
    fill = {"held": PRIMARY, "missing": WARNING_FILL, "planned": BACKGROUND}
    edge = {"held": PRIMARY, "missing": WARNING_INK, "planned": PRIMARY}
    fig.add_scatter(
        x=x, y=[0] * len(frame), mode="lines+markers+text", text=labels, textposition=positions,
        marker={"size": sizes, "color": [fill[s] for s in statuses], "line": {"color": [edge[s] for s in statuses],
                                                                              "width": 3}},
        line={"color": NEUTRAL, "width": 2}, hoverinfo="text", showlegend=False, cliponaxis=False,
    )
    fig.update_yaxes(visible=False, range=[-1.6, 1.6])
    fig.update_xaxes(showgrid=False)
    if use_dates:  # each date in its workshop's label (alternating when close): ticks on one line ran together
        pad = max((max(dates) - min(dates)).days * 0.08, 7) if len(dates) > 1 else 30
        fig.update_xaxes(range=[min(dates) - pd.Timedelta(days=pad), max(dates) + pd.Timedelta(days=pad)],
                         showticklabels=False)
    return fig


def new_returning_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Nowi i powracający uczestnicy")
    x = [names[w] for w in frame["workshop"]]
    fig.add_bar(x=x, y=frame["returning"], name="powracający", marker_color=PRIMARY,
                hovertemplate="%{x}: %{y} powracających<extra></extra>", text=frame["returning"])
    fig.add_bar(x=x, y=frame["new"], name="nowi", marker_color=ACCENT,
                hovertemplate="%{x}: %{y} nowych<extra></extra>", text=frame["new"])
    fig.update_layout(barmode="stack", yaxis_title="uczestnicy")
    return fig


def cumulative_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Narastająco: unikalni uczestnicy cyklu")
    fig.add_scatter(x=[names[w] for w in frame["workshop"]], y=frame["participants"], mode="lines+markers+text",
                    text=frame["participants"], textposition="top center", line={"color": PRIMARY, "width": 4},
                    marker={"size": 14}, hovertemplate="do %{x}: %{y} osób<extra></extra>", showlegend=False)
    fig.update_layout(yaxis_title="osoby", yaxis_rangemode="tozero")
    return fig


def flow_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    """A Sankey of people between consecutive held workshops."""
    fig = _figure("Przepływ uczestników między warsztatami", height=460)
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


def proposals_cumulative_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Propozycje narastająco według obszarów")
    for area in AREAS:
        part = frame[frame["area"] == area]
        fig.add_scatter(x=[names[w] for w in part["workshop"]], y=part["proposals"], mode="lines+markers",
                        name=AREA_SHORT_LABELS[area], line={"color": AREA_COLORS[area], "width": 4},
                        marker={"size": 12}, hovertemplate=f"{AREA_SHORT_LABELS[area]}: %{{y}}<extra></extra>")
    fig.update_layout(yaxis_title="propozycje", yaxis_rangemode="tozero")
    return fig


# --- sectors --------------------------------------------------------------------------------


def sector_by_workshop_chart(frame: pd.DataFrame, names: dict[int, str], shares: bool = False) -> go.Figure:
    fig = _figure("Udział sektorów na warsztatach" if shares else "Uczestnicy według sektorów na warsztatach", 540)
    value = "share" if shares else "participants"
    for code in SECTOR_CODES:
        part = frame[frame["sector"] == code]
        if part.empty:
            continue
        text = [f"{v:.0%}".replace(".", ",") if shares else str(int(v)) for v in part[value]]
        fig.add_bar(x=[names[w] for w in part["workshop"]], y=part[value], name=SECTOR_LABELS[code],
                    marker_color=SECTOR_COLORS[code], text=text, textposition="inside", textangle=0,
                    hovertemplate=f"{SECTOR_LABELS[code]}, %{{x}}: %{{y{':.1%' if shares else ''}}}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis_title="udział" if shares else "uczestnicy",
                      uniformtext={"minsize": 12, "mode": "hide"})
    if shares:
        _percent_axis(fig)
    return fig


def _sector_bars(title: str, frame: pd.DataFrame, column: str, texts: list[str], hover: str) -> go.Figure:
    """One horizontal bar per sector (the first row on top), each in its sector's colour, its text outside."""
    ordered = frame.iloc[::-1]
    fig = _figure(title, height=max(360, 44 * len(frame) + 120))
    fig.add_bar(y=[SECTOR_LABELS[c] for c in ordered["sector"]], x=ordered[column], orientation="h",
                marker_color=[SECTOR_COLORS[c] for c in ordered["sector"]], text=texts[::-1],
                textposition="outside", cliponaxis=False, hovertemplate=hover, showlegend=False)
    return fig


def sector_share_chart(frame: pd.DataFrame) -> go.Figure:
    fig = _sector_bars("Udział sektorów w całym cyklu", frame, "share",
                       [f"{s:.1%}".replace(".", ",") + f" ({int(p)})"
                        for s, p in zip(frame["share"], frame["participants"], strict=True)],
                       "%{y}: %{x:.1%}<extra></extra>")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, float(frame["share"].max()) * 1.45 + 0.02]},
                      margin={"r": 40})
    return fig


def balance_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Równowaga trzech sektorów (indeks pod nazwą warsztatu)", 520)
    _balance_bars(fig, frame, names)
    # the legend above the bars: below them it covered the index under each workshop's name
    fig.update_layout(barmode="group", yaxis={"tickformat": ".0%", "range": [0, 1]}, margin={"t": 120},
                      legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"})
    return fig


GROUP_SHORT = {"public": "publiczny", "business": "gospodarczy", "civil": "społeczny"}


def _balance_bars(fig: go.Figure, frame: pd.DataFrame, names: dict[int, str], short: bool = False,
                  **cell: int) -> None:
    """Stacked by hand (``base``, one offset group) so that a figure can group other bars beside them."""
    index = dict(zip(frame["workshop"], frame["index"], strict=False))
    label = {w: f"{names[w]}<br>indeks {index[w]:.0%}" for w in index}
    below = dict.fromkeys(index, 0.0)
    for group in ("public", "business", "civil"):
        part = frame[frame["group"] == group]
        fig.add_bar(x=[label[w] for w in part["workshop"]], y=part["share"], base=[below[w] for w in part["workshop"]],
                    offsetgroup="three_sectors", name=GROUP_SHORT[group] if short else SECTOR_GROUP_LABELS[group],
                    marker_color=GROUP_COLORS[group], text=[f"{s:.0%}" for s in part["share"]],
                    textposition="inside", insidetextanchor="middle",
                    hovertemplate=f"{SECTOR_GROUP_LABELS[group]}: %{{y:.1%}}<extra></extra>", **cell)
        for w, share in zip(part["workshop"], part["share"], strict=True):
            below[w] += float(share)


def balance_gaps_chart(frame: pd.DataFrame, gaps: pd.DataFrame, names: dict[int, str], last_name: str) -> go.Figure:
    """The three sectors of each workshop (left) and, beside them, the sectors missing or clearly
    weaker at the last workshop than before (right), so the chart shows what the slide names.

    Each half has its own legend above it; without a weaker sector the left half is the chart.
    """
    weak = gaps[gaps["status"] != "ok"] if not gaps.empty else gaps
    if weak.empty:
        return balance_chart(frame, names)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.24)
    fig.update_layout(template=TEMPLATE_NAME, height=520,
                      title={"text": f"Równowaga trzech sektorów; kogo zabrakło na warsztacie {last_name}"})
    _balance_bars(fig, frame, names, short=True, row=1, col=1)
    ordered = weak.iloc[::-1]
    labels = [SECTOR_LABELS[c] for c in ordered["sector"]]
    fig.add_bar(y=labels, x=ordered["share_before"], orientation="h", name="wcześniejsze warsztaty", marker_color=NEUTRAL,
                text=[f"{v:.0%}" for v in ordered["share_before"]], textposition="outside", cliponaxis=False,
                legend="legend2", hovertemplate="%{y}, wcześniejsze warsztaty: %{x:.1%}<extra></extra>", row=1, col=2)
    fig.add_bar(y=labels, x=ordered["share_last"], orientation="h", name=last_name, marker_color=ALERT,
                text=["brak" if v == 0 else f"{v:.0%}" for v in ordered["share_last"]], textposition="outside",
                cliponaxis=False, legend="legend2", hovertemplate=f"%{{y}}, {last_name}: %{{x:.1%}}<extra></extra>",
                row=1, col=2)
    largest = float(ordered["share_before"].max())
    fig.update_traces(selector={"legend": "legend2"}, textfont={"color": INK})
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", range=[0, 1], row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=2)
    fig.update_xaxes(tickformat=".0%", range=[0, largest * 1.35 + 0.01], row=1, col=2)
    above = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "xanchor": "left"}
    fig.update_layout(legend={**above, "x": 0}, legend2={**above, "x": 0.54}, margin={"t": 120})
    return fig


def origin_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Skąd przyjechali uczestnicy (gmina pochodzenia)", 520)
    for code, label in GMINA_LABELS.items():
        part = frame[frame["origin"] == code]
        if part.empty:
            continue
        fig.add_bar(x=[names[w] for w in part["workshop"]], y=part["share"], name=label,
                    marker_color=GMINA_COLORS[code],
                    marker_line={"color": [INK if local else TRANSPARENT for local in part["local"]],
                                 "width": 3},
                    text=[f"{s:.0%}" for s in part["share"]], textposition="inside",
                    hovertemplate=f"{label}: %{{y:.1%}}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"tickformat": ".0%", "range": [0, 1]},
                      uniformtext={"minsize": 12, "mode": "hide"})
    return fig


def sector_gaps_chart(frame: pd.DataFrame, last_name: str) -> go.Figure:
    fig = _figure(f"Sektory na warsztacie {last_name} wobec wcześniejszych", height=max(380, 46 * len(frame) + 140))
    ordered = frame.iloc[::-1]
    labels = [SECTOR_LABELS[c] for c in ordered["sector"]]
    fig.add_bar(y=labels, x=ordered["share_before"], orientation="h", name="wcześniejsze warsztaty",
                marker_color=BORDER, hovertemplate="%{y}, wcześniej: %{x:.1%}<extra></extra>")
    fig.add_bar(y=labels, x=ordered["share_last"], orientation="h", name=f"warsztat {last_name}",
                marker_color=[ALERT if s != "ok" else PRIMARY for s in ordered["status"]],
                hovertemplate="%{y}, ostatni: %{x:.1%}<extra></extra>")
    fig.update_layout(barmode="group", xaxis={"tickformat": ".0%"})
    return fig


# --- proposals ------------------------------------------------------------------------------


def area_chart(frame: pd.DataFrame) -> go.Figure:
    fig = _figure("Propozycje według obszarów")
    fig.add_bar(x=[AREA_SHORT_LABELS[a] for a in frame["area"]], y=frame["proposals"],
                marker_color=[AREA_COLORS[a] for a in frame["area"]], text=frame["proposals"], textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{y} propozycji<extra></extra>", showlegend=False)
    fig.update_layout(yaxis_title="propozycje", yaxis_range=[0, max(1, int(frame["proposals"].max())) * 1.2])
    _count_axis(fig, float(frame["proposals"].max()) * 1.2)
    return fig


def area_by_workshop_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Obszary propozycji na kolejnych warsztatach")
    for area in AREAS:
        part = frame[frame["area"] == area]
        if part.empty:
            continue
        fig.add_bar(x=[names[w] for w in part["workshop"]], y=part["proposals"], name=AREA_SHORT_LABELS[area],
                    marker_color=AREA_COLORS[area], text=part["proposals"], textposition="inside",
                    hovertemplate=f"{AREA_SHORT_LABELS[area]}, %{{x}}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis_title="propozycje")
    _count_axis(fig, float(frame.groupby("workshop")["proposals"].sum().max()) if not frame.empty else 1)
    return fig


def group_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = _figure("Propozycje grup tematycznych")
    for workshop in sorted(frame["workshop"].unique()):
        part = frame[frame["workshop"] == workshop]
        fig.add_bar(x=[plot_text(g) for g in part["group"]], y=part["proposals"],
                    name=names.get(int(workshop), str(workshop)),
                    text=part["proposals"], textposition="inside",
                    hovertemplate=f"{names.get(int(workshop), workshop)}, %{{x}}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="group", yaxis_title="propozycje",
                      colorway=SERIES_COLORS)
    _count_axis(fig, float(frame["proposals"].max()) if not frame.empty else 1)
    return fig


def lead_sector_chart(frame: pd.DataFrame) -> go.Figure:
    """Areas as horizontal bars (their names never overlap), stacked by the lead's sector."""
    areas = [AREA_SHORT_LABELS[a] for a in AREAS]
    fig = _figure("Kto prowadzi propozycje: sektor podmiotu wiodącego w obszarach", 460)
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
    _count_axis(fig, float(frame.groupby("area")["proposals"].sum().max()) if not frame.empty else 1, axis="x")
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
    fig = _figure(title, height=max(420, 26 * lines + 16 * len(frame) + 200))
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
    fig = _figure("Propozycje według statusu")
    fig.add_bar(x=[STATUSES[s] for s in frame["status"]], y=frame["proposals"],
                marker_color=[STATUS_COLORS[s] for s in frame["status"]], text=frame["proposals"],
                textposition="outside", cliponaxis=False, hovertemplate="%{x}: %{y}<extra></extra>", showlegend=False)
    fig.update_layout(yaxis_title="propozycje", yaxis_range=[0, max(1, int(frame["proposals"].max())) * 1.2])
    _count_axis(fig, float(frame["proposals"].max()) * 1.2)
    return fig


# =============================================================================================
# Steering the partnership: whom to invite, who comes back, how sectors work
# together. Each chart has its empty-state sentence in ``EMPTY`` (pages and slides show it instead).
# =============================================================================================

EMPTY: dict[str, str] = {
    "invite": "Do porównania potrzebny jest co najmniej jeden odbyty warsztat wśród wybranych.",
    "invite_institutions": "Każda instytucja, która była na wcześniejszych warsztatach, przyszła też na ostatni "
                           "(albo odbył się dopiero jeden warsztat) — nie ma kogo przypominać.",
    "cohort": "Kto wraca, widać, gdy wybrano co najmniej dwa odbyte warsztaty.",
    "return_rate": "Powroty widać, gdy wybrano co najmniej dwa odbyte warsztaty.",
    "multi_sector": "Brak propozycji dla wybranych warsztatów i sektorów.",
    "no_partners": "Żadna z wybranych propozycji nie ma wpisanych partnerów, więc nie widać, czy sektory proponują "
                   "razem. Wpisz partnerów w kolumnie „Partnerzy” tabeli propozycji (oddzielone przecinkiem lub "
                   "średnikiem).",
    "sector_pairs": "Żadna z wybranych propozycji nie ma partnerów, więc nie widać, kto z kim proponuje. Wpisz "
                    "partnerów w kolumnie „Partnerzy” tabeli propozycji (oddzielone przecinkiem lub średnikiem).",
    "diversity": "Brak odbytych warsztatów i propozycji wśród wybranych.",
}
INVITE_STATUS_LABELS = {"absent": "nieobecny", "under": "słabo reprezentowany", "ok": "w normie"}


def invite_chart(frame: pd.DataFrame, kind: str, last_name: str, next_name: str) -> go.Figure:
    """Each sector's (or gmina's) share at the last workshop beside its reference; the weak ones in red."""
    labels_of = SECTOR_LABELS if kind == "sector" else GMINA_LABELS
    ordered = frame.iloc[::-1]
    labels = [labels_of.get(c, c) for c in ordered["code"]]
    what = "sektory" if kind == "sector" else "gminy pochodzenia"
    fig = _figure(f"Kogo zaprosić na warsztat {next_name}: {what}", height=max(380, 52 * len(frame) + 160))
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


def cohort_chart(frame: pd.DataFrame, names: dict[int, str], column: str = "people") -> go.Figure:
    """Of those at workshop k (rows), how many came to each later workshop (columns): count and share."""
    who = "osób" if column == "people" else "instytucji"
    title = "Kto wraca: osoby" if column == "people" else "Kto wraca: instytucje"
    rows = list(dict.fromkeys(frame["workshop"]))
    columns = list(dict.fromkeys(frame["later"]))
    fig = _figure(title, height=max(300, 90 * len(rows) + 180))
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
    fig = _sector_bars("Powroty według sektorów", frame, "rate",
                       [f"{_share_text(r)} ({int(b)} z {int(p)})"
                        for r, b, p in zip(frame["rate"], frame["returned"], frame["people"], strict=True)],
                       "%{y}: %{x:.1%} wróciło<extra></extra>")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, 1.35], "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1],
                             "title": "wróciło na późniejszy warsztat"})
    return fig


def multi_sector_chart(frame: pd.DataFrame, by: str, names: dict[int, str]) -> go.Figure:
    """Shares of proposals spanning at least two and at least three sectors, per area (horizontal bars:
    the areas' names never run together) or per workshop; the counts behind each share in its hover."""
    where = "obszarach" if by == "area" else "warsztatach"
    label = (lambda v: AREA_SHORT_LABELS[int(v)]) if by == "area" else (lambda v: names.get(int(v), str(v)))
    categories = [label(v) for v in frame[by]]
    horizontal = by == "area"
    fig = _figure(f"Propozycje kilku sektorów w {where}", height=max(420, 70 * len(frame) + 200) if horizontal else 480)
    for column, count, name, color in (("share_2", "at_least_2", "co najmniej 2 sektory", PRIMARY),
                                       ("share_3", "at_least_3", "co najmniej 3 sektory", ACCENT)):
        shares = frame[column].astype(float)
        text = [_share_text(v) if p else "brak propozycji" for v, p in zip(shares, frame["proposals"], strict=True)]
        hover = [f"{int(c)} z {int(p)} propozycji" for c, p in zip(frame[count], frame["proposals"], strict=True)]
        axes = {"y": categories, "x": shares, "orientation": "h"} if horizontal else {"x": categories, "y": shares}
        fig.add_bar(**axes, name=name, marker_color=color, text=text, textposition="outside", cliponaxis=False,
                    customdata=hover, textfont={"color": INK},
                    hovertemplate=f"%{{{'y' if horizontal else 'x'}}}, {name}: %{{customdata}}<extra></extra>")
    shares_axis = {"tickformat": ".0%", "range": [0, 1.18], "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1],
                   "title": "udział propozycji"}
    # the legend above the bars: below them it ran into the shares axis's title
    fig.update_layout(margin={"t": 120}, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    if horizontal:
        fig.update_layout(barmode="group", xaxis=shares_axis,
                          yaxis={"categoryorder": "array", "categoryarray": categories[::-1]})
    else:
        fig.update_layout(barmode="group", yaxis=shares_axis)
    return fig


def sector_matrix_chart(matrix: pd.DataFrame) -> go.Figure:
    """Who proposes with whom: the symmetric sector × sector table of ties, darker for more."""
    labels = [SECTOR_LABELS[c] for c in matrix.index]
    fig = _figure("Kto z kim proponuje: powiązania między sektorami", height=max(460, 46 * len(labels) + 220))
    values = matrix.to_numpy()
    fig.add_heatmap(z=values, x=labels, y=labels, text=[[str(v) if v else "" for v in row] for row in values],
                    texttemplate="%{text}", textfont={"size": 16}, showscale=False, xgap=2, ygap=2,
                    colorscale=[[0, BACKGROUND], [1, PRIMARY]],
                    hovertemplate="%{y} × %{x}: %{z} powiązań<extra></extra>")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showgrid=False, tickangle=-35)
    return fig


def diversity_chart(ei: pd.DataFrame, blau: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    """Per workshop: the E-I index of its proposals' ties (left, −1..1) and Blau's index of its sector mix (right)."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=("Indeks E-I powiązań propozycji", "Indeks Blaua uczestników"))
    fig.update_layout(template=TEMPLATE_NAME, height=460, showlegend=False,
                      title={"text": "Współpraca i różnorodność sektorów na warsztatach"})
    ei = ei.dropna(subset=["index"])
    blau = blau.dropna(subset=["index"])
    if ei.empty:  # no ties between the proposals' institutions: say so instead of empty axes
        fig.add_annotation(text="Brak powiązań: propozycje<br>nie mają partnerów", x=0.5, y=0.5, xref="x domain",
                           yref="y domain", showarrow=False, font={"size": 18, "color": MUTED})
        fig.update_xaxes(visible=False, row=1, col=1)
    fig.add_bar(x=[names.get(int(w), str(w)) for w in ei["workshop"]], y=ei["index"].astype(float),
                marker_color=[PRIMARY if v >= 0 else ALERT for v in ei["index"]],
                text=[f"{v:+.2f}".replace(".", ",") for v in ei["index"]], textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: E-I %{y:.2f}<extra></extra>", row=1, col=1)
    fig.add_bar(x=[names.get(int(w), str(w)) for w in blau["workshop"]], y=blau["index"].astype(float),
                marker_color=ACCENT, text=[f"{v:.2f}".replace(".", ",") for v in blau["index"]],
                textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: Blau %{y:.2f}<extra></extra>", row=1, col=2)
    fig.update_yaxes(range=[-1.15, 1.15], tickformat=".1f", zeroline=True, zerolinecolor=NEUTRAL, row=1, col=1)
    fig.update_yaxes(range=[0, 1.1], tickformat=".1f", row=1, col=2)
    fig.update_annotations(font={"size": 18})
    fig.update_layout(margin={"t": 110})
    return fig


# === from idea to project, participants per resident, cycle over cycle ==============

# what part B's charts say when they have nothing to draw (in the one ``EMPTY`` table above)
EMPTY |= {
    "status_reached": "Żadna z wybranych propozycji nie została jeszcze wybrana do realizacji.",
    "status_over_time": "Wybrane propozycje nie mają jeszcze historii statusów z datami.",
    "votes_spread": "Żadna z wybranych propozycji nie ma jeszcze liczby głosów.",
    "participants_per_10k": "Brak uczestników z gmin powiatu wśród wybranych — albo tabela gmin nie ma liczby "
                            "mieszkańców. Wgraj tabelę gmin albo wpisz ją na stronie „Uczestnictwo sektorów”.",
    "previous_cycle": "To pierwszy cykl w magazynie danych: nie ma wcześniejszego, z którym można go porównać.",
    "cycle_comparison": "Do porównania potrzebne są dwa cykle w magazynie danych. Wgraj dane kolejnego cyklu "
                        "(harmonogram i listy obecności).",
}
STAGE_LABELS = {stage: STATUSES[stage] for stage in ("selected", "in_progress", "done")}


def _empty(fig: go.Figure, key: str) -> go.Figure:
    """The figure with its empty-state sentence in the middle and no axes."""
    fig.add_annotation(text=EMPTY[key], x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 20, "color": MUTED})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def status_reached_chart(frame: pd.DataFrame) -> go.Figure:
    """Areas side by side, three bars each: proposals that reached each stage from idea to project."""
    fig = _figure("Od pomysłu do projektu: propozycje, które doszły do etapu")
    if frame.empty or not frame["proposals"].any():
        return _empty(fig, "status_reached")
    for stage, label in STAGE_LABELS.items():
        part = frame[frame["stage"] == stage]
        fig.add_bar(x=[AREA_SHORT_LABELS[a] for a in part["area"]], y=part["proposals"], name=label,
                    marker_color=STATUS_COLORS[stage], text=part["proposals"], textposition="outside",
                    cliponaxis=False, hovertemplate=f"%{{x}} · {label}: %{{y}}<extra></extra>")
    largest = float(frame["proposals"].max())
    # the legend above the bars: below them the areas' slanted names on a narrow screen ran into it
    fig.update_layout(barmode="group", yaxis_title="propozycje", yaxis_range=[0, max(1.0, largest) * 1.2],
                      margin={"t": 120}, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    _count_axis(fig, largest * 1.2)
    return fig


def status_over_time_chart(frame: pd.DataFrame) -> go.Figure:
    """Proposals in each status on each day a status changed: one stacked bar per day, the way from idea
    to project bottom up (the days as labels, evenly spaced: changes cluster around the workshops)."""
    fig = _figure("Statusy propozycji w czasie")
    if frame.empty:
        return _empty(fig, "status_over_time")
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
    fig = _figure("Rozrzut głosów w obszarach")
    if frame.empty:
        return _empty(fig, "votes_spread")
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


# The county's five gminas as simplified shapes laid as they lie (north up): Serock in the north-east
# beyond the Zegrze reservoir, Wieliszew north of Legionowo, Jabłonna on the Vistula in the south-west,
# the town of Legionowo between Jabłonna and Nieporęt, Nieporęt in the south-east. Drawn here, locally.
GMINA_SHAPES: dict[str, list[tuple[float, float]]] = {
    "serock": [(2.6, 2.3), (4.4, 2.1), (5.3, 2.8), (5.1, 4.4), (3.5, 4.7), (2.6, 3.8)],
    "wieliszew": [(0.8, 1.8), (1.3, 1.7), (2.5, 1.7), (2.6, 2.3), (2.6, 3.8), (1.2, 3.9), (0.6, 2.9)],
    "jablonna": [(0.0, 0.2), (1.2, 0.0), (1.3, 0.4), (1.3, 1.7), (0.8, 1.8), (0.0, 1.3)],
    "legionowo": [(1.3, 0.4), (2.5, 0.4), (2.5, 1.7), (1.3, 1.7)],
    "nieporet": [(2.5, 0.0), (4.6, 0.2), (4.4, 2.1), (2.6, 2.3), (2.5, 1.7)],
}
OUTSIDE_BOX = (5.8, 8.6)  # x range of the boxes beside the county: outside it, not given
LABELLED_BELOW = ("legionowo",)  # gminas whose label stands under the county (at y = BELOW_Y), an arrow to the shape
BELOW_Y = -0.9


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def per_10k_map(frame: pd.DataFrame) -> go.Figure:
    """The county's gminas coloured by participants per 10 000 residents; "outside the county" apart."""
    from plotly.colors import sample_colorscale

    fig = _figure("Uczestnicy na 10\u00a0000 mieszkańców według gminy pochodzenia", height=560)
    rates = frame.dropna(subset=["per_10k"])
    if frame.empty or rates.empty or not rates["participants"].any():
        return _empty(fig, "participants_per_10k")
    top = max(float(rates["per_10k"].max()), 0.1)
    scale = [[i / (len(RATE_SCALE) - 1), c] for i, c in enumerate(RATE_SCALE)]
    by_gmina = frame.set_index("gmina").to_dict("index")
    for code, points in GMINA_SHAPES.items():
        row = by_gmina.get(code)
        rate = None if row is None or pd.isna(row["per_10k"]) else float(row["per_10k"])
        people = 0 if row is None else int(row["participants"])
        fill = sample_colorscale(scale, [rate / top])[0] if rate is not None else BORDER
        dark = rate is not None and rate / top > 0.55
        xs, ys = [p[0] for p in points] + [points[0][0]], [p[1] for p in points] + [points[0][1]]
        name = GMINA_LABELS[code]
        if rate is None or row is None:  # (a rate always comes with its row)
            detail = "brak liczby<br>mieszkańców"
            hover = f"{name}: {counted(people, 'osoba', 'osoby', 'osób')}; brak liczby mieszkańców"
        else:
            detail = f"<b>{number(rate, 1)}</b>"
            source = ", ".join(str(v) for v in (row["year"], row["source"]) if not pd.isna(v) and str(v))
            hover = (f"{name}: {counted(people, 'osoba', 'osoby', 'osób')} na "
                     f"{number(int(row['population']))} mieszkańców ({plot_text(source)}) — {number(rate, 1)} "
                     "na 10\u00a0000")
        fig.add_scatter(x=xs, y=ys, fill="toself", fillcolor=fill, mode="lines", line={"color": BACKGROUND, "width": 3},
                        name=name, hoveron="fills", hoverinfo="text", text=hover, showlegend=False)
        x, y = _centre(points)
        label = f"{name}<br>{detail}<br>{people} os."
        if code in LABELLED_BELOW:  # too small for its label in large type: the label under the county, an arrow to it
            fig.add_annotation(x=x, y=y, ax=x, ay=BELOW_Y, axref="x", ayref="y", showarrow=True, arrowwidth=2,
                               arrowcolor=INK, standoff=4, text=label, font={"size": 18, "color": INK})
        else:
            fig.add_annotation(x=x, y=y, showarrow=False, text=label,
                               font={"size": 18, "color": BACKGROUND if dark else INK})
    apart = [(code, int(by_gmina[code]["participants"])) for code in ("outside", "unknown") if code in by_gmina]
    left, right = OUTSIDE_BOX
    for i, (code, people) in enumerate(apart):
        bottom = 3.0 - i * 1.6
        fig.add_shape(type="rect", x0=left, x1=right, y0=bottom, y1=bottom + 1.3, line={"color": NEUTRAL, "dash": "dot",
                                                                                       "width": 2},
                      fillcolor=BACKGROUND)
        fig.add_annotation(x=(left + right) / 2, y=bottom + 0.65, showarrow=False,
                           text=f"<b>{GMINA_LABELS[code]}</b><br>{counted(people, 'osoba', 'osoby', 'osób')}<br>"
                                "(bez przeliczenia)", font={"size": 18, "color": MUTED})
    # no colour bar: every gmina's number is written on it (the bar's title ran into its ticks)
    fig.update_xaxes(visible=False, range=[-0.3, right + 0.3], scaleanchor="y", scaleratio=1)
    fig.update_yaxes(visible=False, range=[BELOW_Y - 0.7, 4.9])
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70, "b": 10})
    return fig


def cycle_workshops_chart(frame: pd.DataFrame, cycles: tuple[str, str], height: int = 480) -> go.Figure:
    """Participants of each held workshop of two cycles, side by side by the workshop's number."""
    fig = _figure(f"Uczestnicy warsztatów: cykl {cycles[0]} i {cycles[1]}", height=height)
    if frame.empty:
        return _empty(fig, "cycle_comparison")
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
    fig = _figure(f"Udział sektorów: cykl {cycles[0]} i {cycles[1]}", height=max(420, 52 * len(present) + 160))
    if not present:
        return _empty(fig, "cycle_comparison")
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
