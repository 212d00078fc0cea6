"""The survey's statements: one registry of sets (text in Polish, factor, order), so a cycle's set is reused.

A set is a numbered list of statements answered on a 1–5 agreement scale, grouped by factor, and one
open question (optional to answer). Its id is stored with each survey: the statements of a survey never
change after it was run, and a later cycle that runs the same set id is compared factor by factor.

The factors follow partnership self-assessment tools (the PARTNER tool's trust and value between
partners; the Partnership Self-Assessment Tool's synergy, decision making, resources and benefits; the
LEADER guidance's governance and results), worded for a county's local partnership of workshops.
"""

from __future__ import annotations

from dataclasses import dataclass

FACTORS: dict[str, str] = {  # code -> Polish label, in the order the results show them
    "purpose": "Wspólny cel",
    "trust": "Zaufanie",
    "communication": "Komunikacja",
    "resources": "Zasoby",
    "influence": "Wpływ na decyzje",
    "results": "Dotychczasowe rezultaty",
}
SCALE: dict[int, str] = {
    1: "zdecydowanie się nie zgadzam",
    2: "raczej się nie zgadzam",
    3: "ani tak, ani nie",
    4: "raczej się zgadzam",
    5: "zdecydowanie się zgadzam",
}
OPEN_LIMIT = 1000  # characters of the open answer kept


@dataclass(frozen=True)
class Statement:
    key: str  # stable within its set: the answers name their scores by it
    factor: str  # a key of FACTORS
    order: int  # position in the survey, 1…n
    text: str


@dataclass(frozen=True)
class StatementSet:
    id: str
    title: str
    statements: tuple[Statement, ...]
    open_question: str

    def factors(self) -> list[str]:
        """The set's factors in the order of FACTORS."""
        used = {s.factor for s in self.statements}
        return [f for f in FACTORS if f in used]

    def factor_of(self) -> dict[str, str]:
        return {s.key: s.factor for s in self.statements}


def _set(set_id: str, title: str, open_question: str, rows: list[tuple[str, str, str]]) -> StatementSet:
    return StatementSet(set_id, title, tuple(Statement(key, factor, i, text)
                                             for i, (key, factor, text) in enumerate(rows, start=1)), open_question)


PARTNERSHIP_2018 = _set(
    "partnerstwo-1", "Ocena partnerstwa (12 stwierdzeń)",
    "Co jedna zmiana najbardziej poprawiłaby działanie partnerstwa?",
    [
        ("purpose_1", "purpose", "Partnerzy mają wspólny cel: ożywienie gospodarcze powiatu."),
        ("purpose_2", "purpose", "Rozumiem, co moja instytucja może wnieść do partnerstwa."),
        ("trust_1", "trust", "Ufam, że partnerzy dotrzymują tego, co uzgodnimy."),
        ("trust_2", "trust", "Partnerzy z innych sektorów traktują moje zdanie poważnie."),
        ("communication_1", "communication", "Informacje o warsztatach i ich wynikach dochodzą do mnie na czas."),
        ("communication_2", "communication", "Na warsztatach mogę swobodnie mówić, co myślę."),
        ("resources_1", "resources", "Partnerzy dzielą się wiedzą, kontaktami i zasobami."),
        ("resources_2", "resources", "Partnerstwo ma dość ludzi i środków, by realizować propozycje."),
        ("influence_1", "influence", "Mam realny wpływ na to, które propozycje zostaną wybrane."),
        ("influence_2", "influence", "Decyzje partnerstwa zapadają w przejrzysty sposób."),
        ("results_1", "results", "Partnerstwo przyniosło już widoczne rezultaty w powiecie."),
        ("results_2", "results", "Udział w partnerstwie jest wart czasu, który mu poświęcam."),
    ],
)
SETS: dict[str, StatementSet] = {s.id: s for s in (PARTNERSHIP_2018,)}
DEFAULT_SET = PARTNERSHIP_2018.id


def statement_set(set_id: str) -> StatementSet:
    """The set of ``set_id``; an unknown id (a store written by a newer program) falls back to no statements."""
    found = SETS.get(set_id)
    if found is None:
        return StatementSet(set_id, f"Nieznany zestaw „{set_id}”", (), "")
    return found
