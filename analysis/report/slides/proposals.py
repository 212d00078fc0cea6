"""Slides on proposals: areas, from idea to project, statuses over time, the spread of votes."""

from __future__ import annotations

import pandas as pd

from analysis import charts, metrics
from analysis.display import counted, number
from analysis.report.model import ChartKind, Slide
from analysis.report.slides.kind import At, SlideKind, slide_kind
from analysis.vocabulary import AREA_SHORT_LABELS, AREAS, STATUSES


@slide_kind("areas", "Propozycje według obszarów")
def areas(kind: SlideKind, at: At) -> Slide:
    frame = metrics.proposals_by_area(at.view)
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         "Propozycje": [int(p) for p in frame["proposals"]]})
    total = int(frame["proposals"].sum())
    most = frame[frame["proposals"] == frame["proposals"].max()]
    if not total:
        message = "Nie zapisano jeszcze żadnej propozycji."
    elif len(most) == 1:
        message = (f"Najwięcej w obszarze „{AREAS[int(most['area'].iloc[0])]}”: "
                   f"{int(most['proposals'].iloc[0])} z {total}.")
    else:
        message = (f"Najwięcej, po {int(most['proposals'].iloc[0])}, w obszarach "
                   + ", ".join(f"„{AREAS[int(a)]}”" for a in most["area"]) + ".")
    return kind.slide(counted(total, "propozycja", "propozycje", "propozycji"), message, charts.area_chart(frame), data)


STAGE_COLUMNS = {"selected": "Wybrane do realizacji", "in_progress": "W realizacji", "done": "Zrealizowane"}


@slide_kind("projects", "Od pomysłu do projektu")
def projects(kind: SlideKind, at: At) -> Slide:
    frame = metrics.status_reached_by_area(at.view)
    table = frame.pivot(index="area", columns="stage", values="proposals").reindex(index=list(AREAS))
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in table.index],
                         **{label: [int(v) for v in table[stage]] for stage, label in STAGE_COLUMNS.items()}})
    totals = metrics.status_reached(at.view)
    message = (f"W realizacji lub zrealizowane: {totals['in_progress']}, zrealizowane: {totals['done']}."
               if totals["selected"] else charts.EMPTY["status_reached"])
    message = f"Wybrane do realizacji: {totals['selected']}. " + message if totals["selected"] else message
    return kind.slide(counted(totals['selected'], 'wybrana', 'wybrane', 'wybranych'), message,
                      charts.status_reached_chart(frame), data)


@slide_kind("status_time", "Statusy propozycji w czasie", chart=ChartKind.STACKED100)
def status_time(kind: SlideKind, at: At) -> Slide:
    frame = metrics.status_over_time(at.view)
    shown = [s for s in STATUSES if not frame.empty and frame.loc[frame["status"] == s, "proposals"].any()]
    table = (frame.pivot(index="date", columns="status", values="proposals").reindex(columns=shown)
             if not frame.empty else pd.DataFrame())
    data = pd.DataFrame({"Dzień": [d.strftime("%d.%m.%Y") for d in table.index],
                         **{STATUSES[s]: [int(v) for v in table[s]] for s in shown}})
    days = len(table.index)
    message = (f"Stan propozycji w {days} dniach, w których zmieniał się status." if days
               else charts.EMPTY["status_over_time"])
    return kind.slide(counted(days, "zmiana", "zmiany", "zmian") if days else "—", message,
                      charts.status_over_time_chart(frame) if days else None, data)


@slide_kind("votes_spread", "Rozrzut głosów")
def votes_spread(kind: SlideKind, at: At) -> Slide:
    frame = metrics.votes_spread(at.view)
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS.get(int(a), "Wszystkie obszary") for a in frame["area"]],
                         "Najmniej": [int(v) for v in frame["lowest"]],
                         "Mediana": [float(v) for v in frame["median"]],
                         "Najwięcej": [int(v) for v in frame["highest"]]})
    everything = frame[frame["area"] == 0]
    if everything.empty:
        return kind.slide("—", charts.EMPTY["votes_spread"], None, data)
    row = everything.iloc[0]
    return kind.slide(f"mediana {number(float(row['median']), 1)}",
                      f"Od {int(row['lowest'])} do {int(row['highest'])} głosów na propozycję "
                      f"({counted(int(row['proposals']), 'propozycja', 'propozycje', 'propozycji')} z głosami).",
                      charts.votes_spread_chart(frame), data)
