"""Slides on people: who comes back (people, institutions) and returns by sector."""

from __future__ import annotations

import pandas as pd

from analysis import charts, metrics
from analysis.report.model import ChartKind, Slide
from analysis.report.slides.kind import At, SlideKind, share_text, slide_kind
from analysis.vocabulary import SECTOR_LABELS


def _cohort_pairs(frame: pd.DataFrame, names: dict[int, str], what: str) -> pd.DataFrame:
    """One row per pair of workshops: "1. Serock → 2. Wieliszew", how many were at the first, how many came again."""
    return pd.DataFrame({"Z warsztatu → na warsztat": [f"{names[int(w)]} → {names[int(j)]}" for w, j in
                                                         zip(frame["workshop"], frame["later"], strict=True)],
                         f"{what} na pierwszym": [int(n) for n in frame["attended"]],
                         f"{what} na obu": [int(n) for n in frame[frame.columns[3]]]})


def _returns(kind: SlideKind, at: At, column: str) -> Slide:
    """Who comes back (``column`` people or institutions): the last pair of workshops in the headline."""
    frame = metrics.cohort(at.view) if column == "people" else metrics.cohort_institutions(at.view)
    if frame.empty:
        return kind.slide("—", charts.EMPTY["cohort"], None, pd.DataFrame())
    who, verb = ("osób", "przyszło na warsztat") if column == "people" else ("instytucji", "było na warsztacie")
    data = _cohort_pairs(frame, at.names, "Osoby" if column == "people" else "Instytucje")
    last = frame.iloc[-1]
    return kind.slide(f"{int(last[column])} z {int(last['attended'])} {who}",
                      f"Tyle {who} z warsztatu {at.names[int(last['workshop'])]} {verb} "
                      f"{at.names[int(last['later'])]} ({share_text(last['share'])}).",
                      charts.cohort_chart(frame, at.names, column), data)


@slide_kind("cohort", "Kto wraca na kolejne warsztaty", sheet="Kto wraca")
def cohort(kind: SlideKind, at: At) -> Slide:
    return _returns(kind, at, "people")


@slide_kind("cohort_institutions", "Kto wraca: instytucje", sheet="Kto wraca - instytucje", projector=False)
def cohort_institutions(kind: SlideKind, at: At) -> Slide:
    return _returns(kind, at, "institutions")


@slide_kind("return_rate", "Powroty według sektorów", chart=ChartKind.BAR, projector=False)
def return_rate(kind: SlideKind, at: At) -> Slide:
    frame = metrics.return_rate_by_sector(at.view)
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in frame["sector"]],
                         "Wróciło": [float(r) for r in frame["rate"]]})
    if frame.empty:
        return kind.slide("—", charts.EMPTY["return_rate"], None, data, shares=("Wróciło",))
    best = frame.sort_values(["rate", "people"], ascending=False).iloc[0]
    return kind.slide(f"{share_text(best['rate'])} — {SECTOR_LABELS[best['sector']]}",
                      "Udział osób, które po pierwszym warsztacie przyszły na któryś z kolejnych, według sektora.",
                      charts.return_rate_chart(frame), data, shares=("Wróciło",))
