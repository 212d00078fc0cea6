"""A survey at a workshop without a vote: its own cards (printed, one answer each by the database, also in a race),
the Polish refusals of an unknown card, a used card and a closed survey, and a sheet of QR codes to print."""

from __future__ import annotations

import multiprocessing
import re

import pytest
import sqlalchemy as sa

from analysis import report
from analysis.store import open_store
from analysis.store.schema import metadata, survey_cards_table
from analysis.survey.box import ANSWERED, CLOSED, VOTE_CARDS, Surveys
from analysis.voting import codes
from analysis.voting.ballot_box import Votes
from tests.stores import KEY
from tests.survey.support import answer_at_barrier, answer_with, scores
from tests.voting.support import ADDRESS, refused, waiting


@pytest.fixture
def url(sample_url):
    return sample_url


def without_vote(url: str, workshop: int = 5):
    """The sample store and its surveys; the 2018 workshop ``workshop`` has no vote."""
    store = open_store(url, key=KEY)
    assert Votes(store).current("2018", workshop) is None
    return store, Surveys(store)


def test_a_survey_without_a_vote_prints_its_own_cards_each_answering_once(url):
    store, surveys = without_vote(url)
    survey = surveys.open("2018", 5)
    ngo = surveys.issue_cards(survey.id, "ngo", 3)
    [public] = surveys.issue_cards(survey.id, "local_government", 1)
    assert surveys.cards_made(survey.id) == {"ngo": 3, "local_government": 1}
    found = surveys.card(codes.recognise(f"{ADDRESS}/glosowanie?karta={ngo[0].token}&ankieta=1"))  # the QR code
    assert (found.kind, found.sector, found.survey, found.answered) == ("survey", "ngo", survey, False)
    assert (found.cycle, found.workshop) == ("2018", 5)
    assert surveys.card(codes.recognise(codes.shown_code(public.code))).sector == "local_government"  # typed
    answer_with(surveys, ngo[0], scores(4), "Więcej spotkań")
    answer_with(surveys, public, scores(2))
    assert "już wypełniła ankietę" in refused(lambda: answer_with(surveys, ngo[0], scores(1)), "survey_answered")
    assert surveys.card(codes.recognise(ngo[0].code)).answered
    assert surveys.count(survey.id) == 2
    answers = surveys.answers(survey.id)
    assert sorted(answers["sector"]) == ["local_government", "ngo"]
    assert sorted(answers["scores"].map(sum)) == [24, 48]
    secrets_ = {c.token for c in ngo + [public]} | {c.code for c in ngo + [public]}
    with store.engine.connect() as conn:  # tokens and codes are nowhere in the store in plain text
        for table in metadata.sorted_tables:
            text = " ".join(str(v) for r in conn.execute(sa.select(table)) for v in r)
            assert not any(s in text for s in secrets_), table.name
    store.engine.dispose()


def test_one_survey_card_from_two_processes_at_the_same_moment_counts_once(url):
    store, surveys = without_vote(url)
    survey = surveys.open("2018", 5)
    [card] = surveys.issue_cards(survey.id, "business", 1)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(2) as workers:
        barrier = manager.Barrier(2)
        outcomes = workers.starmap(answer_at_barrier, [(url, card.token, barrier)] * 2)
    assert sorted(outcomes) == ["stored", "survey_answered"]
    assert surveys.count(survey.id) == 1
    store.engine.dispose()


def test_unknown_used_and_closed_survey_cards_are_told_why_in_polish_and_nothing_is_stored(url):
    store, surveys = without_vote(url)
    survey = surveys.open("2018", 5)
    [card, other] = surveys.issue_cards(survey.id, "ngo", 2)
    unknown = refused(lambda: surveys.card(codes.recognise(codes.new_code())), "card_unknown")
    assert unknown == codes.UNKNOWN and unknown.startswith("Nie znamy takiej karty")
    answer_with(surveys, card, scores(3))
    assert refused(lambda: answer_with(surveys, card, scores(5)), "survey_answered") == ANSWERED
    surveys.close(survey.id)
    assert refused(lambda: answer_with(surveys, other, scores(5)), "survey_closed") == CLOSED
    assert "otwórz ją ponownie" in refused(lambda: surveys.issue_cards(survey.id, "ngo", 1), "survey_closed")
    assert surveys.count(survey.id) == 1 and not surveys.card(codes.recognise(other.token)).answered
    assert surveys.cards_made(survey.id) == {"ngo": 2}
    store.engine.dispose()


def test_a_workshop_with_a_vote_prepared_gets_no_survey_cards_its_ballot_cards_answer(url):
    store = open_store(url, key=KEY)
    votes, surveys = Votes(store), Surveys(store)
    vote = votes.create("2018", 4, waiting(store), 3, ADDRESS)
    survey = surveys.open("2018", 4)
    assert not surveys.needs_own_cards(survey)
    assert refused(lambda: surveys.issue_cards(survey.id, "ngo", 5), "survey_vote_cards") == VOTE_CARDS
    assert surveys.cards_made(survey.id) == {}
    [ballot] = votes.issue_cards(vote.id, "ngo", 1)
    assert surveys.card(codes.recognise(ballot.token)).kind == "vote"
    store.engine.dispose()


def test_the_printed_sheet_holds_eight_cards_a_page_each_with_its_code_and_the_surveys_words(url):
    store, surveys = without_vote(url)
    survey = surveys.open("2018", 5)
    made = surveys.issue_cards(survey.id, "culture_sport", 9)
    html = report.survey_cards_html(made, ADDRESS + "/", "5. Nieporęt")
    assert html.count("class='page'") == 2 and html.count("class='card'") == 9
    assert html.count("<svg") == 9 and "Ankieta partnerów" in html and "Karta do głosowania" not in html
    assert "<title>Karty ankiety partnerów – warsztat 5. Nieporęt</title>" in html
    assert all(codes.shown_code(c.code) in html for c in made) and html.count("Kultura i sport") == 9
    assert f"{ADDRESS}/glosowanie" in html and "Jedna karta — jedna ankieta" in html
    assert not any(c.token in html for c in made)  # the token is only in the QR code
    ballots = report.cards_html(made[:1], ADDRESS, "5. Nieporęt", 3)  # the vote's sheet says what it said
    assert "Karta do głosowania" in ballots and "wybierz do 3 propozycji" in ballots
    assert re.search(r"Jedna karta — jeden głos", ballots)
    store.engine.dispose()


def test_a_survey_card_keeps_no_time_and_no_person():
    table = survey_cards_table
    assert set(table.c.keys()) == {"token_hash", "code_hash", "survey_id", "sector"}
    assert table.dialect_options["sqlite"]["with_rowid"] is False
    people = {t.name for t in metadata.sorted_tables if "person" in t.c}
    assert not any(fk.column.table.name in people | {"checkins"} for fk in table.foreign_keys)
