"""What the partnership's yearly evaluation is: sections of blocks, each block a few sentences, the
numbers behind them as a table (charted when ``chart``), the glossary keys that define those numbers and
the files they came from. ``evaluation.build`` makes it from ``metrics``; ``evaluation_html`` writes it.
Nothing here computes a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

SECTIONS = {  # key -> title, in the document's order
    "summary": "Podsumowanie cyklu",
    "participation": "Uczestnictwo",
    "people": "Kto wraca",
    "cooperation": "Jak sektory współpracują",
    "proposals": "Od propozycji do projektu",
    "votes": "Głosowania i zasada 49%",
    "survey": "Głos partnerów: ankieta",
    "cycles": "Cykl obok poprzedniego",
}


@dataclass(frozen=True)
class KeyNumber:
    """One of the cycle's key numbers on the summary page."""

    key: str  # its glossary key
    label: str
    value: str  # as printed
    section: str  # the key of the section that shows it with its definition and sources


@dataclass(frozen=True)
class Block:
    """One part of a section: a title, a headline, sentences, the numbers as a table (first column: what is
    counted; the others: numbers), a chart of that table or not, the glossary keys of its numbers and the files
    the numbers came from."""

    title: str
    headline: str = ""
    text: tuple[str, ...] = ()
    data: pd.DataFrame | None = None
    shares: tuple[str, ...] = ()  # columns of ``data`` that hold shares (0..1)
    chart: bool = False  # draw ``data`` as horizontal bars (at most a page of them)
    series: tuple[str, ...] = ()  # the columns the chart draws (none named: every column of numbers)
    limit: float | None = None  # a share the chart marks with a line (the 49% rule)
    precise: tuple[str, ...] = ()  # columns of ``data`` printed with two decimals (indices)
    terms: tuple[str, ...] = ()  # glossary keys of the numbers shown
    sources: tuple[str, ...] = ()  # the files (or records) the numbers came from
    missing: bool = False  # what is not there: no survey, no gender recorded — said plainly
    items: tuple[str, ...] = ()  # a list printed as written (the survey's open answers)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    blocks: list[Block]


@dataclass(frozen=True)
class Source:
    """A file (a batch of the store) the report's numbers came from."""

    file: str
    sheet: str
    kind: str  # in Polish
    workshop: str
    rows: int
    imported_at: str


@dataclass
class Evaluation:
    """The evaluation of one cycle, as ``evaluation.build`` makes it: every writer writes only this."""

    cycle: str | None
    previous: str | None  # the cycle before, compared with
    made_at: dt.datetime
    partnership: str
    office: str
    summary: list[KeyNumber]
    sections: list[Section]
    terms: list[tuple[str, str, str]]  # (key, term, definition) of every glossary key used, in the order first used
    sources: list[Source]
    sample: bool = False  # made from the sample (invented people)
    notes: list[str] = field(default_factory=list)  # what the report does not hold yet, said plainly
