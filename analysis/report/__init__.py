"""The reports and the vote's documents: a report built once from ``metrics``, one writer per format.

::

    metrics ──> build.py ──> Report (model.py) ──┬─> webpage.py  to_html   one offline page: charts, tables, glossary
                slides/: every slide declared     ├─> xlsx.py     to_xlsx   tables with native charts, counts, proposals
                once in its theme's module,       ├─> pptx.py     to_pptx   16:9 deck with editable charts
                ORDER: the one order shown        └─> show.py     to_show   the projector's show, one HTML file

    a closed vote (analysis.voting.protocol) ──> protocol.py   protocol_html, protocol_xlsx
    the vote's cards (analysis.voting.ballot_box) ──> cards.py      cards_html   printable A4 ballot cards
    a survey's own cards (analysis.survey.box)    ──> cards.py      survey_cards_html   the same, opening the survey
    a check-in's addresses (the page) ──> poster.py     checkin_poster_html   the A4 poster with its QR code

    metrics, slides, closed votes ──> evaluation.py ──> Evaluation (evaluation_model.py)
        ──> evaluation_html.py  evaluation_html   the yearly evaluation: A4 print, accessible, inline SVG charts
        ──> evaluation_pdf.py   evaluation_pdf    the same printed to PDF by Chromium

One list of slides (a message, a large headline number, one chart and the numbers behind it)
feeds the presentation page and every format, so a report shows the same numbers as the pages,
to the digit. ``build`` computes everything a writer needs (the slides, the counts of participants,
the institutions to invite, the proposals); a writer imports no metric and only writes. HTML comes
from the autoescaped templates in ``templates/`` (``templating``); workbooks follow ``cells``.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.report.build import build, check_workshop, for_workshop
from analysis.report.cards import cards_html, survey_cards_html
from analysis.report.evaluation import build as build_evaluation
from analysis.report.evaluation_html import to_html as evaluation_html
from analysis.report.evaluation_model import Block, Evaluation, KeyNumber, Section, Source
from analysis.report.evaluation_pdf import to_pdf as evaluation_pdf
from analysis.report.model import ChartKind, Report, Slide, VoteItem
from analysis.report.poster import checkin_poster_html
from analysis.report.pptx import to_pptx
from analysis.report.protocol import to_html as protocol_html
from analysis.report.protocol import to_xlsx as protocol_xlsx
from analysis.report.show import plotly_file_name, publish_plotly, to_show
from analysis.report.slides import SLIDES, VOTE_SLIDES, SlideKind, declare
from analysis.report.webpage import to_html
from analysis.report.xlsx import INVITE_COLUMNS, invite_table, invite_xlsx, to_xlsx


def _slides(made: Report) -> bytes:
    return to_show(made, sample=made.sample).encode("utf-8")


# every format a report is written in (``python -m analysis report --format``): the file's bytes
WRITERS: dict[str, Callable[[Report], bytes]] = {"html": lambda made: to_html(made).encode("utf-8"), "xlsx": to_xlsx,
                                                 "pptx": to_pptx, "slides": _slides}

__all__ = ["INVITE_COLUMNS", "SLIDES", "VOTE_SLIDES", "WRITERS", "Block", "ChartKind", "Evaluation", "KeyNumber",
           "Report", "Section", "Slide", "SlideKind", "Source", "VoteItem",
           "build", "build_evaluation", "cards_html", "check_workshop", "checkin_poster_html", "declare",
           "evaluation_html", "evaluation_pdf", "for_workshop", "invite_table",
           "invite_xlsx", "plotly_file_name", "protocol_html", "protocol_xlsx", "publish_plotly", "survey_cards_html", "to_html",
           "to_pptx", "to_show", "to_xlsx"]
