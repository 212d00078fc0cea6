"""Slides on cooperation: proposals spanning sectors, who proposes with whom, the E-I and Blau indices."""

from __future__ import annotations

import pandas as pd

from analysis import charts, metrics
from analysis.display import counted
from analysis.report.model import ChartKind, Slide
from analysis.report.slides.kind import At, SlideKind, index_text, share_text, slide_kind
from analysis.vocabulary import AREA_SHORT_LABELS, SECTOR_LABELS


@slide_kind("cooperation", "Współpraca sektorów w propozycjach", sheet="Współpraca sektorów")
def cooperation(kind: SlideKind, at: At) -> Slide:
    spanned = metrics.multi_sector(at.view)
    frame = metrics.multi_sector_by(at.view, "area")
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         # an area without proposals: none of them spans sectors (0%, the table says of 0)
                         "Co najmniej 2 sektory": [0.0 if pd.isna(v) else float(v) for v in frame["share_2"]],
                         "Co najmniej 3 sektory": [0.0 if pd.isna(v) else float(v) for v in frame["share_3"]]})
    if not spanned.proposals or not metrics.proposals_with_partners(at.view):
        sentence = charts.EMPTY["no_partners" if spanned.proposals else "multi_sector"]
        return kind.slide("—", sentence, None, data, shares=tuple(data.columns[1:]))
    message = (f"Propozycje, których podmiot wiodący i partnerzy są z co najmniej dwóch sektorów: {spanned.at_least_2} "
               f"z {spanned.proposals}; z co najmniej trzech: {spanned.at_least_3} ({share_text(spanned.share_3)}). "
               f"Indeks E-I powiązań: {index_text(metrics.ei_index(at.view), signed=True)}.")
    return kind.slide(f"{share_text(spanned.share_2)} propozycji", message,
                      charts.multi_sector_chart(frame, "area", at.names), data, shares=tuple(data.columns[1:]))


@slide_kind("sector_pairs", "Kto z kim proponuje", chart=ChartKind.BAR, projector=False)
def sector_pairs(kind: SlideKind, at: At) -> Slide:
    matrix = metrics.sector_matrix(at.view)
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in matrix.index],
                         **{SECTOR_LABELS[c]: [int(v) for v in matrix[c]] for c in matrix.columns}})
    if matrix.empty:
        return kind.slide("—", charts.EMPTY["sector_pairs"], None, data)
    pairs = metrics.sector_pairs(at.view)
    top = pairs.sort_values("ties", ascending=False, kind="stable").iloc[0]
    return kind.slide(counted(int(pairs["ties"].sum()), "powiązanie", "powiązania", "powiązań"),
                      f"Najczęściej razem: {SECTOR_LABELS[top['sector_a']]} i {SECTOR_LABELS[top['sector_b']]} "
                      f"({int(top['ties'])}).", charts.sector_matrix_chart(matrix), data)


@slide_kind("diversity", "Współpraca i różnorodność sektorów", sheet="Indeksy E-I i Blaua", projector=False)
def diversity(kind: SlideKind, at: At) -> Slide:
    ei = metrics.ei_by_workshop(at.view)
    blau = metrics.blau_by_workshop(at.view)
    workshops = sorted(set(ei["workshop"]) | set(blau["workshop"]))
    ei_of = dict(zip(ei["workshop"], ei["index"], strict=True))
    blau_of = dict(zip(blau["workshop"], blau["index"], strict=True))
    data = pd.DataFrame({"Warsztat": [at.names.get(w, str(w)) for w in workshops],
                         "Indeks E-I": [None if pd.isna(ei_of.get(w)) else float(ei_of[w]) for w in workshops],
                         "Indeks Blaua": [None if pd.isna(blau_of.get(w)) else float(blau_of[w]) for w in workshops]})
    if not workshops:
        return kind.slide("—", charts.EMPTY["diversity"], None, data)
    return kind.slide(f"E-I {index_text(metrics.ei_index(at.view), signed=True)}",
                      "Indeks E-I powiązań w propozycjach (−1 tylko w obrębie sektorów, +1 tylko między sektorami) "
                      "i indeks Blaua sektorów wśród uczestników każdego warsztatu.",
                      charts.diversity_chart(ei, blau, at.names), data)
