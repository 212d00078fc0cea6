"""The partnership's yearly evaluation of one cycle, built once from ``metrics`` and the hall's closed votes.

::

    summary        the cycle's key numbers                    people       who comes back: returning, cohorts
    participation  sectors, balance, gminas per 10 000        cooperation  ≥2/≥3 sectors, E-I, Blau, network density
    proposals      areas, the funnel, statuses over time      votes        every closed vote with its 49% check
    survey         the partners' survey by factor, sector   cycles       this cycle beside the one before

The blocks that the show and the reports already have come from their slides (``slides.SLIDES``), built for
the whole cycle; the others from ``metrics`` here. Every block names the glossary keys of its numbers
(``SLIDE_TERMS`` for the slides) and the files of the store they came from (``SLIDE_SOURCES``: kinds of
batches); the survey's blocks are ``evaluation_survey``'s. What the store does not hold (a survey, gender and age)
is a block that says so. A writer
(``evaluation_html``) only writes the ``Evaluation``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis import config, glossary, metrics
from analysis.dataset import Dataset
from analysis.display import OFFICE, PARTNERSHIP, counted, figure_source, number, percent, workshop_names
from analysis.report import evaluation_survey
from analysis.report.build import build as build_report
from analysis.report.evaluation_model import SECTIONS, Block, Evaluation, KeyNumber, Section, Source
from analysis.report.model import Slide
from analysis.report.slides.kind import index_text, share_text
from analysis.survey.box import Surveys
from analysis.vocabulary import GMINA_LABELS, KIND_LABELS, SECTOR_LABELS
from analysis.voting import protocol, tally
from analysis.voting.ballot_box import Votes
from analysis.voting.protocol import Protocol

# the slides each section takes, in order, and whether the block draws its table as bars
SECTION_SLIDES: dict[str, tuple[tuple[str, bool], ...]] = {
    "participation": (("cycle", True), ("sectors", True), ("balance", True), ("per_10k", True)),
    "people": (("cohort", True), ("cohort_institutions", True), ("return_rate", True)),
    "cooperation": (("cooperation", True), ("diversity", True), ("sector_pairs", False)),
    "proposals": (("areas", True), ("projects", True), ("status_time", False)),
    "votes": (("votes_spread", True),),
    "cycles": (("cycles", True),),
}
SLIDE_TERMS: dict[str, tuple[str, ...]] = {  # the glossary keys of a slide's numbers
    "cycle": ("workshops_held", "participants", "unique_participants", "institutions", "proposals"),
    "sectors": ("sectors_represented", "sector_share"),
    "balance": ("balance", "sector_gaps"),
    "per_10k": ("participants_per_10k",),
    "cohort": ("cohort",),
    "cohort_institutions": ("cohort_institutions",),
    "return_rate": ("return_rate_by_sector",),
    "cooperation": ("proposals_multi_sector_2", "proposals_multi_sector_3", "ei_index"),
    "diversity": ("ei_index", "blau_index"),
    "sector_pairs": ("sector_pairs",),
    "areas": ("proposals_by_area",),
    "projects": ("status_reached",),
    "status_time": ("status_over_time", "status_history"),
    "votes_spread": ("votes", "votes_spread"),
    "cycles": ("cycle_comparison",),
}
ATTENDANCE = ("workshops", "attendance")
PROPOSALS = ("workshops", "proposals", "status", "votes")
COOPERATION = ("attendance", "proposals")  # partners' sectors come from the attendance lists
SLIDE_SOURCES: dict[str, tuple[str, ...]] = {  # the kinds of batches a slide's numbers come from
    "cycle": ATTENDANCE + ("proposals",), "sectors": ATTENDANCE, "balance": ATTENDANCE,
    "per_10k": ATTENDANCE + ("gminas",), "cohort": ATTENDANCE, "cohort_institutions": ATTENDANCE,
    "return_rate": ATTENDANCE, "cooperation": COOPERATION, "diversity": COOPERATION, "sector_pairs": COOPERATION,
    "areas": ("proposals",), "projects": PROPOSALS, "status_time": PROPOSALS, "votes_spread": ("proposals", "votes"),
    "cycles": ATTENDANCE,
}
TITLES = {"cycle": "Uczestnicy warsztatów cyklu", "sectors": "Sektory uczestników"}  # a slide's title, for a whole cycle
PRECISE = ("Indeks E-I", "Indeks Blaua")  # columns printed with two decimals
COMPARED = {"workshops_held": "Warsztaty odbyte", "participants": "Uczestnicy (osoba na każdym warsztacie)",
            "unique_participants": "Unikalni uczestnicy", "institutions": "Instytucje", "proposals": "Propozycje",
            "selected": "Propozycje wybrane do realizacji"}


class _Files:
    """The files (batches) of the store whose data a number comes from: by kind and cycle, in the store's order."""

    def __init__(self, batches: Sequence[dict[str, object]], cycle: str | None) -> None:
        self.batches, self.cycle = batches, cycle

    def __call__(self, kinds: Iterable[str], cycles: Iterable[str | None] | None = None) -> tuple[str, ...]:
        wanted, of = set(kinds), {str(c) for c in (cycles if cycles is not None else [self.cycle])}
        return tuple(dict.fromkeys(str(b["file"]) for b in self.batches
                                   if b.get("kind") in wanted and str(b.get("cycle")) in of))


def build(dataset: Dataset, cycle: str | None = None, sources: Sequence[dict[str, object]] = (),
          votes: Votes | None = None, protocols: list[Protocol] | None = None, surveys: Surveys | None = None
          ) -> Evaluation:
    """The evaluation of ``cycle`` (default: the current one; refused, ``UserError``, when the store lacks it):
    ``sources`` are the store's batches (``Batch.as_dict``), ``votes`` the hall's votes (or their ``protocols``),
    ``surveys`` the partners' surveys (default: the votes' store's)."""
    metrics.refuse_unknown(dataset, cycle, None, command_line=True)
    view = metrics.View(dataset, metrics.Filters(cycle=cycle))
    cycle = view.cycle
    after_last = int(view.schedule["workshop"].max()) + 1 if not view.schedule.empty else 1
    made = build_report(dataset, after_last, keys=[k for keys in SECTION_SLIDES.values() for k, _ in keys],
                              cycle=cycle)  # the whole cycle: every workshop before the one after the last
    slides = {s.key: s for s in made.slides}
    names = workshop_names(view.schedule)
    files = _Files(sources, cycle)
    previous = metrics.previous_cycle(dataset, cycle)
    if protocols is None:
        protocols = protocol.for_cycle(votes, cycle) if votes is not None else []
    if surveys is None and votes is not None:
        surveys = Surveys(votes.store)

    def from_slides(key: str) -> list[Block]:
        return [_slide_block(slides[k], chart, files(SLIDE_SOURCES[k])) for k, chart in SECTION_SLIDES[key]
                if k in slides]

    sections = [
        Section("participation", SECTIONS["participation"],
                "Kto przychodził na warsztaty cyklu: ile osób i instytucji, z jakich sektorów i gmin.",
                [*from_slides("participation"), _population(view, files),
                 *_gender_and_age(view, cycle, names, files)]),
        Section("people", SECTIONS["people"], "Czy uczestnicy i instytucje wracają na kolejne warsztaty cyklu.",
                [_returning(view, names, files), *from_slides("people")]),
        Section("cooperation", SECTIONS["cooperation"],
                "Czy propozycje projektów łączą instytucje różnych sektorów i jak gęsta jest sieć ich współpracy.",
                [*from_slides("cooperation"), _density(view, files)]),
        Section("proposals", SECTIONS["proposals"],
                "Jak propozycje z warsztatów przechodzą do realizacji: obszary, etapy i statusy w czasie.",
                from_slides("proposals")),
        Section("votes", SECTIONS["votes"],
                "Każde głosowanie na sali z udziałem sektorów wśród głosujących i sprawdzeniem zasady 49%.",
                [*_votes(protocols, cycle), *from_slides("votes")]),
        Section("survey", SECTIONS["survey"], "Ocena partnerstwa przez samych partnerów.",
                evaluation_survey.blocks(surveys, cycle, previous, names)),
        Section("cycles", SECTIONS["cycles"], "Ten cykl obok cyklu, który był przed nim.",
                _cycles(dataset, cycle, previous, files) + from_slides("cycles") if previous else [_no_previous(cycle)]),
    ]
    summary = _summary(view, names, protocols)
    used = [*(n.key for n in summary), *(t for s in sections for b in s.blocks for t in b.terms)]
    terms = [(key, *glossary.GLOSSARY[key]) for key in dict.fromkeys(used)]
    shown = {f for s in sections for b in s.blocks for f in b.sources}
    listed = [_source(b) for b in sources if str(b["file"]) in shown]
    return Evaluation(cycle, previous, dt.datetime.now().replace(microsecond=0), PARTNERSHIP, OFFICE, summary,
                      sections, terms, listed, dataset.is_sample,
                      notes=[b.text[0] for s in sections for b in s.blocks if b.missing])


def _slide_block(slide: Slide, chart: bool, sources: tuple[str, ...]) -> Block:
    data = slide.data if not slide.data.empty else None
    headline = "" if slide.headline == "—" else slide.headline
    return Block(TITLES.get(slide.key, slide.title), headline, (slide.message,), data, slide.shares,
                 chart and data is not None and slide.figure is not None, terms=SLIDE_TERMS[slide.key],
                 sources=sources, precise=tuple(c for c in PRECISE if data is not None and c in data.columns))


def _summary(view: metrics.View, names: dict[int, str], protocols: list[Protocol]) -> list[KeyNumber]:
    """The cycle's key numbers, each shown again, with its definition and files, in the section named."""
    o = metrics.overview(view)
    spanned = metrics.multi_sector(view)
    network = metrics.network_density(view)
    reached = metrics.status_reached(view)
    found = [
        KeyNumber("workshops_held", glossary.label("workshops_held"), f"{o.workshops_held} z {o.workshops_planned}",
                  "participation"),
        KeyNumber("unique_participants", glossary.label("unique_participants"), number(o.unique_participants),
                  "participation"),
        KeyNumber("institutions", glossary.label("institutions"), number(o.institutions), "participation"),
        KeyNumber("sectors_represented", glossary.label("sectors_represented"),
                  f"{o.sectors_represented} z {o.sectors_total}", "participation"),
    ]
    returning = metrics.new_and_returning(view)
    if not returning.empty:
        last = returning.iloc[-1]
        came = int(last["new"]) + int(last["returning"])
        found.append(KeyNumber("returning_participants", glossary.label("returning_participants"),
                               f"{number(int(last['returning']))} z {number(came)} (warsztat "
                               f"{names.get(int(last['workshop']), str(last['workshop']))})", "people"))
    found += [
        KeyNumber("proposals", glossary.label("proposals"), number(o.proposals), "participation"),
        KeyNumber("proposals_multi_sector_2", glossary.label("proposals_multi_sector_2"),
                  f"{share_text(spanned.share_2)} ({spanned.at_least_2} z {spanned.proposals})", "cooperation"),
        KeyNumber("proposals_multi_sector_3", glossary.label("proposals_multi_sector_3"),
                  f"{share_text(spanned.share_3)} ({spanned.at_least_3} z {spanned.proposals})", "cooperation"),
        KeyNumber("ei_index", glossary.label("ei_index"), index_text(metrics.ei_index(view), signed=True),
                  "cooperation"),
        KeyNumber("network_density", glossary.label("network_density"), index_text(network.density), "cooperation"),
        KeyNumber("status_reached", glossary.label("status_reached"),
                  f"wybrane do realizacji: {reached['selected']}, w realizacji: {reached['in_progress']}, "
                  f"zrealizowane: {reached['done']}", "proposals"),
    ]
    kept = sum(p.result.balance.ok for p in protocols if p.result.balance.cast)
    found.append(KeyNumber("vote_balance", glossary.label("vote_balance"),
                           f"spełniona w {kept} z {counted(len(protocols), 'głosowania', 'głosowań', 'głosowań')}"
                           if protocols else "nie głosowano w panelu", "votes"))
    return found


def _population(view: metrics.View, files: _Files) -> Block:
    """Every gmina's participants, residents, the residents' year and source, and the rate per 10 000."""
    frame = metrics.participants_per_10k(view)
    figures = metrics.gmina_table(view)
    title = "Liczba mieszkańców: skąd i z którego roku"
    if figures.empty:
        return Block(title, text=("Magazyn nie ma tabeli gmin z liczbą mieszkańców, więc liczby uczestników na 10 000 "
                                  "mieszkańców nie są policzone. Tabelę gmin wgrywa się na stronie „Import danych” "
                                  "albo wpisuje na stronie „Uczestnictwo sektorów”.",),
                     terms=("participants_per_10k",), sources=files(ATTENDANCE), missing=True)
    said = dict.fromkeys((figure_source(s, y) or "źródło i rok nie podane", str(c))
                         for s, y, c in zip(figures["source"], figures["year"], figures["cycle_of_figure"], strict=True))
    origin = "; ".join(source + ("" if of == str(view.cycle) else f" (tabela gmin cyklu {of})")
                       for source, of in said)
    data = pd.DataFrame({"Gmina": [GMINA_LABELS.get(str(g), str(g)) for g in frame["gmina"]],
                         "Uczestnicy": [int(n) for n in frame["participants"]],
                         "Mieszkańcy": frame["population"].astype("Int64").to_numpy(),
                         "Rok": [None if pd.isna(y) else str(int(y)) for y in frame["year"]],
                         "Źródło": frame["source"].astype("object").tolist(),
                         "Na 10 000 mieszkańców": frame["per_10k"].astype("Float64").to_numpy()})
    return Block(title, text=(f"Liczba mieszkańców gmin według tabeli gmin w magazynie: {origin}.",), data=data,
                 terms=("participants_per_10k",),
                 sources=files(ATTENDANCE) + files(("gminas",), set(figures["cycle_of_figure"].astype(str))))


def _gender_and_age(view: metrics.View, cycle: str | None, names: dict[int, str], files: _Files) -> list[Block]:
    """Shares of gender and of age group per workshop and in the cycle (``metrics.attribute_shares``, small
    groups suppressed) where the lists or the check-in recorded them; a sentence saying so where they did not."""
    shares = metrics.attribute_shares(view, config.min_group_size())
    if shares.empty:
        return [Block("Płeć i wiek uczestników",
                      text=(f"Listy obecności cyklu {cycle} nie zawierają płci ani grupy wieku uczestników — tych "
                            "danych nie zebrano, więc raport ich nie pokazuje.",), missing=True)]
    blocks = []
    for attribute, title in (("gender", "Płeć uczestników"), ("age_group", "Grupa wieku uczestników")):
        table = metrics.attribute_table(shares, attribute, names)
        if table.empty:
            continue
        blocks.append(Block(title, text=(
            "Dane dobrowolne, podane na liście obecności albo przy rejestracji; udział wśród uczestników warsztatu "
            "i różnych osób cyklu (liczba osób w nawiasie). „<3”: mniej niż 3 osoby; „ukryto”: grupa ukryta, by "
            "z sumy nie dało się odtworzyć małej grupy. Nigdy przy osobie.",), data=table,
            terms=("attribute_shares",), sources=files(ATTENDANCE)))
    return blocks


def _returning(view: metrics.View, names: dict[int, str], files: _Files) -> Block:
    frame = metrics.new_and_returning(view)
    title = "Nowi i powracający uczestnicy"
    if frame.empty:
        return Block(title, text=("W cyklu nie odbył się jeszcze żaden warsztat.",), terms=("returning_participants",))
    data = pd.DataFrame({"Warsztat": [names.get(int(w), str(w)) for w in frame["workshop"]],
                         "Nowi": [int(n) for n in frame["new"]], "Powracający": [int(n) for n in frame["returning"]]})
    last = frame.iloc[-1]
    came = int(last["new"]) + int(last["returning"])
    return Block(title, f"{number(int(last['returning']))} z {number(came)}",
                 (f"Na ostatnim warsztacie ({data['Warsztat'].iloc[-1]}) {number(int(last['returning']))} "
                  f"z {counted(came, 'osoby', 'osób', 'osób')} było już na którymś wcześniejszym warsztacie cyklu.",),
                 data, chart=True, terms=("returning_participants",), sources=files(ATTENDANCE))


def _density(view: metrics.View, files: _Files) -> Block:
    network = metrics.network_density(view)
    data = pd.DataFrame({"Sieć współpracy instytucji": ["Instytucje (N)", "Powiązania (E)", "Gęstość 2E / (N(N − 1))"],
                         "Wartość": pd.Series([network.institutions, network.ties, index_text(network.density)],
                                              dtype="object")})
    text = (f"{counted(network.institutions, 'instytucja', 'instytucje', 'instytucji')} na propozycjach cyklu, "
            f"{counted(network.ties, 'powiązanie', 'powiązania', 'powiązań')} między nimi: współpracowało "
            f"{share_text(network.density)} wszystkich możliwych par instytucji." if network.density is not None
            else "Na propozycjach cyklu jest mniej niż dwie instytucje: sieci współpracy nie ma.")
    return Block(glossary.label("network_density"), "" if network.density is None else
                 f"gęstość {index_text(network.density)}", (text,), data, terms=("network_density",),
                 sources=files(COOPERATION))


def _votes(protocols: list[Protocol], cycle: str | None) -> list[Block]:
    """Every closed vote of the cycle: who cast the ballots, the 49% check, the ranking."""
    if not protocols:
        return [Block("Głosowania na sali", text=(
            f"W cyklu {cycle} nie głosowano w panelu (kartami z kodem QR, telefonem lub na papierze). Głosy zapisane "
            "w pliku propozycji nie mówią, z jakiego sektora pochodzą, więc zasady 49% nie da się dla nich "
            "sprawdzić.",), terms=("vote_balance",), missing=True)]
    blocks = []
    for p in protocols:
        balance, turnout = p.result.balance, p.result.turnout
        record = (f"zapis głosowania w magazynie danych (skrót SHA-256: {p.vote.digest})",)
        closed = f"{p.vote.closed_at:%d.%m.%Y %H:%M}" if p.vote.closed_at else "–"
        data = pd.DataFrame({"Sektor": [SECTOR_LABELS[s] for s, _, _ in balance.by_sector] + ["Sektor publiczny razem"],
                             "Głosy (karty)": [int(n) for _, n, _ in balance.by_sector] + [int(balance.public)],
                             "Udział": [float(v) for _, _, v in balance.by_sector] + [float(balance.public_share)]})
        verdict = ("zasada 49% spełniona" if balance.ok else "zasada 49% niespełniona") if balance.cast else ""
        blocks.append(Block(
            f"Głosowanie na warsztacie {p.workshop_name}", verdict,
            (f"Zamknięte {closed}. Oddano {counted(turnout.cast, 'głos', 'głosy', 'głosów')} z {number(turnout.issued)} "
             f"wydanych kart (frekwencja {percent(turnout.share, 1)}).", protocol.balance_sentence(balance)),
            data if balance.cast else None, shares=("Udział",), chart=bool(balance.cast), series=("Udział",),
            limit=tally.BALANCE_LIMIT,
            terms=("turnout", "vote_balance"), sources=record))
        ranking = pd.DataFrame({"Miejsce": [r.rank for r in p.result.ranking], "Nr": [r.number for r in p.result.ranking],
                                "Propozycja": [r.title for r in p.result.ranking],
                                "Głosy": [r.votes for r in p.result.ranking]})
        blocks.append(Block(f"Wynik głosowania na warsztacie {p.workshop_name}", text=(
            "Propozycje na karcie od największej liczby głosów.",), data=ranking, terms=("vote_ranking",),
            sources=record))
    return blocks


def _no_previous(cycle: str | None) -> Block:
    return Block("Poprzedni cykl", text=(
        f"W magazynie nie ma cyklu wcześniejszego niż {cycle} — nie ma z czym porównać.",),
        terms=("cycle_comparison",))


def _cycles(dataset: Dataset, cycle: str | None, previous: str, files: _Files) -> list[Block]:
    """The totals of both cycles and their cooperation, side by side."""
    second = str(cycle)
    comparison = metrics.compare_cycles(dataset, previous, second)
    changes = {key: comparison.change(key) for key in COMPARED}
    totals = pd.DataFrame({"Liczba": list(COMPARED.values()),
                           f"Cykl {previous}": [changes[k][0] for k in COMPARED],
                           f"Cykl {second}": [changes[k][1] for k in COMPARED],
                           "Zmiana": [f"{changes[k][2]:+d}".replace("-", "−") for k in COMPARED]})
    both = (previous, second)
    views = [metrics.View(dataset, metrics.Filters(cycle=c)) for c in both]
    spans = [metrics.multi_sector(v) for v in views]
    together = pd.DataFrame({
        "Współpraca": [glossary.label("proposals_multi_sector_2"), glossary.label("proposals_multi_sector_3"),
                       glossary.label("ei_index"), glossary.label("network_density")],
        **{f"Cykl {c}": [share_text(s.share_2), share_text(s.share_3), index_text(metrics.ei_index(v), signed=True),
                         index_text(metrics.network_density(v).density)]
           for c, v, s in zip(both, views, spans, strict=True)}})
    unique = comparison.change("unique_participants")
    return [
        Block("Cykl do cyklu: sumy", f"{number(unique[0])} → {number(unique[1])}",
              (f"Unikalni uczestnicy: {number(unique[0])} w cyklu {previous}, {number(unique[1])} w cyklu {second}.",),
              totals, terms=("cycle_comparison", "unique_participants"), sources=files(PROPOSALS + ("attendance",), both)),
        Block("Cykl do cyklu: współpraca sektorów", text=(
            "Te same miary współpracy policzone dla każdego z dwóch cykli.",), data=together,
            terms=("proposals_multi_sector_2", "proposals_multi_sector_3", "ei_index", "network_density"),
            sources=files(COOPERATION, both)),
    ]


def _source(batch: dict[str, object]) -> Source:
    workshop = batch.get("workshop")
    return Source(str(batch["file"]), str(batch.get("sheet") or ""), KIND_LABELS.get(str(batch["kind"]), str(batch["kind"])),
                  "" if workshop is None else str(workshop), int(batch.get("rows") or 0),  # type: ignore[call-overload]
                  str(batch.get("imported_at") or "").replace("T", " "))
