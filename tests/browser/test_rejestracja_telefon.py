"""Self check-in on a phone in Chromium at 390×844: the poster's address opens only the form, every target is a
thumb's, axe-core finds no WCAG 2.1 AA violation of the form's own markup, and a person is registered; and the
desk's form at 1280×720, one person after another from the keyboard.

One page visit on a dashboard of its own (the office's 2026 schedule and first list, the second workshop's
check-in open through the store). Screenshots go to the screenshots folder (support.SHOTS).
"""

from __future__ import annotations

import os

import pytest

from tests.browser.support import (
    DESK,
    PHONE,
    SHOTS,
    assert_accessible,
    dashboard,
    idle,
    only_the_dashboard,
    phone,
    require_chromium,
    sample_copy,
)


@pytest.fixture(scope="module")
def door(sample_folder_template):
    """A dashboard on 127.0.0.1 with a check-in open; yields (url, check-ins, the check-in)."""
    require_chromium()
    data = sample_copy(sample_folder_template, "partnerstwo-rejestracja-")
    previous = os.environ.get("PARTNERSTWO_DATA_DIR")
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data)  # the store, its key file, the names: where the server finds them
    try:
        from analysis.checkin import CheckIns
        from analysis.store import open_store
        from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, first_list, schedule, upload

        store = open_store()
        store.import_uploads([upload(store, "harmonogram.xlsx", schedule())])
        store.import_uploads([upload(store, "lista_1.xlsx", first_list(), workshop=1)])
        checkins = CheckIns(store)
        checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
        for url in dashboard(data):
            yield url, checkins, checkin
    finally:
        if previous is None:
            os.environ.pop("PARTNERSTWO_DATA_DIR", None)
        else:
            os.environ["PARTNERSTWO_DATA_DIR"] = previous
        store.engine.dispose()


def test_a_phone_checks_in_at_390_by_844_with_large_targets_and_no_accessibility_violation(door, browser):
    url, checkins, checkin = door
    from analysis.checkin import phone as phone_page

    context = phone(browser)
    page = context.new_page()
    outside = only_the_dashboard(page, url)
    page.goto(phone_page.phone_url(url, checkin.id))
    page.get_by_role("button", name="Zarejestruj się").wait_for(timeout=60_000)
    idle(page)
    page.wait_for_timeout(1500)  # Streamlit fades elements in: measured once drawn
    assert not page.locator("[data-testid='stSidebar']").is_visible()  # no menu: only the form
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    targets = {"name": page.get_by_label("Imię i nazwisko"),
               "institution": page.locator(".st-key-phone_institution [role='group']"),
               "sector": page.locator(".st-key-phone_sector [role='group']"),
               "gmina": page.locator(".st-key-phone_gmina [role='group']"),
               "clause": page.locator("[data-testid='stExpander'] summary").first,
               "consent": page.locator(".st-key-phone_consent label"),
               "gender": page.locator(".st-key-phone_gender [role='radiogroup'] label").nth(2),
               "age group": page.locator(".st-key-phone_age_group [role='radiogroup'] label").nth(4),
               "submit": page.get_by_role("button", name="Zarejestruj się")}
    boxes = {what: target.bounding_box() for what, target in targets.items()}
    choices = ("gender", "age group")  # a row of radio buttons: each a thumb's height, wide as its words
    assert all(b["height"] >= 44 and (b["width"] >= 300 or what in choices) for what, b in boxes.items()), boxes
    assert all(boxes[what]["x"] + boxes[what]["width"] <= PHONE["width"] for what in choices), boxes
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.stMainBlockContainer input'))
                                      .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert min(sizes) >= 16, sizes  # a phone does not zoom in on a field it focuses
    assert_accessible(page, "the phone's check-in form", within=".stMainBlockContainer")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "rejestracja_telefon.png"), full_page=True)

    page.get_by_label("Imię i nazwisko").fill("Anna Kowalska")
    page.get_by_role("combobox", name="Instytucja").click()
    page.keyboard.type("urząd gm")
    page.get_by_role("option", name="Urząd Gminy Serock").click()
    idle(page)
    page.wait_for_function("document.querySelector('.st-key-phone_sector input').value === 'Samorząd (gminy i powiat)'"
                           " && document.querySelector('.st-key-phone_gmina input').value === 'Serock'",
                           timeout=30_000)  # the known institution's sector and gmina, filled in
    page.locator(".st-key-phone_consent label").click()
    idle(page)
    page.get_by_role("button", name="Zarejestruj się").click()
    page.get_by_text("Zarejestrowano.").wait_for(timeout=30_000)
    page.get_by_text("Witamy ponownie!").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "rejestracja_telefon_gotowe.png"))
    people = checkins.people(checkin.id)
    assert people[["institution", "sector", "gmina", "channel", "earlier"]].values.tolist() == [
        ["Urząd Gminy Serock", "local_government", "serock", "phone", 1]]
    assert outside == []
    context.close()


def test_with_a_vote_prepared_a_phone_registers_sees_its_ballot_follows_it_and_votes(door, browser):
    """The ballot card that comes with the check-in: registered, the card of the person's sector on the same
    screen, its button opens the ballot on the vote page, which waits for the vote to open, then votes."""
    url, checkins, checkin = door
    from analysis.checkin import phone as phone_page
    from analysis.voting.ballot_box import Votes
    from analysis.voting.tally import Choice

    votes = Votes(checkins.store)
    vote = votes.create("2026", 2, [Choice(0, "2026", 1, 1, "Wspólne zakupy energii", 1),
                                    Choice(0, "2026", 1, 2, "Targi pracy", 2)], 1, url)
    context = phone(browser)
    page = context.new_page()
    outside = only_the_dashboard(page, url)
    page.goto(phone_page.phone_url(url, checkin.id))
    page.get_by_label("Imię i nazwisko").wait_for(timeout=60_000)
    idle(page)
    page.get_by_label("Imię i nazwisko").fill("Marek Zając")  # a new person (the desk's test registers Jan Nowak)
    page.get_by_role("combobox", name="Instytucja").click()
    page.keyboard.type("fundacja r")
    page.get_by_role("option", name="Fundacja Razem").click()
    idle(page)
    page.wait_for_function("document.querySelector('.st-key-phone_sector input').value === 'Organizacje pozarządowe'",
                           timeout=30_000)
    page.locator(".st-key-phone_consent label").click()
    idle(page)
    page.get_by_role("button", name="Zarejestruj się").click()
    page.get_by_text("Twoja karta do głosowania").wait_for(timeout=30_000)
    page.get_by_text("Zarejestrowano.").wait_for(timeout=30_000)
    idle(page)
    page.wait_for_timeout(800)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    link = page.get_by_role("link", name="Otwórz moją kartę do głosowania")
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box  # a thumb's target
    assert_accessible(page, "the phone's ballot card after check-in", within=".stMainBlockContainer")
    page.screenshot(path=str(SHOTS / "rejestracja_telefon_karta.png"), full_page=True)
    assert votes.issued(vote.id) == {"ngo": 1}

    link.click()
    page.get_by_text("Głosowanie jeszcze się nie rozpoczęło").wait_for(timeout=60_000)
    assert "karta=" in page.url and "Organizacje pozarządowe" in page.inner_text("body")
    votes.open(vote.id)  # the office opens the vote: the phone's page sees it by itself
    page.get_by_text("Targi pracy").wait_for(timeout=60_000)
    idle(page)
    page.get_by_text("Targi pracy").click()
    idle(page)
    page.get_by_role("button", name="Dalej").click()
    page.get_by_role("button", name="Potwierdzam i oddaję głos").click()
    page.get_by_text("Głos oddany").wait_for(timeout=30_000)
    result = votes.result(vote.id)
    assert (result.turnout.issued, result.turnout.cast, result.turnout.at_door) == (1, 1, True)
    assert {r.number: r.votes for r in result.ranking} == {1: 0, 2: 1}
    assert outside == []
    context.close()


def test_the_desk_checks_people_in_from_the_keyboard_name_first_a_returning_one_with_two_enters(door, browser):
    """A returning person is their name, Enter (welcomed, the institution of their latest workshop filled in), Enter;
    a new one the name, Tab to the institution, ↓ and Enter on a known one, Shift+Tab back, Enter (Tab and Shift+Tab
    twice while a vote is prepared: the printed card's field lies between). After each the cursor
    is in the name's field for the next person (a form drawn anew lost the cursor to the page, and the desk had to
    reach for the mouse)."""
    url, checkins, checkin = door
    page = browser.new_page(viewport=DESK)
    page.goto(f"{url}/rejestracja")
    name = page.locator("input[aria-label^='Imię i nazwisko']")
    name.wait_for(timeout=60_000)
    idle(page)
    name.click()
    focused = "() => document.activeElement.getAttribute('aria-label') || document.activeElement.tagName"
    institution = "document.querySelector(\"input[aria-label^='Instytucja']\").value"
    emptied = "document.querySelector(\"input[aria-label^='Imię i nazwisko']\").value === ''"
    for person, known in (("Ewa Wiśniewska", "Urząd Gminy Serock"), ("Jan Nowak", "Fundacja Razem")):
        page.keyboard.type(person)
        page.keyboard.press("Enter")
        page.wait_for_function(f"{institution} === {known!r}", timeout=60_000)  # filled in: read, then Enter
        idle(page)
        assert "Witamy ponownie" in page.locator("[data-testid='stAlert']", has_text=known).inner_text()
        assert page.evaluate(focused).startswith("Imię i nazwisko")
        page.keyboard.press("Enter")
        page.wait_for_function(emptied, timeout=60_000)
        idle(page)
        assert "Witamy ponownie" in page.locator("[data-testid='stAlert']", has_text="Zarejestrowano").inner_text()
        assert page.evaluate(focused).startswith("Imię i nazwisko")
    page.keyboard.type("Marta Nowicka")  # a new person
    assert not any(hint.is_visible() for hint in page.get_by_text("Press Enter").all())  # Streamlit's English hint
    card = page.locator("input[aria-label^='Karta do głosowania']").count()  # a vote prepared: the card's field
    tabs = 2 if card else 1
    for _ in range(tabs):  # as the caption under the form says
        page.keyboard.press("Tab")
    assert page.evaluate(focused).startswith("Instytucja")
    page.keyboard.type("Fundacja R")
    page.get_by_role("option").nth(1).filter(has_text="Fundacja Razem").wait_for(timeout=30_000)  # the list, filtered
    highlighted = ("() => { const d = document.activeElement.getAttribute('aria-activedescendant');"
                   " const o = d && document.getElementById(d); return o ? o.innerText : ''; }")
    for _ in range(5):  # ↓ from "Add: …" to the known institution, looking where it went, as a person does (the
        page.keyboard.press("ArrowDown")  # list, filtered as one types, may be drawn again and start from the top)
        page.wait_for_timeout(200)  # a person's pace (benchmarks/hall_speed.py types 5 keys a second)
        if page.evaluate(highlighted) == "Fundacja Razem":
            break
    page.keyboard.press("Enter")
    page.wait_for_function(f"{institution} === 'Fundacja Razem'", timeout=30_000)
    page.wait_for_timeout(200)  # the browser's form takes the chosen option a moment after it draws it
    for _ in range(tabs):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused).startswith("Imię i nazwisko")
    page.keyboard.press("Enter")
    page.wait_for_function(emptied, timeout=60_000)
    idle(page)
    assert "Pierwszy warsztat" in page.locator("[data-testid='stAlert']", has_text="Zarejestrowano").inner_text()
    people = checkins.people(checkin.id)
    assert people.loc[people["channel"] == "desk", ["institution", "earlier"]].values.tolist() == [
        ["Urząd Gminy Serock", 1], ["Fundacja Razem", 1], ["Fundacja Razem", 0]]
    page.close()


def test_with_the_survey_open_and_no_vote_a_phone_registers_and_answers_the_survey_with_its_survey_card(door,
                                                                                                          browser):
    """A workshop without a vote, its survey open: registered, the survey card of the person's sector on the same
    screen, its button opens the survey, answered once; the office's page shows the count and prints more cards."""
    url, checkins, checkin = door
    from analysis.checkin import phone as phone_page
    from analysis.survey.box import Surveys
    from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY

    surveys = Surveys(checkins.store)
    survey = surveys.open("2026", 3)
    third = checkins.open("2026", 3, CLAUSE, KEEP_UNTIL, today=TODAY)
    context = phone(browser)
    page = context.new_page()
    outside = only_the_dashboard(page, url)
    page.goto(phone_page.phone_url(url, third.id))
    page.get_by_label("Imię i nazwisko").wait_for(timeout=60_000)
    idle(page)
    page.get_by_label("Imię i nazwisko").fill("Zofia Wrona")
    page.get_by_role("combobox", name="Instytucja").click()
    page.keyboard.type("fundacja r")
    page.get_by_role("option", name="Fundacja Razem").click()
    idle(page)
    page.wait_for_function("document.querySelector('.st-key-phone_sector input').value === 'Organizacje pozarządowe'",
                           timeout=30_000)
    page.locator(".st-key-phone_consent label").click()
    idle(page)
    page.get_by_role("button", name="Zarejestruj się").click()
    page.get_by_text("Zarejestrowano.").wait_for(timeout=30_000)
    link = page.get_by_role("link", name="Wypełnij ankietę partnerów")
    link.wait_for(timeout=30_000)
    idle(page)
    page.wait_for_timeout(800)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box  # a thumb's target
    assert_accessible(page, "the phone's survey card after check-in", within=".stMainBlockContainer")
    page.screenshot(path=str(SHOTS / "rejestracja_telefon_ankieta.png"), full_page=True)
    assert surveys.cards_made(survey.id) == {"ngo": 1}

    link.click()
    page.get_by_text("Partnerzy mają wspólny cel").wait_for(timeout=60_000)
    idle(page)
    assert "ankieta=1" in page.url and "sektor karty: Organizacje pozarządowe" in page.inner_text("body")
    for i in range(12):
        page.locator("[data-testid='stRadio']").nth(i).get_by_text("ani tak, ani nie", exact=False).first.click()
    page.get_by_role("button", name="Wyślij ankietę").click()
    page.get_by_text("Ankieta wysłana").wait_for(timeout=30_000)
    assert surveys.answers(survey.id)["scores"].tolist() == [[3] * 12]
    page.reload()
    page.get_by_text("Ta karta już wypełniła ankietę").wait_for(timeout=60_000)
    assert surveys.count(survey.id) == 1 and outside == []
    context.close()

    office = browser.new_page(viewport=DESK)
    office.goto(f"{url}/glosowanie")
    office.get_by_role("combobox", name="Głosowanie", exact=True).wait_for(timeout=60_000)
    idle(office)
    office.get_by_role("combobox", name="Głosowanie", exact=True).click()
    office.get_by_role("option", name="Ankieta partnerów na warsztacie bez głosowania…").click()
    idle(office)
    office.get_by_role("combobox", name="Warsztat, na którym partnerzy wypełniają ankietę").click()
    office.get_by_role("option", name="3. Jabłonna").click()
    office.get_by_text("1 odpowiedź").wait_for(timeout=30_000)
    office.get_by_role("button", name="Utwórz karty ankiety do druku").wait_for(timeout=30_000)
    idle(office)
    office.wait_for_timeout(800)
    assert office.evaluate("document.documentElement.scrollWidth") <= DESK["width"]
    office.screenshot(path=str(SHOTS / "ankieta_biuro.png"), full_page=True)
    office.close()
