"""What every chart shares: the visual template, the toolbar, the empty-state sentences, the axes.

One colour per sector, per group of sectors and per area, the same in every chart (the palettes
and colour roles live in ``analysis.display``); fonts large enough for the back of a hall; Polish
labels and number formats (space for thousands, decimal comma).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis.palette import BACKGROUND, GRID, INK, MUTED, NEUTRAL, SECTOR_COLORS
from analysis.vocabulary import SECTOR_LABELS

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
# Every figure starts from it: a figure made with another template and given this one afterwards paid for both
# (~5 ms a figure, a tenth of a report's build)
pio.templates.default = TEMPLATE_NAME
# Plotly's toolbar: a picture of the chart, nothing that talks to the internet.
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

# What a chart says instead when it has nothing to draw (pages and slides show it), by theme.
EMPTY: dict[str, str] = {
    # participation
    "participants_per_10k": "Brak uczestników z gmin powiatu wśród wybranych — albo tabela gmin nie ma liczby "
                            "mieszkańców. Wgraj tabelę gmin albo wpisz ją na stronie „Uczestnictwo sektorów”.",
    # proposals
    "status_reached": "Żadna z wybranych propozycji nie została jeszcze wybrana do realizacji.",
    "status_over_time": "Wybrane propozycje nie mają jeszcze historii statusów z datami.",
    "votes_spread": "Żadna z wybranych propozycji nie ma jeszcze liczby głosów.",
    # people
    "cohort": "Kto wraca, widać, gdy wybrano co najmniej dwa odbyte warsztaty.",
    "return_rate": "Powroty widać, gdy wybrano co najmniej dwa odbyte warsztaty.",
    # cooperation
    "multi_sector": "Brak propozycji dla wybranych warsztatów i sektorów.",
    "no_partners": "Żadna z wybranych propozycji nie ma wpisanych partnerów, więc nie widać, czy sektory proponują "
                   "razem. Wpisz partnerów w kolumnie „Partnerzy” tabeli propozycji (oddzielone przecinkiem lub "
                   "średnikiem).",
    "sector_pairs": "Żadna z wybranych propozycji nie ma partnerów, więc nie widać, kto z kim proponuje. Wpisz "
                    "partnerów w kolumnie „Partnerzy” tabeli propozycji (oddzielone przecinkiem lub średnikiem).",
    "diversity": "Brak odbytych warsztatów i propozycji wśród wybranych.",
    # invite
    "invite": "Do porównania potrzebny jest co najmniej jeden odbyty warsztat wśród wybranych.",
    "invite_institutions": "Każda instytucja, która była na wcześniejszych warsztatach, przyszła też na ostatni "
                           "(albo odbył się dopiero jeden warsztat) — nie ma kogo przypominać.",
    # cycles
    "previous_cycle": "To pierwszy cykl w magazynie danych: nie ma wcześniejszego, z którym można go porównać.",
    "cycle_comparison": "Do porównania potrzebne są dwa cykle w magazynie danych. Wgraj dane kolejnego cyklu "
                        "(harmonogram i listy obecności).",
}


def figure(title: str, height: int = 480) -> go.Figure:
    return go.Figure(layout={"title": {"text": title}, "height": height})


def count_axis(fig: go.Figure, largest: float, axis: str = "y") -> None:
    """Whole-number ticks for counts (never 0,5 of a proposal)."""
    if largest <= 12:
        fig.update_layout({f"{axis}axis": {"tick0": 0, "dtick": 1 if largest <= 6 else 2, "tickformat": "d"}})
    else:
        fig.update_layout({f"{axis}axis": {"tickformat": "d"}})


def percent_axis(fig: go.Figure, axis: str = "y") -> None:
    fig.update_layout({f"{axis}axis": {"tickformat": ".0%", "range": [0, 1]}})


def sector_bars(title: str, frame: pd.DataFrame, column: str, texts: list[str], hover: str) -> go.Figure:
    """One horizontal bar per sector (the first row on top), each in its sector's colour, its text outside."""
    ordered = frame.iloc[::-1]
    fig = figure(title, height=max(360, 44 * len(frame) + 120))
    fig.add_bar(y=[SECTOR_LABELS[c] for c in ordered["sector"]], x=ordered[column], orientation="h",
                marker_color=[SECTOR_COLORS[c] for c in ordered["sector"]], text=texts[::-1],
                textposition="outside", cliponaxis=False, hovertemplate=hover, showlegend=False)
    return fig


def empty(fig: go.Figure, key: str) -> go.Figure:
    """The figure with its empty-state sentence in the middle and no axes."""
    fig.add_annotation(text=EMPTY[key], x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 20, "color": MUTED})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig

