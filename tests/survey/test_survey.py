"""The partners' survey: a hand-counted example, one answer per card (also in a race), Polish refusals."""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa

from analysis import metrics, metrics_json
from analysis.store.schema import survey_answers_table, survey_cards_answered_table
from analysis.survey import box
from analysis.survey_statements import FACTORS, PARTNERSHIP_2018, SCALE, SETS
from analysis.voting import codes
from tests.survey.support import answer_at_barrier, answer_with, prepared, scores
from tests.voting.support import refused

# (sector, every statement's answer, the two trust statements' answers)
HAND = [("ngo", 5, (4, 4)), ("ngo", 4, (3, 5)), ("ngo", 3, (2, 2)),
        ("local_government", 4, (4, 4)), ("local_government", 4, (5, 5)), ("local_government", 2, (3, 3)),
        ("business", 1, (1, 2)), ("business", 5, (5, 5))]


@pytest.fixture
def url(sample_url):
    return sample_url


def _answer_hand(votes, vote, surveys, comments=()):
    for i, (sector, base, trust) in enumerate(HAND):
        [card] = votes.issue_cards(vote.id, sector, 1)
        answer_with(surveys, card, scores(base, trust), comments[i] if i < len(comments) else "")


def test_the_registry_has_every_factor_twice_and_the_scale_in_polish():
    assert len(PARTNERSHIP_2018.statements) == 12
    assert PARTNERSHIP_2018.factors() == list(FACTORS)
    assert all(sum(s.factor == f for s in PARTNERSHIP_2018.statements) == 2 for f in FACTORS)
    assert [s.order for s in PARTNERSHIP_2018.statements] == list(range(1, 13))
    assert SCALE[1] == "zdecydowanie się nie zgadzam" and SCALE[5] == "zdecydowanie się zgadzam"
    assert PARTNERSHIP_2018.open_question and PARTNERSHIP_2018.id in SETS


def test_hand_counted_means_by_factor_and_sector_with_a_small_sector_suppressed(url):
    store, votes, vote, surveys = prepared(url)
    survey = surveys.open("2018", 4)
    _answer_hand(votes, vote, surveys, comments=("Więcej spotkań w gminach.", "  "))
    result = surveys.result(survey)
    # purpose (every factor but trust): 5+4+3+4+4+2+1+5 = 28 over 8 respondents = 3.5
    # trust: ngo 4+4+3+5+2+2 = 20, local government 4+4+5+5+3+3 = 24, business 1+2+5+5 = 13; 57/16 = 3.5625
    assert result.overall.respondents == 8
    assert result.overall.means == {f: (3.56 if f == "trust" else 3.5) for f in FACTORS}
    assert result.by_sector["ngo"].means["purpose"] == 4.0 and result.by_sector["ngo"].means["trust"] == 3.33
    assert result.by_sector["local_government"].means["purpose"] == 3.33
    assert result.by_sector["local_government"].means["trust"] == 4.0
    business = result.by_sector["business"]
    assert business.respondents == 2 and business.means is None and business.shown_count == "<3"
    assert result.comments == 1
    table = metrics.survey_table(result)
    assert list(table.columns) == ["Czynnik", "Wszyscy (8)", "Samorząd (gminy i powiat) (3)",
                                   "Przedsiębiorcy (<3)", "Organizacje pozarządowe (3)"]  # the vocabulary's order
    assert table["Przedsiębiorcy (<3)"].isna().all()
    assert table.loc[1, "Czynnik"] == "Zaufanie" and table.loc[1, "Wszyscy (8)"] == 3.56
    store.engine.dispose()


def test_metrics_json_holds_the_survey_and_the_cycle_before(url):
    store, votes, vote, surveys = prepared(url)
    surveys.open("2018", 4)
    _answer_hand(votes, vote, surveys)
    dataset = store.dataset()
    view = metrics_json.view_for(dataset, "2019")
    before = surveys.newest(metrics.previous_cycle(dataset, "2019"))
    assert before is not None
    found = metrics_json.document(view, {}, surveys.of_cycle("2019"), (before[0].cycle, before[0].workshop, before[1]))
    assert found["survey"] == {}
    earlier = found["survey_previous_cycle"]
    assert earlier["cycle"] == "2018" and earlier["workshop"] == 4 and earlier["respondents"] == 8
    assert earlier["means"]["trust"] == 3.56
    assert earlier["by_sector"]["business"] == {"respondents": "<3", "means": None}
    this = metrics_json.document(metrics_json.view_for(dataset, "2018"), {}, surveys.of_cycle("2018"))
    assert this["survey"]["4"]["state"] == "open" and this["survey"]["4"]["means"]["purpose"] == 3.5
    store.engine.dispose()


def test_one_card_answers_once_and_the_database_refuses_a_second_mark(url):
    store, votes, vote, surveys = prepared(url)
    survey = surveys.open("2018", 4)
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    answer_with(surveys, card, scores(4))
    message = refused(lambda: answer_with(surveys, card, scores(1)), "survey_answered")
    assert "już wypełniła ankietę" in message
    assert surveys.card(codes.recognise(codes.shown_code(card.code))).answered  # the typed code knows it too
    assert surveys.count(survey.id) == 1
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(survey_answers_table.insert().values(id="f" * 32, survey_id=survey.id, sector="ngo",
                                                          scores="1 " * 12, comment=None))
        conn.execute(survey_cards_answered_table.insert().values(card=codes.token_hash(card.token),
                                                                 survey_id=survey.id, sector="ngo"))
    assert surveys.count(survey.id) == 1
    with store.engine.connect() as conn:  # the answer keeps no card, no time
        assert set(conn.execute(sa.select(survey_answers_table)).mappings().first()) == {
            "id", "survey_id", "sector", "scores", "comment"}
    store.engine.dispose()


def test_one_card_from_two_processes_at_the_same_moment_counts_once(url):
    store, votes, vote, surveys = prepared(url)
    survey = surveys.open("2018", 4)
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(2) as workers:
        barrier = manager.Barrier(2)
        outcomes = workers.starmap(answer_at_barrier, [(url, card.token, barrier)] * 2)
    assert sorted(outcomes) == ["stored", "survey_answered"]
    assert surveys.count(survey.id) == 1
    store.engine.dispose()


def test_refusals_say_why_in_polish_and_store_nothing(url):
    store, votes, vote, surveys = prepared(url)
    [card, other] = votes.issue_cards(vote.id, "ngo", 2)
    assert "nie ma ankiety" in refused(lambda: answer_with(surveys, card, scores(3)), "survey_none")
    survey = surveys.open("2018", 4)
    partial = scores(3)
    del partial["trust_2"], partial["results_1"]
    assert "(2 bez odpowiedzi)" in refused(lambda: answer_with(surveys, card, partial), "survey_incomplete")
    assert "od 1 do 5" in refused(lambda: answer_with(surveys, card, scores(6)), "survey_bad_score")
    surveys.close(survey.id)
    assert "zamknięta" in refused(lambda: answer_with(surveys, card, scores(3)), "survey_closed")
    assert surveys.count(survey.id) == 0 and not surveys.card(codes.recognise(card.token)).answered
    reopened = surveys.open("2018", 4)  # open again: the same survey, its answers kept
    assert reopened.id == survey.id and reopened.state == "open"
    answer_with(surveys, other, scores(3))
    assert surveys.count(survey.id) == 1
    assert refused(lambda: surveys.card(codes.recognise("ACDE-FHJK-C")), "code_mistyped")
    store.engine.dispose()


def test_the_refusals_codes_are_declared():
    from analysis.errors import CODES

    assert {"survey_none", "survey_closed", "survey_answered", "survey_incomplete", "survey_bad_score",
            "survey_bad_set", "survey_exists", "no_such_survey"} <= set(CODES)
    assert box.NO_SURVEY.startswith("Na tym warsztacie nie ma ankiety")



def test_the_evaluation_report_shows_the_survey_by_factor_and_sector_beside_the_cycle_before(url):
    from analysis import report

    store, votes, vote, surveys = prepared(url)
    surveys.open("2018", 4)
    _answer_hand(votes, vote, surveys)
    later = votes.create("2019", 2, votes.choices(vote.id)[:1], 1, "")
    surveys.open("2019", 2)
    for sector in ("ngo", "business"):
        for card in votes.issue_cards(later.id, sector, 3):
            answer_with(surveys, card, scores(4))
    made = report.build_evaluation(store.dataset(), "2019", [], votes)
    [section] = [s for s in made.sections if s.key == "survey"]
    assert not any(b.missing for b in section.blocks)
    first, answers, beside = section.blocks
    assert answers.title == "Odpowiedzi na pytanie otwarte (warsztat 2. Nieporęt)" and not answers.items
    assert "Nikt nie odpowiedział" in answers.text[0]
    assert first.headline == "6 odpowiedzi" and first.terms == ("survey_respondents", "survey_factor_mean")
    assert list(first.data.columns) == ["Czynnik", "Wszyscy (6)", "Przedsiębiorcy (3)", "Organizacje pozarządowe (3)"]
    assert first.data["Wszyscy (6)"].tolist() == [4.0] * 6
    assert beside.data.values.tolist()[:2] == [["Wspólny cel", 3.5, 4.0], ["Zaufanie", 3.56, 4.0]]
    assert list(beside.data.columns) == ["Czynnik", "Cykl 2018 (8)", "Cykl 2019 (6)"]
    html = report.evaluation_html(made)
    assert "Ankieta partnerów na warsztacie" in html and "nie przeprowadzono ankiety" not in html
    assert "3,56" in html or "3.56" in html
    store.engine.dispose()
