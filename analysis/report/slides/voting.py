"""Slides on the hall vote: the list to vote on (paged for the projector) and a closed vote's result."""

from __future__ import annotations

import math

import pandas as pd

from analysis import charts, metrics
from analysis.display import counted, percent, printable
from analysis.report.model import ChartKind, RankItem, Slide, VoteItem, vote_item_lines
from analysis.report.slides.kind import At, SlideKind, slide_kind
from analysis.vocabulary import AREA_SHORT_LABELS, AREAS, SECTOR_LABELS
from analysis.voting import protocol, tally
from analysis.voting.protocol import Protocol

# The list of proposals to vote on, paged so that every page fits a 16:9 slide in large type
# (the show: 32 px titles on 1280×720; PowerPoint: 24 pt on 13.33×7.5 in). A page holds at most
# VOTE_PAGE_ITEMS proposals and VOTE_PAGE_LINES lines; a title takes one line per VOTE_LINE_CHARS
# characters (a cautious count for the width of a slide), its area one more.
VOTE_PAGE_ITEMS = 5
VOTE_PAGE_LINES = 12  # (VOTE_LINE_CHARS: analysis.report.model)
VOTE_TITLE_LIMIT = 240  # longer titles end with "…" on a slide (the reports' tables keep them whole)


def vote_pages(items: list[VoteItem]) -> list[list[VoteItem]]:
    """``items`` split into pages of similar length, each within the page's items and lines."""
    if not items:
        return []
    per_page = math.ceil(len(items) / math.ceil(len(items) / VOTE_PAGE_ITEMS))
    pages: list[list[VoteItem]] = [[]]
    used = 0
    for item in items:
        lines = vote_item_lines(item)
        if pages[-1] and (len(pages[-1]) >= per_page or used + lines > VOTE_PAGE_LINES):
            pages.append([])
            used = 0
        pages[-1].append(item)
        used += lines
    return pages


def vote_item(number: float | None, title: object, area: float | None) -> VoteItem:
    """A proposal as the list prints it: its number, its title on one line (cut when too long), its area."""
    text = " ".join(printable(title).split())
    if len(text) > VOTE_TITLE_LIMIT:
        text = text[:VOTE_TITLE_LIMIT - 1].rstrip() + "…"
    code = None if pd.isna(area) else int(area)
    return VoteItem("–" if pd.isna(number) else str(int(number)), text or "(bez tytułu)",
                    f"Obszar {code} · {AREAS[code]}" if code in AREAS else "bez obszaru", code)


@slide_kind("vote", "Propozycje do głosowania dziś", sheet="Do głosowania dziś")
def vote(kind: SlideKind, at: At) -> list[Slide]:
    waiting = metrics.proposals_to_vote(at.view)
    frame = metrics.to_vote_by_area(at.view)
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         "Propozycje": frame["proposals"].tolist()})
    figure = charts.area_chart(frame)
    figure.update_layout(title={"text": "Propozycje do głosowania według obszarów"})
    headline = counted(len(waiting), "propozycja", "propozycje", "propozycji")
    summary = kind.slide(headline, f"Propozycje zapisane na poprzednich warsztatach, głosowane na warsztacie "
                                   f"{at.names.get(at.workshop, at.workshop)}."
                                   + (" Lista na kolejnych slajdach." if len(waiting) else ""),
                         figure if len(waiting) else None, data)
    listed = [vote_item(n, t, a) for n, t, a in zip(waiting["number"], waiting["title"].fillna(""),
                                                     waiting["area"], strict=True)]
    pages = vote_pages(listed)
    slides = [summary]
    first = 1
    for n, page in enumerate(pages, start=1):
        last = first + len(page) - 1
        slides.append(kind.slide(f"{first}–{last} z {len(listed)}" if first != last else f"{first} z {len(listed)}",
                                 f"Strona {n} z {len(pages)}.", None, pd.DataFrame(),
                                 items=[f"{i.number}. {i.title} ({i.area})" for i in page], page=(n, len(pages)),
                                 votes=page))
        first = last + 1
    return slides


# --- the result of the newest closed vote (numbers from analysis.voting.tally, as on the projector
# and in the protocol); without a closed vote these slides are left out

VOTE_SLIDES = ("vote_result", "vote_balance", "vote_sectors", "vote_protocol")  # made only with a closed vote
VOTE_CHART_ROWS = 5  # proposals in the result's chart (the data, and so every table, hold the whole ranking)


def _proposal_label(number: int, title: str) -> str:
    text = " ".join(printable(title).split())
    return f"{number}. {text[:70].rstrip()}{'…' if len(text) > 70 else ''}"


@slide_kind("vote_result", "Wynik głosowania", chart=ChartKind.BAR)
def vote_result(kind: SlideKind, at: At) -> list[Slide]:
    if at.vote is None:
        return []
    p, r = at.vote, at.vote.result
    frame = _ranking_frame(p)
    data = pd.DataFrame({"Propozycja": [_proposal_label(n, t) for n, t in zip(frame["number"], frame["title"],
                                                                             strict=True)],
                         "Głosy": [int(v) for v in frame["votes"]]})
    top = [x for x in r.ranking if x.rank == 1 and x.votes]
    best = ("Najwięcej głosów: " + ", ".join(f"nr {x.number} „{' '.join(printable(x.title).split())}”" for x in top)
            + f" ({counted(top[0].votes, 'głos', 'głosy', 'głosów')}).") if top else "Nie oddano żadnego głosu."
    closed = f" (zamknięte {p.vote.closed_at:%d.%m.%Y %H:%M})" if p.vote.closed_at else ""
    leading = frame[frame["votes"] > 0].head(VOTE_CHART_ROWS)  # the chart: the leaders, legible on a projector
    figure = charts.ranking_chart(leading, at.names) if len(leading) else None
    if figure is not None:
        shown = f"{len(leading)} z {len(frame)} propozycji" if len(leading) < len(frame) else "wszystkie propozycje"
        figure.update_layout(title={"text": f"Najwięcej głosów ({shown}; pełny ranking w tabeli)"},
                             showlegend=False, xaxis_title=None)  # the projector's room: the bars and their labels
    ranking = [RankItem(int(x.rank), str(x.number), " ".join(printable(x.title).split()) or "(bez tytułu)",
                        int(x.votes), x.area) for x in r.ranking if x.votes][:VOTE_CHART_ROWS]
    return [kind.slide(f"{r.turnout.cast} z {r.turnout.issued} kart",
                       f"Warsztat {p.workshop_name}{closed}. {best}", figure, data, ranking=ranking)]


def _ranking_frame(p: Protocol) -> pd.DataFrame:
    """One row per proposal in the ranking's order: number, title, area, votes and votes per sector."""
    return tally.votes_by_sector_frame(p.result)


@slide_kind("vote_balance", "Kto głosował: sektory", sheet="Głosujący wg sektorów", chart=ChartKind.BAR)
def vote_balance(kind: SlideKind, at: At) -> list[Slide]:
    if at.vote is None:
        return []
    b = at.vote.result.balance
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[s] for s, _, _ in b.by_sector] + ["Sektor publiczny razem"],
                         "Karty (głosy)": [int(n) for _, n, _ in b.by_sector] + [int(b.public)],
                         "Udział w głosach": [float(x) for _, _, x in b.by_sector] + [float(b.public_share)]})
    frame = pd.DataFrame({"sector": [s for s, _, _ in b.by_sector], "share": [x for _, _, x in b.by_sector],
                          "participants": [n for _, n, _ in b.by_sector]})
    figure = charts.sector_share_chart(frame) if len(frame) else None
    if figure is not None:
        figure.update_layout(title={"text": "Udział sektorów wśród głosujących (karty według sektora)"})
    headline = "49%: spełniona" if b.ok else "49%: przekroczona"  # short: the headline's type fills a slide
    return [kind.slide(headline if b.cast else "—", protocol.balance_sentence(b), figure, data,
                       shares=("Udział w głosach",))]


@slide_kind("vote_sectors", "Głosy według sektorów", chart=ChartKind.BAR, projector=False)
def vote_sectors(kind: SlideKind, at: At) -> list[Slide]:
    if at.vote is None:
        return []
    r = at.vote.result
    frame = _ranking_frame(at.vote)
    data = pd.DataFrame({"Propozycja": [_proposal_label(n, t) for n, t in zip(frame["number"], frame["title"],
                                                                             strict=True)],
                         **{SECTOR_LABELS[s]: [int(v) for v in frame[s]] for s in r.sectors}})
    return [kind.slide(counted(len(r.sectors), "sektor", "sektory", "sektorów"),
                       "Głosy na każdą propozycję według sektora karty (karta zapisuje sektor, nigdy osobę).",
                       None, data)]


@slide_kind("vote_protocol", "Protokół głosowania", projector=False)
def vote_protocol(kind: SlideKind, at: At) -> list[Slide]:
    if at.vote is None:
        return []
    p = at.vote
    t = p.result.turnout
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[s] for s, _, _ in t.by_sector],
                         "Karty wydane": [int(i) for _, i, _ in t.by_sector],
                         "Karty użyte": [int(c) for _, _, c in t.by_sector]})
    state = ("NIEZGODNY ze skrótem zapisanym przy zamknięciu — zapis głosowania zmienił się po zamknięciu"
             if not p.digest_matches else "zgodny ze skrótem zapisanym przy zamknięciu"
             + ("" if p.check.ok else ", pieczęć niepotwierdzona"))
    return [kind.slide(f"frekwencja {percent(t.share)}",
                       f"Skrót SHA-256 zapisu głosowania: {p.check.digest} — {state}.", None, data,
                       notes=[f"{label}: {value}" for label, value in protocol.facts(p)])]
