"""Every field of the three tables, declared once: everything that lists fields is derived from here.

A field is a column a sheet may hold (a header the reader recognises) or a column of a canonical
table (what the store keeps and every view reads), or both. Its one declaration says:

- ``label``: its Polish name (messages, the import page); ``heading``: its shorter heading in the
  tables a person sees (the import preview), ``headings`` where a kind of table calls it otherwise;
- ``phrases``: the headers (folded: lower case, no diacritics, words only) that name it;
- ``kinds``: the kinds of table whose sheets are read for it; ``rereadings``: in which kind a
  column of it is read as another field ("Nr" of a proposal is its number, "Instytucja" its lead);
- ``canonical``: the kinds whose canonical table (and store table) has it, with ``dtype`` (pandas)
  and ``sql`` (the store's column; ``sql_in`` where one kind's table differs);
- ``correctable``: the kinds in which the import page lets a person choose its column;
- ``key``: a header row must name at least one key field (a row of "Funkcja" and "Grupa" is not a header);
- ``use``: data, or read but not data (the ordinal), or ignored (a signature), or private and never
  copied (e-mail, phone);
- ``template``: its column in the downloadable templates (width, drop-down list, header).

Adding a field is one declaration here plus its use (how ``analysis.reading.normalise`` turns its
cells into values, and a migration in ``analysis/store/migrations/versions/`` if the store keeps it).
This module imports nothing heavy: the reader, the store's schema and the templates all read it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from types import MappingProxyType


class TableKind(StrEnum):
    """The kind of a table; a ``StrEnum``, so ``kind == "attendance"`` still holds."""

    ATTENDANCE = "attendance"  # lista obecności: one row per person per workshop
    PROPOSALS = "proposals"  # propozycje projektów of a workshop
    WORKSHOPS = "workshops"  # harmonogram: one row per workshop of a cycle
    GMINAS = "gminas"  # tabela gmin: one row per gmina of a cycle's partnership (residents, year, source)


A, P, W, G = TableKind.ATTENDANCE, TableKind.PROPOSALS, TableKind.WORKSHOPS, TableKind.GMINAS
ALL_KINDS = frozenset(TableKind)
WORKSHOP_KINDS = frozenset((A, P, W))  # the kinds whose rows belong to a workshop
ONE_WORKSHOP_KINDS = frozenset((A, P))  # the kinds of one workshop's list (a schedule or gmina table is a cycle's)


class Use(Enum):
    DATA = "data"  # a value of the table, or what one is made of
    MARKER = "marker"  # read, but not data: the ordinal ("Lp.") tells numbered empty lines and total lines
    IGNORED = "ignored"  # neither data nor read: a signature
    PRIVATE = "private"  # personal data the dashboard never copies: e-mail addresses, phone numbers


@dataclass(frozen=True)
class Sql:
    """A column of the store: ``type`` is text | string | integer | date; ``required``: NOT NULL."""

    type: str
    length: int | None = None
    required: bool = False


TEXT = Sql("text")
INTEGER = Sql("integer")
DATE = Sql("date")


@dataclass(frozen=True)
class TemplateColumn:
    """A field's column in a downloadable template; ``header`` defaults to the field's heading there."""

    width: int
    choices: str | None = None  # sectors | gminas | areas | statuses: a drop-down list of the vocabulary
    header: str | None = None


def _frozen(mapping: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, eq=False)
class Field:
    name: str
    label: str
    phrases: tuple[str, ...] = ()
    kinds: frozenset[TableKind] = frozenset()
    canonical: frozenset[TableKind] = frozenset()
    dtype: str = "str"  # str | Int64 | date (datetime.date values)
    sql: Sql = TEXT
    sql_in: Mapping[TableKind, Sql] = field(default_factory=_frozen)
    correctable: frozenset[TableKind] = frozenset()
    key: bool = False
    use: Use = Use.DATA
    rereadings: Mapping[TableKind, str] = field(default_factory=_frozen)
    heading: str | None = None
    headings: Mapping[TableKind, str] = field(default_factory=_frozen)
    shown: bool = True  # in the import page's preview of the tables that have it
    template: Mapping[TableKind, TemplateColumn] = field(default_factory=_frozen)

    def __post_init__(self) -> None:  # the mappings of a declaration cannot change afterwards
        for name in ("sql_in", "rereadings", "headings", "template"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    def heading_in(self, kind: TableKind) -> str:
        """The field's heading in a table of ``kind`` shown to a person."""
        return self.headings.get(kind) or self.heading or self.label

    def sql_of(self, kind: TableKind) -> Sql:
        """The store's column of this field in the table of ``kind``."""
        return self.sql_in.get(kind, self.sql)


def _kinds(*kinds: TableKind) -> frozenset[TableKind]:
    return frozenset(kinds)


# The order of declaration is the order of the canonical tables' columns (and of the store's),
# of the import page's choices and of the templates' columns.
FIELDS: tuple[Field, ...] = (
    Field("cycle", "Cykl", ("cykl", "edycja"), kinds=_kinds(W, G), canonical=ALL_KINDS,
          sql=Sql("string", 32, required=True), shown=False),
    Field("workshop", "Warsztat",
          ("warsztat", "nr warsztatu", "numer warsztatu", "spotkanie", "warsztaty", "nr spotkania"),
          kinds=WORKSHOP_KINDS, canonical=WORKSHOP_KINDS, dtype="Int64", sql=Sql("integer", required=True),
          correctable=WORKSHOP_KINDS, key=True, headings={W: "Nr"}, template={W: TemplateColumn(6)}),
    Field("ordinal", "Lp.", ("lp", "l p", "nr", "nr kolejny", "numer kolejny", "lp nr", "nr lp", "poz", "pozycja", "no"),
          kinds=ALL_KINDS, use=Use.MARKER, rereadings={P: "number", W: "workshop"}, template={A: TemplateColumn(6)}),
    Field("date", "Data", ("data", "data warsztatu", "termin", "data spotkania", "dzien"),
          kinds=WORKSHOP_KINDS, canonical=_kinds(W), dtype="date", sql=DATE, correctable=_kinds(A, W), key=True,
          template={W: TemplateColumn(12)}),
    Field("name", "Imię i nazwisko", (
        "imie i nazwisko", "nazwisko i imie", "imie nazwisko", "nazwisko imie", "uczestnik",
        "imie i nazwisko uczestnika", "osoba", "dane uczestnika", "uczestnik uczestniczka",
        "osoba reprezentujaca", "imiona i nazwiska", "imie i nazwisko osoby", "nazwisko i imiona",
    ), kinds=_kinds(A), correctable=_kinds(A), key=True, template={A: TemplateColumn(28)}),
    Field("last_name", "Nazwisko", ("nazwisko",), kinds=_kinds(A), correctable=_kinds(A), key=True),
    Field("first_name", "Imię", ("imie", "imiona"), kinds=_kinds(A), correctable=_kinds(A), key=True),
    # the person's name (or its two halves) as read; the store keeps only its keyed pseudonym
    Field("person", "Uczestnik", canonical=_kinds(A), sql=Sql("string", 40, required=True)),
    Field("institution", "Instytucja", (
        "instytucja", "organizacja", "nazwa instytucji", "instytucja organizacja", "nazwa organizacji",
        "podmiot", "nazwa podmiotu", "firma", "reprezentowana instytucja", "reprezentowany podmiot",
        "miejsce pracy", "instytucja firma", "jednostka", "zaklad pracy", "nazwa firmy",
        "instytucja firma organizacja", "reprezentowana organizacja",
    ), kinds=_kinds(A), canonical=_kinds(A), correctable=_kinds(A), key=True, rereadings={P: "lead"},
        template={A: TemplateColumn(40)}),
    Field("sector", "Sektor", (
        "sektor", "reprezentowany sektor", "rodzaj instytucji", "typ instytucji", "rodzaj podmiotu",
        "typ podmiotu", "branza", "kategoria", "sektor branza",
    ), kinds=_kinds(A), canonical=_kinds(A), sql=Sql("string", 32, required=True), correctable=_kinds(A), key=True,
        rereadings={P: "lead_sector"}, template={A: TemplateColumn(28, "sectors")}),
    Field("gmina", "Gmina / miejscowość", (
        "miejscowosc", "gmina", "gmina pochodzenia", "miejscowosc gmina", "skad", "miasto",
        "gmina zamieszkania", "gmina siedziby", "siedziba", "miejscowosc siedziby", "gmina miejscowosc",
    ), kinds=_kinds(A, G), canonical=_kinds(A, W, G), sql=Sql("string", 16, required=True), sql_in={W: TEXT},
        correctable=_kinds(A, G), rereadings={W: "host"}, heading="Gmina",
        template={A: TemplateColumn(18, "gminas"), W: TemplateColumn(16, "gminas"), G: TemplateColumn(18, "gminas")}),
    # the gmina a workshop is held in; its canonical column is the workshops table's "gmina"
    Field("host", "Gmina gospodarz", ("gmina gospodarz", "gospodarz", "gmina goszczaca", "gmina organizator"),
          kinds=_kinds(W), correctable=_kinds(W), key=True),
    Field("venue", "Miejsce",
          ("miejsce", "lokalizacja", "sala", "miejsce warsztatu", "adres", "obiekt", "miejsce spotkania"),
          kinds=_kinds(W), canonical=_kinds(W), correctable=_kinds(W), template={W: TemplateColumn(44)}),
    Field("role", "Funkcja", ("funkcja", "stanowisko", "rola", "funkcja stanowisko", "stanowisko funkcja"),
          kinds=_kinds(A), canonical=_kinds(A), correctable=_kinds(A), template={A: TemplateColumn(18)}),
    Field("number", "Nr propozycji", ("nr propozycji", "numer propozycji", "nr projektu", "numer projektu", "id propozycji"),
          kinds=_kinds(P), canonical=_kinds(P), dtype="Int64", sql=INTEGER, correctable=_kinds(P),
          rereadings={W: "workshop"}, heading="Nr", template={P: TemplateColumn(6)}),
    Field("group", "Grupa",
          ("grupa", "grupa tematyczna", "nr grupy", "numer grupy", "stolik", "zespol", "grupa robocza"),
          kinds=_kinds(A, P), canonical=_kinds(A, P), correctable=_kinds(A, P),
          template={A: TemplateColumn(12), P: TemplateColumn(12)}),
    Field("area", "Obszar", ("obszar", "obszar tematyczny", "obszar propozycji", "nr obszaru", "obszar dzialania"),
          kinds=_kinds(P), canonical=_kinds(P), dtype="Int64", sql=INTEGER, correctable=_kinds(P), key=True,
          template={P: TemplateColumn(44, "areas")}),
    Field("title", "Tytuł", (
        "tytul propozycji", "tytul", "tytul projektu", "nazwa projektu", "propozycja", "propozycja projektu",
        "nazwa propozycji", "projekt", "temat", "temat warsztatu", "nazwa", "pomysl", "nazwa pomyslu",
    ), kinds=_kinds(P, W), canonical=_kinds(P, W), correctable=_kinds(P, W), key=True, headings={W: "Temat"},
        template={P: TemplateColumn(44, header="Tytuł propozycji"), W: TemplateColumn(44)}),
    Field("description", "Opis", (
        "opis", "opis propozycji", "krotki opis", "opis projektu", "cel", "cel projektu", "opis dzialan",
        "zakres", "dzialania",
    ), kinds=_kinds(P), canonical=_kinds(P), correctable=_kinds(P), shown=False, template={P: TemplateColumn(60)}),
    Field("lead", "Podmiot wiodący", (
        "podmiot wiodacy", "lider", "lider projektu", "wnioskodawca", "instytucja wiodaca", "realizator",
        "podmiot odpowiedzialny", "podmiot realizujacy", "odpowiedzialny", "partner wiodacy",
        "instytucja zglaszajaca", "zglaszajacy",
    ), kinds=_kinds(P), canonical=_kinds(P), correctable=_kinds(P), template={P: TemplateColumn(36)}),
    Field("lead_sector", "Sektor podmiotu wiodącego",
          ("sektor podmiotu wiodacego", "sektor lidera", "sektor wnioskodawcy", "sektor realizatora"),
          kinds=_kinds(P), canonical=_kinds(P), sql=Sql("string", 32), correctable=_kinds(P),
          template={P: TemplateColumn(28, "sectors")}),
    Field("partners", "Partnerzy",
          ("partnerzy", "partner", "podmioty partnerskie", "partnerzy projektu", "potencjalni partnerzy"),
          kinds=_kinds(P), canonical=_kinds(P), correctable=_kinds(P), template={P: TemplateColumn(40)}),
    Field("votes", "Liczba głosów", (
        "liczba glosow", "glosy", "glosow", "liczba punktow", "punkty", "wynik glosowania", "glosowanie",
        "oddane glosy",
    ), kinds=_kinds(P), canonical=_kinds(P), dtype="Int64", sql=INTEGER, correctable=_kinds(P), heading="Głosy",
        template={P: TemplateColumn(12, header="Liczba głosów")}),
    Field("status", "Status", ("status", "etap", "status propozycji", "stan"),
          kinds=_kinds(P), canonical=_kinds(P), sql=Sql("string", 16, required=True), correctable=_kinds(P),
          template={P: TemplateColumn(22, "statuses")}),
    # the day a proposal's status was set: read from a later proposals file, kept in the status's update
    Field("status_date", "Data statusu",
          ("data statusu", "status na dzien", "stan na dzien", "data zmiany statusu", "data zmiany"),
          kinds=_kinds(P), dtype="date", correctable=_kinds(P)),
    # the gmina table: residents of each gmina of a cycle's partnership (participants per 10 000 residents)
    Field("population", "Liczba mieszkańców",
          ("liczba mieszkancow", "mieszkancy", "ludnosc", "liczba ludnosci", "populacja", "mieszkancow"),
          kinds=_kinds(G), canonical=_kinds(G), dtype="Int64", sql=INTEGER, correctable=_kinds(G), key=True,
          heading="Mieszkańcy", template={G: TemplateColumn(16)}),
    Field("year", "Rok danych", ("rok", "rok danych", "stan na rok", "dane za rok"),
          kinds=_kinds(G), canonical=_kinds(G), dtype="Int64", sql=INTEGER, correctable=_kinds(G),
          heading="Rok", template={G: TemplateColumn(10)}),
    Field("source", "Źródło danych", ("zrodlo", "zrodlo danych", "zrodla"),
          kinds=_kinds(G), canonical=_kinds(G), correctable=_kinds(G), heading="Źródło",
          template={G: TemplateColumn(40)}),
    # optional personal attributes (``analysis.attributes``): only ever shown as shares, never per person
    # (not in the import preview, the templates nor the check-in's paper list)
    Field("gender", "Płeć", ("plec", "plec uczestnika", "kobieta mezczyzna", "gender"),
          kinds=_kinds(A), canonical=_kinds(A), sql=Sql("string", 16), correctable=_kinds(A), shown=False),
    Field("age_group", "Grupa wieku", (
        "grupa wieku", "grupa wiekowa", "kategoria wiekowa", "przedzial wiekowy", "wiek", "wiek lata",
        "rok urodzenia", "data urodzenia", "przedzial wieku", "age",
    ), kinds=_kinds(A), canonical=_kinds(A), sql=Sql("string", 16), correctable=_kinds(A), shown=False),
    Field("email", "E-mail", ("e mail", "email", "adres e mail", "mail", "adres email", "poczta elektroniczna"),
          kinds=_kinds(A), use=Use.PRIVATE),
    Field("phone", "Telefon",
          ("telefon", "tel", "nr telefonu", "numer telefonu", "telefon kontaktowy", "kontakt", "nr tel"),
          kinds=_kinds(A), use=Use.PRIVATE),
    Field("signature", "Podpis", ("podpis", "czytelny podpis", "podpis uczestnika", "podpisy", "parafka"),
          kinds=_kinds(A), use=Use.IGNORED, template={A: TemplateColumn(20)}),
)

# Headers that name no field even though they hold a field's word: dates of something other than
# a workshop ("Data zgłoszenia", a form's "Sygnatura czasowa"). A date of birth is the age group's.
# Matched (as whole words) against the folded header; such a column is skipped with a note.
NOT_A_FIELD = re.compile(
    r"\b(zgloszeni\w*|rejestracj\w*|wypelnieni\w*|wyslani\w*|sygnatura|modyfikacj\w*)\b"
)

# --- derived: every list of fields the program uses ----------------------------------------------

FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FIELD_LABELS: dict[str, str] = {f.name: f.label for f in FIELDS}
KEY_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.key)
NOT_DATA: frozenset[str] = frozenset(f.name for f in FIELDS if f.use in (Use.MARKER, Use.IGNORED))
NOT_COPIED: frozenset[str] = frozenset(f.name for f in FIELDS if f.use in (Use.IGNORED, Use.PRIVATE))


def _per_kind(selected: Callable[[Field], Container[TableKind]]) -> dict[TableKind, tuple[str, ...]]:
    return {kind: tuple(f.name for f in FIELDS if kind in selected(f)) for kind in TableKind}


CANONICAL_COLUMNS: dict[TableKind, tuple[str, ...]] = _per_kind(lambda f: f.canonical)
CORRECTABLE_FIELDS: dict[TableKind, tuple[str, ...]] = _per_kind(lambda f: f.correctable)
TEMPLATE_FIELDS: dict[TableKind, tuple[str, ...]] = _per_kind(lambda f: f.template)
# the columns of a table's preview, with their headings
PREVIEW_HEADINGS: dict[TableKind, dict[str, str]] = {
    kind: {f.name: f.heading_in(kind) for f in FIELDS if kind in f.canonical and f.shown} for kind in TableKind
}


def template_columns(kind: TableKind) -> list[tuple[str, int, str | None]]:
    """The template's columns for ``kind``: (header, width, drop-down list) in order."""
    columns = []
    for name in TEMPLATE_FIELDS[kind]:
        fld = FIELD_BY_NAME[name]
        column = fld.template[kind]
        columns.append((column.header or fld.heading_in(kind), column.width, column.choices))
    return columns


def reread_for_kind(kind: TableKind, found: dict[str, int]) -> dict[str, int]:
    """The fields of a header row (field -> column index) read in the light of the table's kind.

    A field with a rereading for ``kind`` becomes that other field when the row has none of it
    (``Nr`` becomes a proposal's number, ``Instytucja`` its lead, ``Gmina`` a workshop's host); then
    only the fields read in ``kind`` are kept.
    """
    fields = dict(found)
    for fld in FIELDS:
        target = fld.rereadings.get(kind)
        if target is not None and fld.name in fields and target not in fields:
            fields[target] = fields.pop(fld.name)
    return {name: index for name, index in fields.items() if kind in FIELD_BY_NAME[name].kinds}
