"""The partners' survey on a phone at 390×844 in a real browser: large targets, no sideways scrolling, no
accessibility violation of its own, sent once, nothing fetched from outside the dashboard."""

from __future__ import annotations

import os

import pytest

from tests.browser.support import (
    PHONE,
    SHOTS,
    assert_accessible,
    dashboard,
    free_port,
    idle,
    only_the_dashboard,
    phone,
    require_chromium,
    sample_copy,
)
from tests.stores import sample_ballot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hall(sample_folder_template):
    """A dashboard with a vote prepared at workshop 4 and its survey open; yields (url, surveys, survey, cards)."""
    require_chromium()
    data = sample_copy(sample_folder_template, "partnerstwo-ankieta-")
    previous = os.environ.get("PARTNERSTWO_DATA_DIR")
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data)
    try:
        from analysis.store import open_store
        from analysis.survey.box import Surveys
        from analysis.voting.ballot_box import Votes

        store = open_store()
        choices = sample_ballot(store)
        port = free_port()
        votes = Votes(store)
        vote = votes.create("2018", 4, choices, 3, f"http://127.0.0.1:{port}")
        cards = votes.issue_cards(vote.id, "ngo", 2)
        surveys = Surveys(store)
        survey = surveys.open("2018", 4)
    finally:
        if previous is None:
            os.environ.pop("PARTNERSTWO_DATA_DIR", None)
        else:
            os.environ["PARTNERSTWO_DATA_DIR"] = previous
    try:
        for url in dashboard(data, port):
            yield url, surveys, survey, cards
    finally:
        store.engine.dispose()


def test_a_phone_answers_the_survey_at_390_by_844_once(hall, browser):
    from analysis.survey.box import card_survey_url

    url, surveys, survey, cards = hall
    context = phone(browser)
    page = context.new_page()
    outside = only_the_dashboard(page, url)
    page.goto(card_survey_url(url, cards[0].token))
    idle(page)
    page.get_by_text("Partnerzy mają wspólny cel").wait_for(timeout=60_000)
    idle(page)
    page.wait_for_timeout(1500)  # Streamlit fades elements in: measured once drawn
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    options = page.locator("[data-testid='stRadio'] [role=radiogroup] label")
    assert options.count() == 60
    boxes = [options.nth(i).bounding_box() for i in range(5)]
    assert all(b["height"] >= 44 and b["width"] >= 300 for b in boxes), boxes  # a thumb's target, whole row
    assert_accessible(page, "the survey")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ankieta_telefon.png"))
    for i in range(12):
        page.locator("[data-testid='stRadio']").nth(i).get_by_text("raczej się zgadzam", exact=False).first.click()
    page.get_by_role("button", name="Wyślij ankietę").click()
    page.get_by_text("Ankieta wysłana").wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "ankieta_telefon_wyslana.png"))
    second = context.new_page()  # the same card in another tab
    second.goto(card_survey_url(url, cards[0].token))
    second.get_by_text("Ta karta już wypełniła ankietę").wait_for(timeout=60_000)
    assert surveys.count(survey.id) == 1
    assert surveys.answers(survey.id)["scores"].tolist() == [[4] * 12]
    assert outside == []
    context.close()
