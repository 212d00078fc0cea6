"""Slides on whom to invite: sectors and gminas under their reference, institutions that stopped coming."""

from __future__ import annotations

import pandas as pd

from analysis import charts, metrics, vocabulary
from analysis.display import counted
from analysis.report.model import ChartKind, Slide
from analysis.report.slides.kind import At, SlideKind, slide_kind
from analysis.vocabulary import GMINA_LABELS, SECTOR_LABELS


def _invite_slide(kind: SlideKind, at: At, what: str) -> Slide:
    frame = metrics.representation(at.view, what)
    held = at.view.held_selected
    labels_of = SECTOR_LABELS if what == "sector" else GMINA_LABELS
    last = at.names.get(held[-1], "") if held else ""
    data = pd.DataFrame({"Sektor" if what == "sector" else "Gmina": [labels_of[c] for c in frame["code"]],
                         f"Warsztat {last}": [float(v) for v in frame["last_share"]],
                         "Odniesienie": [float(v) for v in frame["reference"]]})
    shares = tuple(data.columns[1:])
    if frame.empty:
        return kind.slide("—", charts.EMPTY["invite"], None, data, shares=shares)
    weak = frame[frame["status"] != "ok"]
    upcoming = metrics.invite_for(at.view)
    next_name = at.names.get(upcoming, "kolejny") if upcoming else "kolejny"
    message = ("Zaproś więcej: " + ", ".join(f"{labels_of[c]} (brakuje {int(n)})" if n else labels_of[c]
                                             for c, n in zip(weak["code"], weak["shortfall"], strict=True)) + "."
               if not weak.empty else f"Na warsztacie {last} nikogo nie zabrakło względem odniesienia.")
    return kind.slide(counted(len(weak), "słabo reprezentowany", "słabo reprezentowane", "słabo reprezentowanych"),
                      message, charts.invite_chart(frame, what, last, next_name), data, shares=shares,
                      items=[labels_of[c] for c in weak["code"]])


@slide_kind("invite_sectors", "Kogo zaprosić: sektory", sheet="Kogo zaprosić - sektory", chart=ChartKind.BAR, projector=False)
def invite_sectors(kind: SlideKind, at: At) -> Slide:
    return _invite_slide(kind, at, "sector")


@slide_kind("invite_gminas", "Kogo zaprosić: gminy", sheet="Kogo zaprosić - gminy", chart=ChartKind.BAR, projector=False)
def invite_gminas(kind: SlideKind, at: At) -> Slide:
    return _invite_slide(kind, at, "gmina")


@slide_kind("invite_institutions", "Instytucje, które przestały przychodzić", sheet="Przestały przychodzić",
         chart=ChartKind.BAR, projector=False)
def invite_institutions(kind: SlideKind, at: At) -> Slide:
    """How many institutions of each sector stopped coming. Their names are only in the Excel report (its
    sheet "Kogo zaprosić - instytucje") and on the page: the HTML report names no attending institution."""
    frame = metrics.invite_institutions(at.view)
    counts = frame["sector"].value_counts()
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in vocabulary.SECTOR_CODES if counts.get(c, 0)],
                         "Instytucje": [int(counts[c]) for c in vocabulary.SECTOR_CODES if counts.get(c, 0)]})
    if frame.empty:
        return kind.slide("—", charts.EMPTY["invite_institutions"], None, data)
    last = at.names.get(at.view.held_selected[-1], "")
    return kind.slide(counted(len(frame), "instytucja", "instytucje", "instytucji"),
                      f"Były na wcześniejszych warsztatach, nie było ich na warsztacie {last}. Ich lista jest "
                      "w raporcie Excel i na stronie „Kogo zaprosić”.", None, data)
