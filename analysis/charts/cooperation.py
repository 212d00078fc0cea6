"""How sectors work together: proposals of several sectors, who proposes with whom, the E-I and
Blau indices.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.charts._base import figure
from analysis.display import share as _share_text
from analysis.palette import ACCENT, ALERT, BACKGROUND, INK, MUTED, NEUTRAL, PRIMARY
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
    SECTOR_LABELS,
)


def multi_sector_chart(frame: pd.DataFrame, by: str, names: dict[int, str]) -> go.Figure:
    """Shares of proposals spanning at least two and at least three sectors, per area (horizontal bars:
    the areas' names never run together) or per workshop; the counts behind each share in its hover."""
    where = "obszarach" if by == "area" else "warsztatach"
    label = (lambda v: AREA_SHORT_LABELS[int(v)]) if by == "area" else (lambda v: names.get(int(v), str(v)))
    categories = [label(v) for v in frame[by]]
    horizontal = by == "area"
    fig = figure(f"Propozycje kilku sektorów w {where}", height=max(420, 70 * len(frame) + 200) if horizontal else 480)
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
    fig = figure("Kto z kim proponuje: powiązania między sektorami", height=max(460, 46 * len(labels) + 220))
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
    fig.update_layout(height=460, showlegend=False,
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
