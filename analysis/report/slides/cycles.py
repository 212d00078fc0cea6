"""Slides on cycles: this cycle beside the one before."""

from __future__ import annotations

import pandas as pd

from analysis import charts, metrics
from analysis.display import number
from analysis.report.model import Slide
from analysis.report.slides.kind import At, SlideKind, slide_kind


@slide_kind("cycles", "Cykl do cyklu")
def cycles(kind: SlideKind, at: At) -> Slide:
    first = metrics.previous_cycle(at.view.dataset, at.view.cycle)
    if first is None or at.view.cycle is None:  # no cycle before: not an empty page on the projector
        return kind.slide("—", charts.EMPTY["previous_cycle"], None, pd.DataFrame(), projector=False)
    second = str(at.view.cycle)
    comparison = metrics.compare_cycles(at.view.dataset, first, second)
    table = comparison.per_workshop.pivot(index="workshop", columns="cycle", values="participants")
    table = table.reindex(columns=[first, second]).fillna(0)
    data = pd.DataFrame({"Warsztat": [f"Warsztat {int(w)}" for w in table.index],
                         **{f"Cykl {c}": [int(v) for v in table[c]] for c in (first, second)}})
    unique = comparison.summary.set_index("cycle")["unique_participants"].astype(int).to_dict()
    return kind.slide(f"{first} i {second}",
                      f"Unikalni uczestnicy: {number(unique[first])} w cyklu {first}, "
                      f"{number(unique[second])} w cyklu {second}.",
                      charts.cycle_workshops_chart(comparison.per_workshop, comparison.cycles), data)
