"""The protocol of a closed vote, as one HTML page and as an Excel workbook.

It holds the workshop, the times the vote was opened and closed, cards issued and used by sector,
the votes per proposal and per sector, the sector balance with the 49% check, and the SHA-256 of
the vote's whole record (``analysis.voting.seal``) — the one sealed when the vote was closed and the
one of the record now, with what changed and whether the seal holds. Every number comes from
``analysis.voting.tally``.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from analysis import glossary
from analysis.display import PARTNERSHIP, PRIMARY, number, percent, printable
from analysis.errors import UserError
from analysis.report.xlsx import CellValue, print_setup, safe_cell
from analysis.vocabulary import AREAS, SECTOR_LABELS
from analysis.voting import seal, tally
from analysis.voting.store import Choice, Vote, Votes

DIGEST = "Skrót zapisu głosowania"  # the SHA-256 of the whole record: ballot, cards, times, ballots
CHANNELS = {"phone": "telefon", "paper": "karta papierowa (wpisana ręcznie)"}


@dataclass(frozen=True)
class Protocol:
    vote: Vote
    workshop_name: str
    choices: list[Choice]
    result: tally.Result
    chosen: set[int]  # positions marked "wybrana do realizacji" in the saved result (none before saving)
    channels: dict[str, int]
    made_at: dt.datetime
    check: seal.Check  # the record now against its seal

    @property
    def digest_matches(self) -> bool:
        """Nothing changed since the vote was sealed, and the seal is not forged."""
        return self.check.matches


def build(votes: Votes, vote_id: str, workshop_name: str) -> Protocol:
    vote = votes.get(vote_id)
    if vote.state != "closed":
        raise UserError("Protokół powstaje po zamknięciu głosowania — najpierw je zamknij.", "vote_not_closed")
    ballots = votes.ballots(vote_id)
    channels = {str(k): int(v) for k, v in ballots["channel"].value_counts().items()} if len(ballots) else {}
    return Protocol(vote, workshop_name, votes.choices(vote_id), votes.result(vote_id), votes.saved(vote_id)[1],
                    channels, dt.datetime.now().replace(microsecond=0), votes.check(vote_id))


def record_state(check: seal.Check) -> tuple[str, str, list[str]]:
    """Whether the stored record still matches the protocol, for a page: the level (ok | unconfirmed |
    mismatch), one Polish sentence, and what differs or is worth knowing."""
    if not check.matches:
        return ("mismatch", "Zapis głosowania w magazynie jest NIEZGODNY z protokołem z chwili zamknięcia — "
                            "wyniku nie należy uznawać bez wyjaśnienia, co zmieniono:", check.problems + check.notes)
    if check.unconfirmed is not None:
        return ("unconfirmed", "Zapis głosowania zgadza się ze skrótem w magazynie, ale pieczęć jest "
                               f"{check.unconfirmed}.", check.notes)
    return ("ok", "Zapis głosowania w magazynie jest zgodny z protokołem: od zamknięcia nie zmieniono propozycji "
                  f"na karcie, kart, godzin ani głosów (pieczęć {check.seal_state()}).", check.notes)


def for_report(votes: Votes, cycle: str | None, workshop: int) -> Protocol | None:
    """The protocol a report at ``workshop`` shows: the newest closed vote of ``cycle`` held at that workshop
    or, when none was, at the latest earlier one; None when the cycle has no closed vote up to there."""
    closed = [v for v in votes.all() if v.state == "closed" and v.cycle == str(cycle) and v.workshop <= workshop]
    if not closed:
        return None
    vote = max(closed, key=lambda v: (v.workshop, v.closed_at or v.created_at, v.created_at))
    return build(votes, vote.id, votes.workshop_name(vote))


def balance_sentence(balance: tally.Balance) -> str:
    if not balance.cast:
        return "Nie oddano żadnego głosu."
    if balance.ok:
        return (f"Zasada 49% spełniona: żaden sektor ani sektor publiczny jako całość nie oddał więcej niż 49% "
                f"głosów (sektor publiczny: {percent(balance.public_share, 1)}).")
    over = [("sektor publiczny jako całość" if s == "public" else f"sektor „{SECTOR_LABELS[s]}”") for s in balance.over]
    shares = {s: share for s, _, share in balance.by_sector} | {"public": balance.public_share}
    named = ", ".join(f"{name} ({percent(shares[s], 1)})" for name, s in zip(over, balance.over, strict=True))
    return (f"Uwaga: zasada 49% nie jest spełniona — więcej niż 49% głosów oddał {named}. Rozważ, czy wynik może "
            f"być podstawą wyboru ({tally.LEGAL_BASIS}).")


def _when(value: dt.datetime | None) -> str:
    return f"{value:%d.%m.%Y %H:%M:%S}" if value else "–"


def _area(code: int | None) -> str:
    return f"{code}. {AREAS[code]}" if code in AREAS else "bez obszaru"


def facts(p: Protocol) -> list[tuple[str, str]]:
    """The protocol's facts as text: counts the Polish way, the turnout in per cent."""
    return [(label, value if isinstance(value, str) else number(value) if isinstance(value, int)
             else percent(value, 1)) for label, value in fact_values(p)]


def fact_values(p: Protocol) -> list[tuple[str, str | int | float]]:
    """The protocol's facts: counts as whole numbers, the turnout as a share of 1 (a float), the rest text."""
    t = p.result.turnout
    return [
        ("Warsztat", p.workshop_name), ("Cykl", p.vote.cycle),
        ("Głosowanie otwarto", _when(p.vote.opened_at)), ("Głosowanie zamknięto", _when(p.vote.closed_at)),
        ("Wyborów na karcie", f"do {p.vote.max_choices}"), ("Propozycji na karcie", len(p.choices)),
        ("Karty wydane", int(t.issued)), ("Karty użyte (głosy)", int(t.cast)),
        ("Frekwencja", float(t.share)),
        *[(f"Głosy: {CHANNELS.get(k, k)}", int(v)) for k, v in sorted(p.channels.items())],
        (f"{DIGEST} przy zamknięciu (SHA-256)", p.vote.digest or "–"),
        (f"{DIGEST} teraz (SHA-256)", p.check.digest),
        ("Zgodność skrótów", p.check.state()),
        ("Pieczęć", p.check.seal_state()),
        ("Protokół sporządzono", _when(p.made_at)),
    ]


def _esc(value: object) -> str:
    return html.escape(printable(str(value)))


def _table(head: list[str], rows: Sequence[Sequence[object]]) -> str:
    return ("<table><tr>" + "".join(f"<th>{_esc(h)}</th>" for h in head) + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in row) + "</tr>" for row in rows) + "</table>")


def to_html(p: Protocol) -> str:
    r = p.result
    parts = [
        "<!doctype html><html lang='pl'><head><meta charset='utf-8'>",
        f"<title>Protokół głosowania – warsztat {_esc(p.workshop_name)}</title>",
        "<style>body{font-family:Arial,'Liberation Sans',sans-serif;margin:2rem auto;max-width:1000px;color:#14202e}"
        f"h1{{font-size:1.7rem}}h2{{margin-top:2rem;border-bottom:2px solid {PRIMARY}}}"
        "table{border-collapse:collapse;"
        "margin:.5rem 0}td,th{border:1px solid #9aa5ad;padding:.3rem .6rem;text-align:left}.warn{background:#fdecea;"
        "border-left:6px solid #c0392b;padding:.6rem 1rem}.ok{background:#e8f5e9;border-left:6px solid #2e7d32;"
        "padding:.6rem 1rem}code{word-break:break-all}@media print{body{margin:1cm}}</style></head><body>",
        f"<p>{_esc(PARTNERSHIP)}</p><h1>Protokół głosowania — warsztat {_esc(p.workshop_name)}</h1>",
        _table(["", ""], [[k, v] for k, v in facts(p)]),
        "<h2>Karty wydane i użyte według sektorów</h2>",
        _table(["Sektor", "Wydane", "Użyte (głosy)", "Frekwencja"],
               [[SECTOR_LABELS[s], number(i), number(c), percent(c / i, 1) if i else "–"]
                for s, i, c in r.turnout.by_sector]
               + [["Razem", number(r.turnout.issued), number(r.turnout.cast), percent(r.turnout.share, 1)]]),
        "<h2>Wynik: głosy na propozycje</h2>",
        _table(["Miejsce", "Nr", "Warsztat", "Propozycja", "Obszar", "Głosy", "Wybrana do realizacji"],
               [[x.rank, x.number, x.workshop, x.title, _area(x.area), number(x.votes),
                 "tak" if x.position in p.chosen else ""] for x in r.ranking]),
        "<h2>Głosy według sektorów</h2>",
        _table(["Nr", "Propozycja", *[SECTOR_LABELS[s] for s in r.sectors], "Razem"],
               [[x.number, x.title, *[number(x.by_sector.get(s, 0)) for s in r.sectors], number(x.votes)]
                for x in r.ranking]),
        "<h2>Równowaga sektorów głosujących (zasada 49%)</h2>",
        _table(["Sektor", "Głosy (karty)", "Udział"],
               [[SECTOR_LABELS[s], number(n), percent(share, 1)] for s, n, share in r.balance.by_sector]
               + [["Sektor publiczny razem", number(r.balance.public), percent(r.balance.public_share, 1)]]),
        f"<p class='{'ok' if r.balance.ok else 'warn'}'>{_esc(balance_sentence(r.balance))}</p>",
        f"<h2>{DIGEST}</h2>",
        f"<p>Przy zamknięciu: <code>{_esc(p.vote.digest or '–')}</code><br>Teraz: <code>{_esc(p.check.digest)}</code></p>",
        f"<p class='{'ok' if p.check.ok else 'warn'}'>Zgodność: {_esc(p.check.state())}.</p>",
        *[f"<p class='warn'>{_esc(problem)}</p>" for problem in p.check.problems],
        f"<p class='{'warn' if p.check.unconfirmed else 'ok'}'>Pieczęć: {_esc(p.check.seal_state())}.</p>",
        *[f"<p>{_esc(note)}</p>" for note in p.check.notes],
        "<h2>Definicje</h2><dl>",
    ]
    for term, text in _terms():
        parts.append(f"<dt><b>{_esc(term)}</b></dt><dd>{_esc(text)}</dd>")
    parts.append("</dl></body></html>")
    return "".join(parts)


def _terms() -> list[tuple[str, str]]:
    """The protocol's numbers as the glossary defines them (each key written out: a test finds them)."""
    return [(glossary.label("turnout"), glossary.definition("turnout")),
            (glossary.label("vote_ranking"), glossary.definition("vote_ranking")),
            (glossary.label("votes_by_sector"), glossary.definition("votes_by_sector")),
            (glossary.label("vote_balance"), glossary.definition("vote_balance")),
            (glossary.label("ballot_digest"), glossary.definition("ballot_digest"))]


def to_xlsx(p: Protocol) -> bytes:
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
          [[x.rank, x.number, x.workshop, x.title, _area(x.area), x.votes, "tak" if x.position in p.chosen else ""]
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
