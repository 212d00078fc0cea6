"""The survey card that comes with the check-in at a workshop whose survey is open and which has no vote: one per
person by the database, of the person's sector, answering once; none where a vote's ballot card answers."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from analysis.checkin import CheckIns, cards
from analysis.store.schema import checkin_people_table, survey_cards_table
from analysis.survey.box import Surveys
from analysis.voting import codes
from analysis.voting.ballot_box import Votes
from tests.checkin.support import form
from tests.checkin.test_cards import BALLOT
from tests.survey.support import scores


def checked_in(checkins: CheckIns, checkin, name: str, institution: str = "Urząd Gminy Serock", **given):
    return checkins.check_in(form(checkin.id, name, institution, channel="phone", **given))


def made(store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(survey_cards_table)).scalar_one())


def test_a_phone_check_in_gives_one_survey_card_of_the_persons_sector_that_answers_once(desk):
    store, checkins, checkin = desk
    surveys = Surveys(store)
    survey = surveys.open("2026", 2)
    done = checked_in(checkins, checkin, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="serock")
    given = cards.survey_at_phone(checkins, checkin, done.person)
    assert given is not None and given.token and given.code and not given.given_before
    assert given.path() == f"/glosowanie?karta={given.token}&ankieta=1" and given.sector_label == "Organizacje pozarządowe"
    card = surveys.card(codes.recognise(given.path()))
    assert (card.kind, card.survey, card.sector) == ("survey", survey, "ngo")
    assert surveys.card(codes.recognise(given.code)).hash == card.hash  # its code, typed
    again = [cards.survey_at_phone(checkins, checkin, checked_in(checkins, checkin, "maria  zielińska",
                                                                 "Fundacja Nowa").person) for _ in range(3)]
    assert all(a is not None and a.given_before and a.token is None for a in again)  # never a second card
    assert made(store) == 1 and surveys.cards_made(survey.id) == {"ngo": 1}
    assert cards.at_phone(checkins, checkin, done.person) is None  # no vote: no ballot card either
    surveys.answer(card, scores(5))
    assert surveys.count(survey.id) == 1
    with store.engine.connect() as conn:
        flags = conn.execute(sa.select(checkin_people_table.c.has_card, checkin_people_table.c.has_survey_card)).all()
    assert [tuple(f) for f in flags] == [(False, True)]


def test_the_same_person_tapping_on_many_phones_at_once_gets_one_survey_card(desk):
    store, checkins, checkin = desk
    Surveys(store).open("2026", 2)
    done = checked_in(checkins, checkin, "Piotr Lis")
    barrier = threading.Barrier(6)
    given: list = []

    def tap() -> None:
        barrier.wait(timeout=60)
        given.append(cards.survey_at_phone(CheckIns(store), checkin, done.person))

    threads = [threading.Thread(target=tap) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(given) == 6 and sum(1 for g in given if g.token) == 1
    assert made(store) == 1


def test_no_survey_card_without_an_open_survey_nor_where_a_vote_is_prepared(desk):
    store, checkins, checkin = desk
    surveys = Surveys(store)
    person = checked_in(checkins, checkin, "Olga Mróz").person
    assert cards.survey_at_phone(checkins, checkin, person) is None  # no survey
    survey = surveys.open("2026", 2)
    surveys.close(survey.id)
    assert cards.survey_at_phone(checkins, checkin, person) is None  # closed
    surveys.open("2026", 2)
    Votes(store).create("2026", 2, BALLOT, 2, "http://192.168.1.20:8501")
    assert cards.survey_at_phone(checkins, checkin, person) is None  # the vote's ballot card answers
    ballot = cards.at_phone(checkins, checkin, person)
    assert ballot is not None and surveys.card(codes.recognise(ballot.path())).survey is not None
    assert made(store) == 0


def test_closing_the_survey_rewrites_its_cards_and_answers_so_no_row_version_pairs_a_person_with_an_answer(desk):
    """A survey card made at a person's check-in is written in that person's transaction (PostgreSQL: the same
    ``xmin``), an answer in its card's mark's; closing rewrites the survey's rows, and every answer is kept."""
    store, checkins, checkin = desk
    surveys = Surveys(store)
    survey = surveys.open("2026", 2)
    done = checked_in(checkins, checkin, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="serock")
    given = cards.survey_at_phone(checkins, checkin, done.person)
    surveys.answer(surveys.card(codes.recognise(given.path())), scores(4), "Dobrze")
    before = surveys.answers(survey.id).to_dict("records")
    surveys.close(survey.id)
    assert surveys.answers(survey.id).to_dict("records") == before and surveys.cards_made(survey.id) == {"ngo": 1}
    assert surveys.card(codes.recognise(given.code)).answered
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            person = conn.execute(sa.text("SELECT xmin::text FROM checkin_people")).scalar_one()
            rewritten = set(conn.execute(sa.text(
                "SELECT xmin::text FROM survey_cards UNION SELECT xmin::text FROM survey_cards_answered "
                "UNION SELECT xmin::text FROM survey_answers")).scalars())
        assert person not in rewritten and len(rewritten) == 1  # all of them the closing's transaction
