"""The evaluation's survey section: the partners' survey of the cycle by factor and sector, beside the cycle before.

Built from ``analysis.survey.box.Surveys`` (the store's surveys) and ``metrics.survey_result``; a cycle without a
survey gets one block that says so. Each survey: the means by factor, overall and per sector (a sector under 3
respondents without a mean), charted with a text alternative and the table; then the open question's answers,
listed in full (``metrics.survey_open_answers``: alphabetical, without a sector, none under 3 respondents); then
the newest survey beside the cycle before's, charted too.
"""

from __future__ import annotations

import pandas as pd

from analysis import config, metrics
from analysis.display import counted
from analysis.report.evaluation_model import Block
from analysis.survey.box import Surveys
from analysis.survey_statements import FACTORS, statement_set

TERMS = ("survey_respondents", "survey_factor_mean")
CHART_SERIES = 4  # bars per factor a chart tells apart by pattern alone (``evaluation_html``'s four patterns)
SCALE_SENTENCE = ("Średnia odpowiedzi od 1 (zdecydowanie się nie zgadzam) do 5 (zdecydowanie się zgadzam); w nagłówku "
                  "kolumny liczba odpowiedzi. Sektor z mniej niż 3 odpowiedziami nie ma średniej („brak”, w nagłówku "
                  "„<3”): jego odpowiedzi zdradzałyby zdanie konkretnych osób.")


def _record(cycle: str, workshop: int) -> tuple[str, ...]:
    return (f"ankieta partnerów w magazynie danych (cykl {cycle}, warsztat {workshop})",)


def no_survey(cycle: str | None) -> Block:
    return Block("Ankieta partnerów", text=(
        f"W cyklu {cycle} nie przeprowadzono ankiety partnerów: panel nie ma ich odpowiedzi, więc ten rozdział "
        "nie pokazuje żadnych liczb.",), missing=True)


def blocks(surveys: Surveys | None, cycle: str | None, previous: str | None, names: dict[int, str]) -> list[Block]:
    """A block per survey of the cycle (by factor and sector), and the newest one beside the cycle before's."""
    found = [s for s in surveys.all() if s.cycle == str(cycle)] if surveys is not None else []
    if surveys is None or not found:
        return [no_survey(cycle)]
    made: list[Block] = []
    for survey in sorted(found, key=lambda s: s.workshop):
        answers = surveys.answers(survey.id)
        statements = statement_set(survey.set_id)
        result = metrics.survey_result(answers, statements)
        table = metrics.survey_table(result)
        name = names.get(survey.workshop, survey.workshop)
        series = _charted(table)
        made.append(Block(
            f"Ankieta partnerów na warsztacie {name}",
            headline=counted(result.overall.respondents, "odpowiedź", "odpowiedzi", "odpowiedzi"),
            text=(f"{len(statements.statements)} stwierdzeń w {len(statements.factors())} czynnikach "
                  f"(zestaw „{statements.title}”), anonimowo, jedna odpowiedź na kartę. " + SCALE_SENTENCE
                  + ("" if len(series) == len(table.columns) - 1 else
                     " Wykres pokazuje średnią wszystkich odpowiedzi; średnie sektorów są w tabeli."),),
            data=table, chart=result.overall.means is not None, series=series, precise=tuple(table.columns[1:]),
            terms=TERMS, sources=_record(survey.cycle, survey.workshop)))
        made.append(_open_answers(statements.open_question, answers, result.overall.respondents, name,
                                  _record(survey.cycle, survey.workshop)))
    before = surveys.newest(previous) if previous else None
    newest = max(found, key=lambda s: s.workshop)
    if before is not None and before[0].set_id == newest.set_id:
        made.append(_beside(before, (newest, surveys.result(newest))))
    elif previous:
        made.append(Block("Ankieta obok poprzedniego cyklu", text=(
            f"W cyklu {previous} nie było ankiety z tym samym zestawem stwierdzeń — nie ma z czym porównać.",),
            terms=TERMS))
    return made


def _charted(table: pd.DataFrame) -> tuple[str, ...]:
    """The columns the chart draws: all respondents and every sector with a mean, when their bars can be told apart
    by pattern; else all respondents alone (the sectors stay in the table)."""
    shown = [c for c in table.columns[1:] if table[c].notna().any()]
    return tuple(shown if len(shown) <= CHART_SERIES else shown[:1])


def _open_answers(question: str, answers: pd.DataFrame, respondents: int, name: object,
                  sources: tuple[str, ...]) -> Block:
    """The open question's answers, every one as written, in alphabetical order and without a sector."""
    listed = metrics.survey_open_answers(answers)
    title = f"Odpowiedzi na pytanie otwarte (warsztat {name})"
    asked = f"Pytanie: „{question}” Odpowiedź była nieobowiązkowa."
    if respondents < config.min_group_size():
        return Block(title, text=(f"{asked} Ankieta ma mniej niż {config.min_group_size()} odpowiedzi, więc jej "
                                  "odpowiedzi otwartych nie publikujemy: zdradzałyby zdanie konkretnych osób.",),
                     sources=sources)
    if not listed:
        return Block(title, text=(f"{asked} Nikt nie odpowiedział na to pytanie.",), sources=sources)
    return Block(title, headline=counted(len(listed), "odpowiedź", "odpowiedzi", "odpowiedzi"), text=(
        f"{asked} Wszystkie odpowiedzi, tak jak je wpisano, w kolejności alfabetycznej i bez sektora autora "
        "(kolejność ani sektor nie wskazują, kto co napisał).",), items=tuple(listed), sources=sources)


def _beside(before: tuple, now: tuple) -> Block:
    (s0, r0), (s1, r1) = before, now
    both = [f for f in FACTORS if f in r1.factors]
    c0, c1 = f"Cykl {s0.cycle} ({r0.overall.shown_count})", f"Cykl {s1.cycle} ({r1.overall.shown_count})"
    table = pd.DataFrame({"Czynnik": [FACTORS[f] for f in both],
                          c0: [None if r0.overall.means is None else r0.overall.means.get(f) for f in both],
                          c1: [None if r1.overall.means is None else r1.overall.means.get(f) for f in both]})
    return Block("Ankieta obok poprzedniego cyklu", text=(
        "Średnie wszystkich odpowiedzi według czynnika w ankiecie tego cyklu i cyklu poprzedniego (ten sam zestaw "
        "stwierdzeń).",), data=table, chart=r0.overall.means is not None or r1.overall.means is not None,
        precise=(c0, c1), terms=TERMS,
        sources=_record(s0.cycle, s0.workshop) + _record(s1.cycle, s1.workshop))
