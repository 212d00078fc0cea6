"""The slides, each declared once, and the report they make: built only from ``metrics``.

A slide is one declaration on its maker::

    @declare("areas", "Propozycje według obszarów", chart=ChartKind.COLUMN)
    def _areas(kind: SlideKind, at: At) -> Slide:
        ...
        return kind.slide(headline, message, figure, data)

The declaration gives the slide's key, its title, its Excel sheet's name (the title unless said
otherwise; at most 31 characters), the kind of native chart the Excel and PowerPoint writers draw
from its data, and whether it is shown on the projector (the show and the PowerPoint deck; the
HTML and Excel reports have every slide). ``SLIDES`` lists the declarations in order; the
presentation page, ``build`` and every writer read it, and the tests are generated from it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from analysis import charts, metrics, vocabulary
from analysis.dataset import Dataset
from analysis.display import counted, number, percent, printable, workshop_names
from analysis.errors import UserError
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
    AREAS,
    GMINA_LABELS,
    SECTOR_GROUP_LABELS,
    SECTOR_LABELS,
    STATUSES,
)

if TYPE_CHECKING:
    from analysis.voting.protocol import Protocol
    from analysis.voting.store import Votes

SHEET_NAME_LIMIT = 31  # Excel cuts a sheet's name here
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet's name


class ChartKind(StrEnum):
    """The native chart the Excel and PowerPoint writers draw from a slide's ``data``."""

    COLUMN = "column"  # vertical bars, one group per category
    BAR = "bar"  # horizontal bars (long category names)
    STACKED100 = "stacked100"  # vertical bars stacked to 100% (shares of a whole)


@dataclass(frozen=True)
class VoteItem:
    """One proposal on the list the room votes on, as every format prints it."""

    number: str
    title: str
    area: str  # "Obszar 1 · Uszczelnianie lokalnych wycieków" or "bez obszaru"
    area_code: int | None


@dataclass(frozen=True)
class RankItem:
    """One of the leaders of a closed vote, as the show lists them: the title whole."""

    rank: int
    number: str
    title: str
    votes: int
    area_code: int | None


@dataclass
class Slide:
    key: str
    title: str
    headline: str  # the large number or short phrase
    message: str  # one sentence
    figure: go.Figure | None
    data: pd.DataFrame  # first column: categories; other columns: numeric series (native charts)
    chart: ChartKind = ChartKind.COLUMN
    items: list[str] = field(default_factory=list)  # e.g. titles of the proposals to vote on
    shares: tuple[str, ...] = ()  # columns of ``data`` that hold shares (0..1), shown as percentages
    sheet: str = ""  # the Excel sheet's name; default: the title, cut to Excel's limit
    page: tuple[int, int] | None = None  # (n, of): one page of a list continued over several slides
    votes: list[VoteItem] = field(default_factory=list)  # the proposals listed on this page
    detail: pd.DataFrame | None = None  # a second, smaller native chart (sectors at the last workshop)
    projector: bool = True  # shown in the show and the PowerPoint deck (the HTML and Excel reports: always)
    notes: list[str] = field(default_factory=list)  # lines the reports print under the slide (a vote's protocol)
    ranking: list[RankItem] = field(default_factory=list)  # a vote's leaders, titles whole (the show lists them)

    def __post_init__(self) -> None:
        if not self.sheet:
            self.sheet = self.title[:SHEET_NAME_LIMIT]


@dataclass(frozen=True)
class At:
    """What a maker builds from: the cycle so far, its workshops' names, the workshop shown at."""

    view: metrics.View
    names: dict[int, str]
    workshop: int
    vote: Protocol | None = None  # the newest closed vote up to this workshop (``analysis.voting.protocol``)


Maker = Callable[["SlideKind", At], "Slide | list[Slide]"]


@dataclass(frozen=True)
class SlideKind:
    """One slide's declaration (see the module's docstring)."""

    key: str
    title: str
    sheet: str
    chart: ChartKind
    projector: bool
    make: Maker

    def slide(self, headline: str, message: str, figure: go.Figure | None, data: pd.DataFrame,
              **more: object) -> Slide:
        """A slide of this kind: its key, title, sheet, chart and place from the declaration (``projector=False``
        keeps a slide with nothing to show out of the show and the deck; the reports still say why)."""
        given: dict[str, object] = {"chart": self.chart, "sheet": self.sheet, "projector": self.projector, **more}
        return Slide(self.key, self.title, headline, message, figure, data, **given)  # type: ignore[arg-type]


SLIDES: dict[str, SlideKind] = {}  # every slide, in the order of the show and the reports


def declare(key: str, title: str, *, sheet: str | None = None, chart: ChartKind = ChartKind.COLUMN,
            projector: bool = True) -> Callable[[Maker], Maker]:
    """Declare the slide ``key`` made by the decorated function (appended to ``SLIDES``)."""
    name = sheet or title
    if key in SLIDES:
        raise ValueError(f"slide {key!r} is declared twice")
    if not 0 < len(name) <= SHEET_NAME_LIMIT or SHEET_FORBIDDEN.search(name) or name != printable(name):
        raise ValueError(f"slide {key!r}: Excel cannot name a sheet {name!r} (at most {SHEET_NAME_LIMIT} "
                         "characters, none of []:*?/\\); declare a shorter sheet=")

    def register(make: Maker) -> Maker:
        SLIDES[key] = SlideKind(key, title, name, ChartKind(chart), projector, make)
        return make

    return register


@dataclass
class Report:
    made_at: dt.datetime
    cycle: str | None
    workshop: int | None  # the workshop the presentation is for
    workshop_name: str
    slides: list[Slide]
    overview: metrics.Overview
    sources: list[dict[str, object]]  # the batches the data came from


def for_workshop(dataset: Dataset, workshop: int | None = None, cycle: str | None = None) -> tuple[metrics.View, int]:
    """The view a presentation at ``workshop`` shows: the held workshops before it (default: next)."""
    base = metrics.View(dataset, metrics.Filters(cycle=cycle))
    if workshop is None:
        upcoming = metrics.next_workshop(base)
        workshop = upcoming.workshop if upcoming else (int(base.schedule["workshop"].max()) + 1
                                                       if not base.schedule.empty else 1)
    before = tuple(int(w) for w in base.schedule["workshop"] if int(w) < workshop)
    return metrics.View(dataset, metrics.Filters(cycle=base.cycle, workshops=before or (0,))), workshop


def build(dataset: Dataset, workshop: int | None = None, keys: list[str] | None = None, cycle: str | None = None,
          sources: list[dict[str, object]] | None = None, votes: Votes | None = None,
          vote: Protocol | None = None) -> Report:
    """The slides ``keys`` (default: every declared slide) for a presentation at ``workshop``.

    With the store's ``votes``, the result of the newest closed vote of the cycle up to that workshop
    is in it too (the vote slides; without a closed vote they are left out); ``vote`` gives that
    vote's protocol directly.
    """
    view, workshop = for_workshop(dataset, workshop, cycle)
    names = workshop_names(view.schedule)
    voted = vote
    if voted is None and votes is not None:
        from analysis.voting import protocol  # here: the protocol's writer imports the report package

        voted = protocol.for_report(votes, view.cycle, workshop)
    at = At(view, names, workshop, voted)
    slides: list[Slide] = []
    for key in list(SLIDES) if keys is None else keys:
        kind = SLIDES.get(key)
        if kind is not None:
            made = kind.make(kind, at)
            slides.extend(made if isinstance(made, list) else [made])
    return Report(dt.datetime.now().replace(microsecond=0), view.cycle, workshop, names.get(workshop, f"{workshop}."),
                  slides, metrics.overview(view), sources or [])


def check_workshop(dataset: Dataset, workshop: int | None, cycle: str | None = None) -> None:
    """Refuse (``UserError``) a report for a workshop the cycle does not have, naming the ones it has.

    Allowed: every workshop of the cycle's schedule, and the default one (the next, or the one after
    the last when the whole cycle is held: a summary of the cycle).
    """
    if workshop is None:
        return
    view, default = for_workshop(dataset, None, cycle)
    names = workshop_names(view.schedule)
    if workshop == default or workshop in names:
        return
    if not names:
        raise UserError(f"Nie ma warsztatu {workshop}: cykl nie ma jeszcze harmonogramu ani list obecności. "
                        f"Raport można zrobić na warsztat {default}.", "no_such_workshop")
    after = f" (albo {default} — podsumowanie po ostatnim warsztacie)" if default not in names else ""
    raise UserError(f"W cyklu {view.cycle} nie ma warsztatu {workshop}. Warsztaty tego cyklu: "
                    f"{', '.join(names[w] for w in sorted(names))}{after}. Podaj numer jednego z nich.", "no_such_workshop")


# --- the slides, in the order they are shown ---------------------------------------------------------


@declare("cycle", "Cykl do tej pory")
def _cycle(kind: SlideKind, at: At) -> Slide:
    summary = metrics.overview(at.view)
    frame = metrics.participants_by_workshop(at.view)
    held = frame[frame["held"]]
    data = pd.DataFrame({"Warsztat": [at.names[w] for w in held["workshop"]],
                         "Uczestnicy": [int(p) for p in held["participants"]]})
    return kind.slide(counted(summary.unique_participants, "osoba", "osoby", "osób"),
                      f"{len(held)} z {summary.workshops_planned} warsztatów za nami; "  # those before this one
                      f"{counted(summary.institutions, 'instytucja', 'instytucje', 'instytucji')}, "
                      f"{counted(summary.proposals, 'propozycja', 'propozycje', 'propozycji')}.",
                      charts.participants_bar(frame, at.names) if not held.empty else None, data)


@declare("sectors", "Kto wziął udział", chart=ChartKind.BAR)
def _sectors(kind: SlideKind, at: At) -> Slide:
    summary = metrics.overview(at.view)
    frame = metrics.sector_share_cycle(at.view)
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in frame["sector"]],
                         "Uczestnicy": [int(p) for p in frame["participants"]]})
    return kind.slide(f"{summary.sectors_represented} z {summary.sectors_total} sektorów",
                      "Udział sektorów wśród uczestników wszystkich dotychczasowych warsztatów.",
                      charts.sector_share_chart(frame) if not frame.empty else None, data)


@declare("balance", "Równowaga sektorów i kogo zabrakło", sheet="Równowaga sektorów", chart=ChartKind.STACKED100)
def _balance(kind: SlideKind, at: At) -> Slide:
    view, names = at.view, at.names
    frame = metrics.balance_by_workshop(view)
    gaps = metrics.sector_gaps(view)
    missing = [SECTOR_LABELS[c] for c in gaps.loc[gaps["status"] != "ok", "sector"]] if not gaps.empty else []
    table = frame.pivot_table(index="workshop", columns="group", values="share", aggfunc="sum").reindex(
        columns=list(metrics.THREE_SECTORS), fill_value=0.0) if not frame.empty else pd.DataFrame()
    data = pd.DataFrame({"Warsztat": [names[w] for w in table.index],
                         **{SECTOR_GROUP_LABELS[g]: [float(v) for v in table[g]] for g in table.columns}})
    headline = (f"indeks {percent(max(0.0, float(frame['index'].iloc[-1])))}" if not frame.empty else "—")
    message = ("Zabrakło lub było wyraźnie mniej: " + ", ".join(missing) + "." if missing
               else "Na ostatnim warsztacie żaden sektor nie zniknął ani nie osłabł wyraźnie.")
    last = names.get(view.held_selected[-1], "") if view.held_selected else ""
    weak = gaps[gaps["status"] != "ok"] if not gaps.empty else gaps
    detail = None  # the weaker sectors' shares, before and at the last workshop (the chart's right half)
    if not weak.empty:
        detail = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in weak["sector"]],
                               "Wcześniejsze warsztaty": [float(v) for v in weak["share_before"]],
                               f"Warsztat {last}": [float(v) for v in weak["share_last"]]})
    figure = charts.balance_gaps_chart(frame, gaps, names, last) if not frame.empty else None
    return kind.slide(headline, message, figure, data, items=missing, shares=tuple(data.columns[1:]), detail=detail)


@declare("areas", "Propozycje według obszarów")
def _areas(kind: SlideKind, at: At) -> Slide:
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


# The list of proposals to vote on, paged so that every page fits a 16:9 slide in large type
# (the show: 32 px titles on 1280×720; PowerPoint: 24 pt on 13.33×7.5 in). A page holds at most
# VOTE_PAGE_ITEMS proposals and VOTE_PAGE_LINES lines; a title takes one line per VOTE_LINE_CHARS
# characters (a cautious count for the width of a slide), its area one more.
VOTE_PAGE_ITEMS = 5
VOTE_PAGE_LINES = 12
VOTE_LINE_CHARS = 52
VOTE_TITLE_LIMIT = 240  # longer titles end with "…" on a slide (the reports' tables keep them whole)


def vote_item_lines(item: VoteItem) -> int:
    """How many lines of the page ``item`` takes: its title's lines and its area's."""
    return max(1, math.ceil(len(item.title) / VOTE_LINE_CHARS)) + 1


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


@declare("vote", "Propozycje do głosowania dziś", sheet="Do głosowania dziś")
def _vote(kind: SlideKind, at: At) -> list[Slide]:
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


@declare("vote_result", "Wynik głosowania", chart=ChartKind.BAR)
def _vote_result(kind: SlideKind, at: At) -> list[Slide]:
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
    from analysis.voting import tally

    return tally.votes_by_sector_frame(p.result)


@declare("vote_balance", "Kto głosował: sektory", sheet="Głosujący wg sektorów", chart=ChartKind.BAR)
def _vote_balance(kind: SlideKind, at: At) -> list[Slide]:
    if at.vote is None:
        return []
    from analysis.voting import protocol

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


@declare("vote_sectors", "Głosy według sektorów", chart=ChartKind.BAR, projector=False)
def _vote_sectors(kind: SlideKind, at: At) -> list[Slide]:
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


@declare("vote_protocol", "Protokół głosowania", projector=False)
def _vote_protocol(kind: SlideKind, at: At) -> list[Slide]:
    if at.vote is None:
        return []
    from analysis.voting import protocol

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


VENUE_LIMIT = 120


@declare("next", "Następny warsztat")
def _next(kind: SlideKind, at: At) -> Slide:
    view, names = at.view, at.names
    schedule = view.schedule
    later = schedule[schedule["workshop"] > at.workshop]
    timeline = metrics.timeline(view)
    data = pd.DataFrame({"Warsztat": [names[w] for w in timeline["workshop"]],
                         "Uczestnicy": [int(p) if not pd.isna(p) else 0 for p in timeline["participants"]]})
    if later.empty:
        return kind.slide("koniec cyklu", "To ostatni warsztat tego cyklu.", charts.timeline_chart(timeline, names),
                          data)
    row = later.iloc[0]
    when = row["date"].strftime("%d.%m.%Y") if hasattr(row["date"], "strftime") else "termin do ustalenia"
    venue = " ".join(printable(row["venue"]).split()) if isinstance(row.get("venue"), str) else ""
    if len(venue) > VENUE_LIMIT:  # one line or two on the slide, whatever the schedule's cell holds
        venue = venue[:VENUE_LIMIT - 1].rstrip() + "…"
    venue = f", {venue}" if venue else ""
    return kind.slide(names[int(row["workshop"])], f"{when}{venue}.", charts.timeline_chart(timeline, names), data)


# =============================================================================================
# Steering the partnership: how sectors work together and who comes back on
# the projector; whom to invite, the sector matrix, the indices and returns in the reports.
# =============================================================================================


def _share(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else percent(float(value))


def _index(value: float | None, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "—"
    return (f"{float(value):+.2f}" if signed else f"{float(value):.2f}").replace(".", ",")


@declare("cooperation", "Współpraca sektorów w propozycjach", sheet="Współpraca sektorów")
def _cooperation(kind: SlideKind, at: At) -> Slide:
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
               f"z {spanned.proposals}; z co najmniej trzech: {spanned.at_least_3} ({_share(spanned.share_3)}). "
               f"Indeks E-I powiązań: {_index(metrics.ei_index(at.view), signed=True)}.")
    return kind.slide(f"{_share(spanned.share_2)} propozycji", message,
                      charts.multi_sector_chart(frame, "area", at.names), data, shares=tuple(data.columns[1:]))


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
                      f"{at.names[int(last['later'])]} ({_share(last['share'])}).",
                      charts.cohort_chart(frame, at.names, column), data)


@declare("cohort", "Kto wraca na kolejne warsztaty", sheet="Kto wraca")
def _cohort(kind: SlideKind, at: At) -> Slide:
    return _returns(kind, at, "people")


@declare("cohort_institutions", "Kto wraca: instytucje", sheet="Kto wraca - instytucje", projector=False)
def _cohort_institutions(kind: SlideKind, at: At) -> Slide:
    return _returns(kind, at, "institutions")


@declare("return_rate", "Powroty według sektorów", chart=ChartKind.BAR, projector=False)
def _return_rate(kind: SlideKind, at: At) -> Slide:
    frame = metrics.return_rate_by_sector(at.view)
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in frame["sector"]],
                         "Wróciło": [float(r) for r in frame["rate"]]})
    if frame.empty:
        return kind.slide("—", charts.EMPTY["return_rate"], None, data, shares=("Wróciło",))
    best = frame.sort_values(["rate", "people"], ascending=False).iloc[0]
    return kind.slide(f"{_share(best['rate'])} — {SECTOR_LABELS[best['sector']]}",
                      "Udział osób, które po pierwszym warsztacie przyszły na któryś z kolejnych, według sektora.",
                      charts.return_rate_chart(frame), data, shares=("Wróciło",))


@declare("sector_pairs", "Kto z kim proponuje", chart=ChartKind.BAR, projector=False)
def _sector_pairs(kind: SlideKind, at: At) -> Slide:
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


@declare("diversity", "Współpraca i różnorodność sektorów", sheet="Indeksy E-I i Blaua", projector=False)
def _diversity(kind: SlideKind, at: At) -> Slide:
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
    return kind.slide(f"E-I {_index(metrics.ei_index(at.view), signed=True)}",
                      "Indeks E-I powiązań w propozycjach (−1 tylko w obrębie sektorów, +1 tylko między sektorami) "
                      "i indeks Blaua sektorów wśród uczestników każdego warsztatu.",
                      charts.diversity_chart(ei, blau, at.names), data)


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


@declare("invite_sectors", "Kogo zaprosić: sektory", sheet="Kogo zaprosić - sektory", chart=ChartKind.BAR, projector=False)
def _invite_sectors(kind: SlideKind, at: At) -> Slide:
    return _invite_slide(kind, at, "sector")


@declare("invite_gminas", "Kogo zaprosić: gminy", sheet="Kogo zaprosić - gminy", chart=ChartKind.BAR, projector=False)
def _invite_gminas(kind: SlideKind, at: At) -> Slide:
    return _invite_slide(kind, at, "gmina")


@declare("invite_institutions", "Instytucje, które przestały przychodzić", sheet="Przestały przychodzić",
         chart=ChartKind.BAR, projector=False)
def _invite_institutions(kind: SlideKind, at: At) -> Slide:
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


# === from idea to project, participants per resident, cycle over cycle ==============

STAGE_COLUMNS = {"selected": "Wybrane do realizacji", "in_progress": "W realizacji", "done": "Zrealizowane"}


@declare("projects", "Od pomysłu do projektu")
def _projects(kind: SlideKind, at: At) -> Slide:
    frame = metrics.status_reached_by_area(at.view)
    table = frame.pivot(index="area", columns="stage", values="proposals").reindex(index=list(AREAS))
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in table.index],
                         **{label: [int(v) for v in table[stage]] for stage, label in STAGE_COLUMNS.items()}})
    totals = {stage: int(frame.loc[frame["stage"] == stage, "proposals"].sum()) for stage in STAGE_COLUMNS}
    message = (f"W realizacji lub zrealizowane: {totals['in_progress']}, zrealizowane: {totals['done']}."
               if totals["selected"] else charts.EMPTY["status_reached"])
    message = f"Wybrane do realizacji: {totals['selected']}. " + message if totals["selected"] else message
    return kind.slide(counted(totals['selected'], 'wybrana', 'wybrane', 'wybranych'), message,
                      charts.status_reached_chart(frame), data)


@declare("status_time", "Statusy propozycji w czasie", chart=ChartKind.STACKED100)
def _status_time(kind: SlideKind, at: At) -> Slide:
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


@declare("votes_spread", "Rozrzut głosów")
def _votes_spread(kind: SlideKind, at: At) -> Slide:
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


@declare("per_10k", "Uczestnicy na 10 000 mieszkańców", sheet="Na 10 000 mieszkańców", chart=ChartKind.BAR)
def _per_10k(kind: SlideKind, at: At) -> Slide:
    frame = metrics.participants_per_10k(at.view)
    rated = frame.dropna(subset=["per_10k"])
    data = pd.DataFrame({"Gmina": [GMINA_LABELS[g] for g in rated["gmina"]],
                         "Na 10 000 mieszkańców": [round(float(v), 1) for v in rated["per_10k"]]})
    if rated.empty or not rated["participants"].any():  # no residents known, or nobody from the county yet
        return kind.slide("—", charts.EMPTY["participants_per_10k"], None, data)
    top = rated.iloc[int(rated["per_10k"].astype(float).to_numpy().argmax())]
    outside = frame.loc[frame["gmina"] == "outside", "participants"]
    apart = f" Spoza powiatu: {counted(int(outside.iloc[0]), 'osoba', 'osoby', 'osób')}." if not outside.empty else ""
    return kind.slide(f"{GMINA_LABELS[top['gmina']]}: {number(float(top['per_10k']), 1)}",
                      f"Najwięcej uczestników na 10 000 mieszkańców.{apart}", charts.per_10k_map(frame), data)


@declare("cycles", "Cykl do cyklu")
def _cycles(kind: SlideKind, at: At) -> Slide:
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


# the show's order: the cycle, who came and from where, who comes back, the areas, how sectors work
# together, the way from idea to project, the vote, this cycle beside the one before, the next
# workshop last; the reports' own slides after them
_SHOW_ORDER = ("cycle", "sectors", "balance", "per_10k", "cohort", "areas", "cooperation", "projects", "status_time",
               "votes_spread", "vote", "vote_result", "vote_balance", "cycles", "next")
_declared = dict(SLIDES)
SLIDES.clear()
SLIDES.update({key: _declared.pop(key) for key in _SHOW_ORDER if key in _declared} | _declared)
