"""The voting page in Chromium: a phone's ballot at 390×844 (large targets, nothing see-through over the list,
no WCAG 2.1 AA violation), the projector at 1280×720 and 1920×1080, printable cards.

The dashboard runs on a data folder of its own, with a vote prepared through the store (the sample's
15 proposals of Jabłonna, cards of four sectors); the tests cast and close through the store too,
and watches the projector follow without a reload. The phone's ballot is opened once (``ballot``): the tests
that look at it, then the one that votes with it. Screenshots go to the screenshots folder
(support.SHOTS).
"""

from __future__ import annotations

import os
import time

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

PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def hall(sample_folder_template):
    """A dashboard on 127.0.0.1 with a vote prepared and opened; yields (url, votes, vote, cards). Each test takes
    cards no other test takes; the projector's tests close the vote, so they come after the phone's."""
    require_chromium()
    data = sample_copy(sample_folder_template, "partnerstwo-glosowanie-")
    previous = os.environ.get("PARTNERSTWO_DATA_DIR")
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data)  # the store, its key file: where the server finds them
    try:
        from analysis.store import open_store
        from analysis.voting.ballot_box import Votes

        store = open_store()
        choices = sample_ballot(store)
        port = free_port()
        votes = Votes(store)
        vote = votes.create("2018", 4, choices, 3, f"http://127.0.0.1:{port}")
        cards = {s: votes.issue_cards(vote.id, s, 6) for s in ("local_government", "education", "business", "ngo")}
        votes.open(vote.id)
    finally:
        if previous is None:
            os.environ.pop("PARTNERSTWO_DATA_DIR", None)
        else:
            os.environ["PARTNERSTWO_DATA_DIR"] = previous
    try:
        for url in dashboard(data, port):
            yield url, votes, vote, cards
    finally:
        store.engine.dispose()


@pytest.fixture(scope="module")
def ballot(hall, browser):
    """A phone in the hall (390×844, every host but the dashboard's cut off) with a card's ballot open and nothing
    chosen yet; yields (the page, the addresses it asked elsewhere, the card). The tests that only look at it come
    first; the one that votes with it, last."""
    url, votes, vote, cards = hall
    from analysis.voting import codes

    card = cards["education"][0]
    context = phone(browser)
    page = context.new_page()
    outside = only_the_dashboard(page, url)
    page.goto(codes.card_url(url, card.token))
    idle(page)
    page.get_by_text("Wspólne zakupy").wait_for(timeout=60_000)
    page.get_by_role("button", name="Dalej").wait_for(timeout=60_000)
    idle(page)
    page.wait_for_timeout(1500)  # Streamlit fades elements in: measured once drawn
    yield page, outside, card
    context.close()


@pytest.fixture(scope="module")
def laptop(browser):
    """The office's laptop plugged into the projector: one browser context for the projector's and the office's
    tabs (the dashboard's scripts fetched and compiled once for all of them); each test opens its own tab."""
    context = browser.new_context(viewport=PROJECTOR)
    yield context
    context.close()


# the colour of the pixel rows under the button are the button's own: its box and every box above it opaque
_OPAQUE = """(el) => {
    const boxes = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        boxes.push({tag: e.tagName, opacity: s.opacity, background: s.backgroundColor});
    }
    return boxes;
}"""


def _alpha(colour: str) -> float:
    inside = colour[colour.index("(") + 1:colour.index(")")].replace("/", ",").split(",")
    return float(inside[3]) if len(inside) == 4 else 1.0


def test_the_disabled_next_button_hides_the_list_under_it(ballot):
    page, _, _ = ballot
    button = page.get_by_role("button", name="Dalej")
    assert button.is_disabled()  # nothing chosen yet
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # it stays at the bottom, over the list
    chain = button.evaluate(_OPAQUE)
    assert all(float(b["opacity"]) == 1 for b in chain), chain
    assert _alpha(chain[0]["background"]) == 1, chain[0]


def test_the_phone_ballot_has_no_accessibility_violation_of_its_own(ballot):
    page, _, _ = ballot
    assert_accessible(page, "the ballot")


def test_a_phone_votes_at_390_by_844_with_large_targets_and_nothing_leaves_the_computer(hall, ballot):
    url, votes, vote, cards = hall
    page, outside, card = ballot
    context = page.context
    from analysis.voting import codes

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    boxes = [page.locator("[data-testid='stCheckbox'] label").nth(i).bounding_box() for i in range(3)]
    assert all(b["height"] >= 44 and b["width"] >= 300 for b in boxes), boxes  # a thumb's target
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "glosowanie_telefon.png"))
    for title in ("Wspólne zakupy", "Mapa lokalnych", "Klauzule"):
        page.get_by_text(title).click()
        page.wait_for_timeout(300)
        idle(page)
    next_button = page.get_by_role("button", name="Dalej")
    box = next_button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] and box["height"] >= 48  # kept in reach while scrolling
    next_button.click()
    page.get_by_text("Twój wybór").wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "glosowanie_telefon_potwierdzenie.png"))
    page.get_by_role("button", name="Potwierdzam i oddaję głos").click()
    page.get_by_text("Głos oddany").wait_for(timeout=30_000)
    assert votes.card(codes.recognise(card.token)).used
    page.reload()
    idle(page)
    page.get_by_text("Ta karta już głosowała").wait_for(timeout=30_000)
    second = context.new_page()  # another tab
    second.goto(codes.card_url(url, card.token))
    second.get_by_text("Ta karta już głosowała").wait_for(timeout=60_000)
    assert len(votes.ballots(vote.id)) == 1
    assert outside == []


def test_the_projector_follows_the_vote_at_1280_by_720(hall, laptop):
    url, votes, vote, cards = hall
    from analysis.voting import codes

    page = laptop.new_page()
    page.goto(f"{url}/glosowanie?rzutnik=1")
    turnout = page.locator("[data-testid='vote-turnout']")
    turnout.wait_for(timeout=60_000)
    before = len(votes.ballots(vote.id))
    plan = [("local_government", [1, 2]), ("education", [2]), ("business", [2, 3]), ("ngo", [3, 9]),
            ("ngo", [2]), ("business", [14])]
    used = {s: 1 for s in cards}
    for sector, chosen in plan:
        votes.cast(vote.id, codes.token_hash(cards[sector][used[sector]].token), chosen)
        used[sector] += 1
    total = sum(len(c) for c in cards.values())
    started = time.monotonic()
    page.wait_for_function(f"document.querySelector(\"[data-testid='vote-turnout']\").innerText === "
                           f"'{before + len(plan)} z {total}'", timeout=10_000)
    assert time.monotonic() - started < 5  # refreshed twice a second, without a reload
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PROJECTOR["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "glosowanie_rzutnik.png"))
    votes.close(vote.id)
    ranking = page.locator("[data-testid='vote-ranking']")
    ranking.wait_for(timeout=15_000)  # the result appears by itself once the vote is closed
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "glosowanie_wynik.png"))
    result = votes.result(vote.id)
    rows = ranking.locator("tr")
    assert rows.count() == 15
    first = rows.nth(0).inner_text()
    assert first.split()[0] == "1." and first.split()[-1] == str(result.ranking[0].votes)
    top = [rows.nth(i).bounding_box() for i in range(8)]
    assert all(b["y"] + b["height"] <= PROJECTOR["height"] for b in top)  # the leaders readable without scrolling
    assert page.locator("[data-testid='vote-balance']").bounding_box()["y"] < PROJECTOR["height"]
    page.close()


# every text a person reads on the projector, with the size it is drawn at; and the ranking's cut titles
PROJECTED_TEXTS = """() => {
  const main = document.querySelector('.stMainBlockContainer');
  const texts = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement, r = el.getBoundingClientRect();
    if (!n.textContent.trim() || !r.width || !r.height || el.closest('details:not([open]) > :not(summary)')) continue;
    texts.push([parseFloat(getComputedStyle(el).fontSize), n.textContent.trim().slice(0, 50)]);
  }
  const cut = Array.from(main.querySelectorAll("[data-testid='vote-ranking'] td")).filter(
    td => td.scrollWidth > td.clientWidth + 1 || getComputedStyle(td).textOverflow === 'ellipsis' &&
          getComputedStyle(td).whiteSpace === 'nowrap').map(td => td.innerText.slice(0, 50));
  return {texts: texts, cut: cut};
}"""
LONG_TITLE = ("Wspólna sieć punktów naprawy sprzętu domowego i rowerów w bibliotekach wszystkich gmin powiatu, "
              "z warsztatami dla seniorów i młodzieży")


def _projected(page, width: int, height: int) -> dict:
    """The projector's texts at ``width``×``height``, once it has been laid out again."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(400)
    state = page.evaluate(PROJECTED_TEXTS)
    smallest = 24 * width / 1280
    state["small"] = [(size, text) for size, text in state["texts"] if size < smallest - 0.05]
    return state


def test_the_projector_text_grows_with_the_screen_and_titles_are_whole(hall, laptop):
    """At 1280×720 every text (the way to vote with the address to type, the turnout, the ranking) is at least
    24 px, at 1920×1080 at least 36 px; the result's titles wrap instead of ending with "…"."""
    url, votes, vote, cards = hall
    from analysis.voting import codes
    from analysis.voting.ballot_box import Choice

    choices = [Choice(0, "2018", 3, 1, LONG_TITLE, 1), Choice(0, "2018", 3, 2, "Mapa lokalnych usług", 2),
               Choice(0, "2018", 3, 3, "Klauzule społeczne w przetargach gmin", 1)]
    if votes.get(vote.id).state == "open":  # (run on its own) the projector then follows the newest vote
        votes.close(vote.id)
    second = votes.create("2018", 4, choices, 2, url)
    issued = votes.issue_cards(second.id, "ngo", 3) + votes.issue_cards(second.id, "business", 2)
    votes.open(second.id)  # the newest open vote: the one a fresh projector shows
    page = laptop.new_page()
    page.goto(f"{url}/glosowanie?rzutnik=1")
    page.get_by_text("Jak głosować").wait_for(timeout=60_000)
    page.locator("[data-testid='vote-turnout']").wait_for(timeout=60_000)
    for width, height in ((1280, 720), (1920, 1080)):
        state = _projected(page, width, height)
        assert state["small"] == [], (width, state["small"])
        address = page.get_by_text("/glosowanie").first
        assert float(address.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 24 * width / 1280
    for n, card in enumerate(issued):
        votes.cast(second.id, codes.token_hash(card.token), [1, 2 + n % 2])
    votes.close(second.id)
    ranking = page.locator("[data-testid='vote-ranking']")
    ranking.wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    for width, height in ((1920, 1080), (1280, 720)):
        state = _projected(page, width, height)
        assert state["small"] == [], (width, state["small"])
        assert state["cut"] == [], (width, state["cut"])
        first = ranking.locator("tr").nth(0)
        assert first.inner_text().split("\t")[1].strip() == f"1. {LONG_TITLE}"  # the title whole, in lines
        box = first.bounding_box()
        assert box["y"] + box["height"] <= height and box["x"] + box["width"] <= width
    page.close()


def test_the_office_page_and_the_printable_cards(hall, laptop, tmp_path):
    url, votes, vote, cards = hall
    from analysis.report import cards as card_sheets

    page = laptop.new_page()
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{url}/glosowanie")
    page.get_by_text("Stan:").wait_for(timeout=60_000)
    idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "glosowanie.png"))
    printable = tmp_path / "karty.html"
    printable.write_text(card_sheets.cards_html(cards["ngo"] + cards["business"][:2], f"{url}", "4. Legionowo", 3),
                         encoding="utf-8")
    a4 = laptop.new_page()
    a4.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    a4.goto(printable.as_uri())
    assert a4.locator(".card").count() == 8 and a4.locator(".card svg").count() == 8
    box = a4.locator(".card").first.bounding_box()
    assert abs(box["width"] - 396.85) < 2 and abs(box["height"] - 280.6) < 2  # 105 × 74.25 mm
    pdf = a4.pdf(format="A4", print_background=True)
    assert pdf[:4] == b"%PDF"  # Chromium prints it (one A4 page of eight cards)
    a4.locator("section.page").first.screenshot(path=str(SHOTS / "karty.png"))
    a4.close()
    page.close()
