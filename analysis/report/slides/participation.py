"""Slides on participation: the cycle so far, who came, the sectors' balance, per 10 000 residents,
the next workshop."""

from __future__ import annotations

import pandas as pd

from analysis import charts, metrics
from analysis.display import counted, figure_source, number, percent, printable
from analysis.report.model import ChartKind, Slide
from analysis.report.slides.kind import At, SlideKind, slide_kind
from analysis.vocabulary import GMINA_LABELS, SECTOR_GROUP_LABELS, SECTOR_LABELS


@slide_kind("cycle", "Cykl do tej pory")
def cycle(kind: SlideKind, at: At) -> Slide:
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


@slide_kind("sectors", "Kto wziął udział", chart=ChartKind.BAR)
def sectors(kind: SlideKind, at: At) -> Slide:
    summary = metrics.overview(at.view)
    frame = metrics.sector_share_cycle(at.view)
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in frame["sector"]],
                         "Uczestnicy": [int(p) for p in frame["participants"]]})
    return kind.slide(f"{summary.sectors_represented} z {summary.sectors_total} sektorów",
                      "Udział sektorów wśród uczestników wszystkich dotychczasowych warsztatów.",
                      charts.sector_share_chart(frame) if not frame.empty else None, data)


@slide_kind("balance", "Równowaga sektorów i kogo zabrakło", sheet="Równowaga sektorów", chart=ChartKind.STACKED100)
def balance(kind: SlideKind, at: At) -> Slide:
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


@slide_kind("per_10k", "Uczestnicy na 10 000 mieszkańców", sheet="Na 10 000 mieszkańców", chart=ChartKind.BAR)
def per_10k(kind: SlideKind, at: At) -> Slide:
    frame = metrics.participants_per_10k(at.view)
    rated = frame.dropna(subset=["per_10k"])
    data = pd.DataFrame({"Gmina": [GMINA_LABELS[g] for g in rated["gmina"]],
                         "Na 10 000 mieszkańców": [round(float(v), 1) for v in rated["per_10k"]]})
    if rated.empty or not rated["participants"].any():  # no residents known, or nobody from the county yet
        return kind.slide("—", charts.EMPTY["participants_per_10k"], None, data)
    top = rated.iloc[int(rated["per_10k"].astype(float).to_numpy().argmax())]
    outside = frame.loc[frame["gmina"] == "outside", "participants"]
    apart = f" Spoza powiatu: {counted(int(outside.iloc[0]), 'osoba', 'osoby', 'osób')}." if not outside.empty else ""
    sources = "; ".join(filter(None, dict.fromkeys(map(figure_source, rated["source"], rated["year"]))))
    residents = f" Liczba mieszkańców: {sources}." if sources else ""
    return kind.slide(f"{GMINA_LABELS[top['gmina']]}: {number(float(top['per_10k']), 1)}",
                      f"Najwięcej uczestników na 10 000 mieszkańców.{apart}{residents}", charts.per_10k_map(frame),
                      data)


VENUE_LIMIT = 120


@slide_kind("next", "Następny warsztat")
def next_workshop(kind: SlideKind, at: At) -> Slide:
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
