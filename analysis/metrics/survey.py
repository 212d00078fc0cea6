"""The partners' survey, aggregated: respondents, and the mean agreement (1–5) per factor, overall and per sector.

Computed from a survey's answers as ``analysis.survey.Surveys.answers`` hands them over (one row per answer:
``sector``, ``scores`` in the set's order) — not from the dataset's view, because answers are anonymous and
belong to no attendance row. A factor's mean is the mean of every score given to the factor's statements
(each respondent answers every statement, so it is also the mean of the respondents' own factor means). A group
of fewer respondents than ``config.min_group_size()`` (3) gets no mean and its count is shown as "<3": a small
sector's answers would say what its few people think. The page, the projector, the evaluation report and
``metrics --json`` show what these functions return.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import config
from analysis.survey_statements import FACTORS, StatementSet
from analysis.vocabulary import SECTOR_CODES, SECTOR_LABELS


@dataclass(frozen=True)
class SurveyGroup:
    """The respondents of one group (all, or one sector) and their mean per factor (None: suppressed)."""

    respondents: int
    means: dict[str, float] | None  # factor code -> mean 1–5, rounded to 2 places; None under the group limit

    @property
    def shown_count(self) -> str:
        """The count as published: "<3" for 1–2 respondents."""
        limit = config.min_group_size()
        return f"<{limit}" if 0 < self.respondents < limit else str(self.respondents)


@dataclass(frozen=True)
class SurveyResult:
    set_id: str
    factors: list[str]  # factor codes in the registry's order
    overall: SurveyGroup
    by_sector: dict[str, SurveyGroup]  # the vocabulary's order, only sectors with respondents
    comments: int  # answers with an open answer


def _means(rows: pd.DataFrame, factor_of: list[str], factors: list[str]) -> dict[str, float] | None:
    if len(rows) < config.min_group_size():
        return None
    scores = pd.DataFrame(rows["scores"].tolist(), columns=range(len(factor_of)), dtype="float64")
    found: dict[str, float] = {}
    for factor in factors:
        columns = [i for i, f in enumerate(factor_of) if f == factor]
        values = scores[columns].to_numpy().ravel()
        found[factor] = round(float(values.mean()), 2)
    return found


def survey_result(answers: pd.DataFrame, statements: StatementSet) -> SurveyResult:
    """The survey's respondents and means per factor, overall and per sector (``answers``: sector, scores, and
    optionally comment)."""
    factor_of = [s.factor for s in statements.statements]
    factors = statements.factors()
    kept = answers[[len(s) == len(factor_of) for s in answers["scores"]]] if len(answers) else answers
    sectors = kept["sector"].astype(str) if len(kept) else pd.Series(dtype="str")
    by_sector = {code: SurveyGroup(int((sectors == code).sum()), _means(kept[sectors == code], factor_of, factors))
                 for code in SECTOR_CODES if (sectors == code).any()}
    comments = int(answers["comment"].fillna("").astype(str).str.strip().ne("").sum()) \
        if "comment" in answers and len(answers) else 0
    return SurveyResult(statements.id, factors, SurveyGroup(len(kept), _means(kept, factor_of, factors)), by_sector,
                        comments)


def survey_open_answers(answers: pd.DataFrame) -> list[str]:
    """The open question's answers as published: every non-empty one, trimmed, in alphabetical order (the order of
    answering is nowhere, and no sector goes with an answer: in a small sector it would say whose it is); none at
    all when the survey has fewer respondents than ``config.min_group_size()``, as a group's mean."""
    if "comment" not in answers or len(answers) < config.min_group_size():
        return []
    given = [str(c).strip() for c in answers["comment"].dropna()]
    return sorted((c for c in given if c), key=lambda c: (c.casefold(), c))


def survey_table(result: SurveyResult) -> pd.DataFrame:
    """One row per factor: its Polish label, the mean of all respondents, and a column per sector ("<3" / empty
    under the group limit) — the report's and the office page's table."""
    table = pd.DataFrame({"Czynnik": [FACTORS[f] for f in result.factors]})
    groups = {f"Wszyscy ({result.overall.shown_count})": result.overall,
              **{f"{SECTOR_LABELS[s]} ({g.shown_count})": g for s, g in result.by_sector.items()}}
    for name, group in groups.items():
        table[name] = [None if group.means is None else group.means[f] for f in result.factors]
    return table


def survey_document(result: SurveyResult) -> dict:
    """The survey as ``metrics --json`` writes it: respondents, means per factor, per sector ("<3", no means)."""
    return {"set": result.set_id, "respondents": result.overall.respondents, "means": result.overall.means,
            "by_sector": {s: {"respondents": g.shown_count, "means": g.means} for s, g in result.by_sector.items()},
            "comments": result.comments}
