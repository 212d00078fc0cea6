"""Who comes: participants per workshop, the cycle's timeline, sectors and their balance, gminas of
origin, participants per 10 000 residents on the county's map.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.charts._base import empty, figure, percent_axis, sector_bars
from analysis.display import counted, figure_source, number, plot_text
from analysis.palette import (
    ALERT,
    BACKGROUND,
    BORDER,
    GMINA_COLORS,
    GROUP_COLORS,
    INK,
    MUTED,
    NEUTRAL,
    PRIMARY,
    RATE_SCALE,
    SECTOR_COLORS,
    TRANSPARENT,
    WARNING_FILL,
    WARNING_INK,
)
from analysis.vocabulary import (
    GMINA_LABELS,
    SECTOR_CODES,
    SECTOR_GROUP_LABELS,
    SECTOR_LABELS,
)

_NOT_HELD = {"missing": ("lista nie wgrana", WARNING_FILL, WARNING_INK), "planned": ("zaplanowany", BORDER, MUTED)}


def participants_bar(frame: pd.DataFrame, names: dict[int, str], title: str = "Uczestnicy warsztatów") -> go.Figure:
    """Participants of each held workshop, in the schedule's order; the others as labelled empty slots."""
    fig = figure(title)
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
    fig = figure("Cykl warsztatów", height=320)
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


def sector_by_workshop_chart(frame: pd.DataFrame, names: dict[int, str], shares: bool = False) -> go.Figure:
    fig = figure("Udział sektorów na warsztatach" if shares else "Uczestnicy według sektorów na warsztatach", 540)
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
        percent_axis(fig)
    return fig


def sector_share_chart(frame: pd.DataFrame) -> go.Figure:
    fig = sector_bars("Udział sektorów w całym cyklu", frame, "share",
                       [f"{s:.1%}".replace(".", ",") + f" ({int(p)})"
                        for s, p in zip(frame["share"], frame["participants"], strict=True)],
                       "%{y}: %{x:.1%}<extra></extra>")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, float(frame["share"].max()) * 1.45 + 0.02]},
                      margin={"r": 40})
    return fig


def balance_chart(frame: pd.DataFrame, names: dict[int, str]) -> go.Figure:
    fig = figure("Równowaga trzech sektorów (indeks pod nazwą warsztatu)", 520)
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
    fig.update_layout(height=520,
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
    fig = figure("Skąd przyjechali uczestnicy (gmina pochodzenia)", 520)
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
    fig = figure(f"Sektory na warsztacie {last_name} wobec wcześniejszych", height=max(380, 46 * len(frame) + 140))
    ordered = frame.iloc[::-1]
    labels = [SECTOR_LABELS[c] for c in ordered["sector"]]
    fig.add_bar(y=labels, x=ordered["share_before"], orientation="h", name="wcześniejsze warsztaty",
                marker_color=BORDER, hovertemplate="%{y}, wcześniej: %{x:.1%}<extra></extra>")
    fig.add_bar(y=labels, x=ordered["share_last"], orientation="h", name=f"warsztat {last_name}",
                marker_color=[ALERT if s != "ok" else PRIMARY for s in ordered["status"]],
                hovertemplate="%{y}, ostatni: %{x:.1%}<extra></extra>")
    fig.update_layout(barmode="group", xaxis={"tickformat": ".0%"})
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

    fig = figure("Uczestnicy na 10\u00a0000 mieszkańców według gminy pochodzenia", height=560)
    rates = frame.dropna(subset=["per_10k"])
    if frame.empty or rates.empty or not rates["participants"].any():
        return empty(fig, "participants_per_10k")
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
            source = figure_source(row["source"], row["year"])
            hover = (f"{name}: {counted(people, 'osoba', 'osoby', 'osób')} na "
                     f"{number(int(row['population']))} mieszkańców"
                     + (f" ({plot_text(source)})" if source else "") + f" — {number(rate, 1)} na 10\u00a0000")
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
