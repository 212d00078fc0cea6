"""The slides and the reports made from them, one writer per format.

::

    metrics ──> slides.py ──────────> Report ──┬─> webpage.py  to_html   one offline page: charts, tables, glossary
                SLIDES: each slide             ├─> xlsx.py     to_xlsx   tables with native charts, counts, proposals
                declared once (key, title,     ├─> pptx.py     to_pptx   16:9 deck with editable charts
                sheet, ChartKind, projector,   └─> show.py     to_show   the projector's show, one HTML file
                maker)

One list of slides (a message, a large headline number, one chart and the numbers behind it)
feeds the presentation page and every format, so a report shows the same numbers as the pages,
to the digit. A new slide is one ``@declare(...)`` on its maker in ``slides.py``; every writer
and the presentation page take it from ``SLIDES``. Text that came from an uploaded file stays
text in every format (``analysis.display`` makes it safe for each).
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.dataset import Dataset
from analysis.report.pptx import to_pptx
from analysis.report.show import plotly_file_name, publish_plotly, to_show
from analysis.report.slides import (
    SLIDES,
    VOTE_SLIDES,
    ChartKind,
    Report,
    Slide,
    SlideKind,
    VoteItem,
    build,
    check_workshop,
    declare,
    for_workshop,
)
from analysis.report.webpage import to_html
from analysis.report.xlsx import to_xlsx


def _html(made: Report, dataset: Dataset) -> bytes:
    return to_html(made).encode("utf-8")


def _xlsx(made: Report, dataset: Dataset) -> bytes:
    return to_xlsx(made, dataset)


def _pptx(made: Report, dataset: Dataset) -> bytes:
    return to_pptx(made)


def _slides(made: Report, dataset: Dataset) -> bytes:
    return to_show(made, sample=dataset.is_sample).encode("utf-8")


# every format a report is written in (``python -m analysis report --format``): the file's bytes
WRITERS: dict[str, Callable[[Report, Dataset], bytes]] = {"html": _html, "xlsx": _xlsx, "pptx": _pptx,
                                                         "slides": _slides}

__all__ = ["SLIDES", "VOTE_SLIDES", "WRITERS", "ChartKind", "Report", "Slide", "SlideKind", "VoteItem", "build", "check_workshop",
           "declare", "for_workshop", "plotly_file_name", "publish_plotly", "to_html", "to_pptx", "to_show",
           "to_xlsx"]
