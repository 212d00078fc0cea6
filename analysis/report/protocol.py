"""The protocol of a closed vote written out: one HTML page (``templates/protocol.html``) and an Excel
workbook. What it says comes from ``analysis.voting.protocol`` (the facts, the 49% sentence, the
seal's check); every number from ``analysis.voting.tally``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from analysis import glossary
from analysis.display import PARTNERSHIP, number, percent
from analysis.palette import PRIMARY
from analysis.report.cells import CellValue, print_setup, safe_cell
from analysis.report.templating import render
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting.protocol import DIGEST, Protocol, area_label, balance_sentence, fact_values, facts


def to_html(p: Protocol) -> str:
    """The protocol as one printable page."""
    r = p.result
    return render(
        "protocol.html", p=p, partnership=PARTNERSHIP, primary=PRIMARY, digest=DIGEST, facts=facts(p),
        turnout=[[SECTOR_LABELS[s], number(i), number(c), percent(c / i, 1) if i else "–"]
                 for s, i, c in r.turnout.by_sector]
        + [["Razem", number(r.turnout.issued), number(r.turnout.cast), percent(r.turnout.share, 1)]],
        ranking=[[x.rank, x.number, x.workshop, x.title, area_label(x.area), number(x.votes),
                  "tak" if x.position in p.chosen else ""] for x in r.ranking],
        by_sector_head=["Nr", "Propozycja", *[SECTOR_LABELS[s] for s in r.sectors], "Razem"],
        by_sector=[[x.number, x.title, *[number(x.by_sector.get(s, 0)) for s in r.sectors], number(x.votes)]
                   for x in r.ranking],
        balance=[[SECTOR_LABELS[s], number(n), percent(share, 1)] for s, n, share in r.balance.by_sector]
        + [["Sektor publiczny razem", number(r.balance.public), percent(r.balance.public_share, 1)]],
        balance_sentence=balance_sentence(r.balance),
        terms=_terms())


def _terms() -> list[tuple[str, str]]:
    """The protocol's numbers as the glossary defines them (each key written out: a test finds them)."""
    return [(glossary.label("turnout"), glossary.definition("turnout")),
            (glossary.label("vote_ranking"), glossary.definition("vote_ranking")),
            (glossary.label("votes_by_sector"), glossary.definition("votes_by_sector")),
            (glossary.label("vote_balance"), glossary.definition("vote_balance")),
            (glossary.label("ballot_digest"), glossary.definition("ballot_digest"))]


def to_xlsx(p: Protocol) -> bytes:
    """The protocol as a workbook: its facts on the first sheet, each table on its own."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    r = p.result
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet
    ws.title = "Protokół"
    safe_cell(ws.cell(row=1, column=1), f"Protokół głosowania — warsztat {p.workshop_name}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    safe_cell(ws.cell(row=2, column=1), PARTNERSHIP)
    for i, (label, value) in enumerate(fact_values(p), start=4):
        ws.cell(row=i, column=1, value=label).font = bold
        safe_cell(ws.cell(row=i, column=2), value)  # a count a number, the turnout a share shown in per cent
        if isinstance(value, float):
            ws.cell(row=i, column=2).number_format = "0.0%"
    row = 5 + len(facts(p))
    ws.cell(row=row, column=1, value="Zasada 49%").font = bold
    safe_cell(ws.cell(row=row, column=2), balance_sentence(r.balance))
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 70
    for heading, fact in ws.iter_rows(min_row=4, min_col=1, max_col=2):  # a long sentence within the page, its lines shown
        heading.alignment = Alignment(vertical="top")
        fact.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if isinstance(fact.value, str) and len(fact.value) > 70:
            ws.row_dimensions[fact.row].height = 15 * math.ceil(len(fact.value) / 70)

    def sheet(title: str, head: list[str], rows: Sequence[Sequence[CellValue]], shares: int | None = None) -> None:
        """A sheet of the table ``head`` and ``rows``; column ``shares`` (1-based) holds shares, shown in per cent."""
        s = wb.create_sheet(title)
        for c, h in enumerate(head, start=1):  # a column as wide as its longest text (a title at most 60)
            s.cell(row=1, column=c, value=h).font = bold
            longest = max([len(h), *(len(str(values[c - 1])) for values in rows if isinstance(values[c - 1], str))])
            s.column_dimensions[s.cell(row=1, column=c).column_letter].width = max(12, min(60, longest + 4))
        for i, values in enumerate(rows, start=2):
            for c, v in enumerate(values, start=1):
                safe_cell(s.cell(row=i, column=c), v)
                if c == shares:
                    s.cell(row=i, column=c).number_format = "0.0%"

    sheet("Karty według sektorów", ["Sektor", "Wydane", "Użyte (głosy)", "Frekwencja"],
          [[SECTOR_LABELS[s], i, c, round(c / i, 4) if i else None] for s, i, c in r.turnout.by_sector]
          + [["Razem", r.turnout.issued, r.turnout.cast, round(r.turnout.share, 4)]], shares=4)
    sheet("Wynik", ["Miejsce", "Nr", "Warsztat", "Propozycja", "Obszar", "Głosy", "Wybrana do realizacji"],
          [[x.rank, x.number, x.workshop, x.title, area_label(x.area), x.votes, "tak" if x.position in p.chosen else ""]
           for x in r.ranking])
    sheet("Głosy według sektorów", ["Nr", "Propozycja", *[SECTOR_LABELS[s] for s in r.sectors], "Razem"],
          [[x.number, x.title, *[x.by_sector.get(s, 0) for s in r.sectors], x.votes] for x in r.ranking])
    balance: list[list[CellValue]] = [[SECTOR_LABELS[s], n, round(share, 4)] for s, n, share in r.balance.by_sector]
    sheet("Równowaga sektorów", ["Sektor", "Głosy (karty)", "Udział"],
          balance + [["Sektor publiczny razem", r.balance.public, round(r.balance.public_share, 4)]], shares=3)
    for s in wb.worksheets:  # printed as the report: A4 landscape, one page wide, a table's header on every page
        print_setup(s, title_row=None if s is ws else 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
