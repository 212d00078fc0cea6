"""The partners' survey on a phone (``views/_survey_phone.py``): the workshop's ballot card opens it, it is sent
once, a card that answered, a closed survey and a workshop without one are told so in Polish; the office opens
and closes it on the vote's page (``views/_survey_office.py``)."""

from __future__ import annotations

import pytest

from analysis.store import open_store
from analysis.survey.box import SURVEY_PARAMETER, Surveys
from analysis.survey_statements import PARTNERSHIP_2018
from analysis.voting import codes
from tests.helpers import arrive, open_page, shown_text
from tests.views.voting import phone, prepared, vote_on

pytestmark = pytest.mark.usefixtures("fresh_store")


def survey_phone(token: str):
    return arrive("views/glosowanie.py", **{codes.TOKEN_PARAMETER: token, SURVEY_PARAMETER: "1"})


def answer_all(at, value: int, skip: tuple[str, ...] = ()):
    for s in PARTNERSHIP_2018.statements:
        if s.key not in skip:
            at.radio(key=f"survey_{s.key}").set_value(value)
    at.text_area(key="survey_comment").input("Więcej spotkań w mniejszych gminach.")
    at.button(key="survey_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_a_card_answers_the_survey_once_on_a_phone():
    votes, vote, cards = prepared()
    surveys = Surveys(open_store())
    survey = surveys.open("2018", 4)
    token = cards["ngo"][0].token
    at = survey_phone(token)
    text = shown_text(at)
    assert "Ankieta partnerów" in at.title[0].value and "sektor karty: Organizacje pozarządowe" in text
    assert not at.sidebar.selectbox  # no menu, no data: only the survey
    assert len(at.radio) == 12
    assert at.radio[0].options == ["1 — zdecydowanie się nie zgadzam", "2 — raczej się nie zgadzam",
                                   "3 — ani tak, ani nie", "4 — raczej się zgadzam", "5 — zdecydowanie się zgadzam"]
    answer_all(at, 4, skip=("trust_2",))
    assert "Zaznacz odpowiedź przy każdym stwierdzeniu (1 bez odpowiedzi)" in shown_text(at)
    assert surveys.count(survey.id) == 0
    at.radio(key="survey_trust_2").set_value(5)
    at.button(key="survey_submit").click().run()
    assert "Ankieta wysłana. Dziękujemy!" in shown_text(at)
    [row] = surveys.answers(survey.id).to_dict("records")
    assert row["sector"] == "ngo" and row["scores"] == [4, 4, 4, 5] + [4] * 8
    assert row["comment"] == "Więcej spotkań w mniejszych gminach."
    again = survey_phone(token)  # another phone, a reload
    assert "Ta karta już wypełniła ankietę" in shown_text(again) and not again.radio
    assert surveys.count(survey.id) == 1


def test_no_survey_and_a_closed_survey_are_told_in_polish():
    votes, vote, cards = prepared()
    at = survey_phone(cards["ngo"][0].token)
    assert "Na tym warsztacie nie ma ankiety partnerów" in shown_text(at) and not at.radio
    surveys = Surveys(open_store())
    survey = surveys.open("2018", 4)
    surveys.close(survey.id)
    at = survey_phone(cards["ngo"][1].token)
    assert "Ankieta jest już zamknięta" in shown_text(at) and not at.radio
    unknown = survey_phone("x" * 22)
    assert "Nie znamy takiej karty" in shown_text(unknown)


def test_the_ballot_offers_the_survey_after_the_vote():
    votes, vote, cards = prepared()
    Surveys(open_store()).open("2018", 4)
    at = phone(cards["business"][0].token)
    vote_on(at, [1])
    assert "Głos oddany" in shown_text(at)
    at.button(key="survey_offer").click().run()
    assert len(at.radio) == 12 and at.query_params[SURVEY_PARAMETER] == "1"


def test_the_office_opens_and_closes_the_survey_on_the_votes_page_and_sees_the_result():
    votes, vote, cards = prepared()
    at = open_page("views/glosowanie.py")
    at.button(key="survey_open").click().run()
    assert "Ankieta otwarta" in shown_text(at) and "Ankieta partnerów (otwarta):** 0 odpowiedzi" in shown_text(at)
    surveys = Surveys(open_store())
    for sector, value in (("ngo", 5), ("ngo", 4), ("ngo", 3), ("business", 2)):
        card = next(c for c in cards[sector] if not surveys.card(codes.recognise(c.token)).answered)
        surveys.answer(surveys.card(codes.recognise(card.token)), {s.key: value for s in PARTNERSHIP_2018.statements})
    at.button(key="survey_close").click().run()
    assert "Ankieta partnerów (zamknięta):** 4 odpowiedzi" in shown_text(at)
    [table] = at.dataframe
    assert list(table.value.columns) == ["Czynnik", "Wszyscy (4)", "Przedsiębiorcy (<3)", "Organizacje pozarządowe (3)"]
    assert table.value["Wszyscy (4)"].tolist() == [3.5] * 6 and table.value["Organizacje pozarządowe (3)"].tolist() == [4.0] * 6
    assert table.value["Przedsiębiorcy (<3)"].isna().all()


def test_the_office_opens_a_survey_without_a_vote_and_prints_its_cards():
    """Workshop 5 has no vote: the office opens its survey from the page's list and prints its cards."""
    from analysis.voting.ballot_box import Votes

    store = open_store()
    assert not Votes(store).all()
    at = open_page("views/glosowanie.py")
    at.selectbox[0].set_value("survey").run()
    at.selectbox(key="survey_workshop").set_value(5).run()
    assert "Ankieta z 12 stwierdzeniami" in shown_text(at)
    at.button(key="survey_open").click().run()
    assert "Ankieta otwarta" in shown_text(at) and "Ankieta partnerów (otwarta):** 0 odpowiedzi" in shown_text(at)
    assert "ankieta ma własne karty" in shown_text(at)
    [sector] = [s for s in at.selectbox if s.label == "Sektor kart"]
    sector.set_value("ngo")
    [count] = at.number_input
    count.set_value(3)
    [submit] = [b for b in at.button if "karty ankiety do druku" in b.label]
    submit.click().run()
    assert not at.exception, at.exception
    [download] = at.get("download_button")
    assert "karty_ankiety_Organizacje pozarządowe_3.html" in download.proto.label
    surveys = Surveys(store)
    survey = surveys.of_workshop("2018", 5)
    assert survey is not None and surveys.cards_made(survey.id) == {"ngo": 3}
    [card] = surveys.issue_cards(survey.id, "business", 1)
    surveys.answer(surveys.card(codes.recognise(card.token)), {s.key: 4 for s in PARTNERSHIP_2018.statements})
    projector = arrive("views/glosowanie.py", rzutnik="1")
    assert "Ankieta partnerów — warsztat 5. Nieporęt" in shown_text(projector)
    assert "Ankieta partnerów (otwarta):** 1 odpowiedź" in shown_text(projector)


def test_a_survey_card_answers_once_by_its_qr_code_or_typed_code_and_the_projector_counts(shared_on_network):
    """The hall's network: a survey's own card opens only the survey (its QR code, its address without the
    survey's parameter, its code typed on the voting page), answers once; the projector counts; closed is said."""
    from tests.views.voting import phone

    surveys = Surveys(open_store())
    survey = surveys.open("2018", 5)
    made = surveys.issue_cards(survey.id, "business", 2)
    first = survey_phone(made[0].token)
    assert "sektor karty: Przedsiębiorcy" in shown_text(first) and len(first.radio) == 12
    answer_all(first, 3)
    assert "Ankieta wysłana. Dziękujemy!" in shown_text(first)
    again = survey_phone(made[0].token)
    assert "Ta karta już wypełniła ankietę" in shown_text(again) and not again.radio
    typed = phone()  # the voting page without a card: the survey card's code typed in its box
    typed.text_input[0].input(codes.shown_code(made[1].code))
    typed.button[0].click().run()
    assert not typed.exception and len(typed.radio) == 12 and typed.query_params[SURVEY_PARAMETER] == "1"
    bare = phone(made[1].token)  # the card's address without the survey's parameter
    assert len(bare.radio) == 12 and "Nie znamy takiej karty" not in shown_text(bare)
    assert surveys.count(survey.id) == 1
    surveys.close(survey.id)
    closed = survey_phone(made[1].token)
    assert "Ankieta jest już zamknięta" in shown_text(closed) and not closed.radio
