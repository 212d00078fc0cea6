"""The slide show in Chromium, driven like a presenter drives it: a keyboard or a remote.

Every slide lies within a 1280×720 projector (and 1920×1080) with body text of at least 28 px, every text
(chart texts too) of at least 24 px and no two chart texts touching
(scaled with the screen); black screen, first and last slide; the show on the dashboard's page
answers keys as soon as the page opens and its download runs from disk with the network cut (test_pages.py);
every slide and the HTML report have no WCAG 2.1 AA violation (axe-core). Saves screenshots of the show into
the screenshots folder (support.SHOTS).

Each show file is opened once (the fixtures ``show_page`` and ``voted_page``, tabs of one context with the network
cut: ``disk``) and every test sizes its window:
the show scales its 1280×720 stage to the window on every resize, so a window resized is laid out as one opened
at that size.
"""

from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa

from tests.browser.slides import CHECK, KEYS, SLIDES, opened
from tests.browser.support import SHOTS, assert_accessible


@pytest.fixture(scope="module")
def show_files(tmp_path_factory, sample_dataset):
    """The sample cycle's show for 4. Legionowo (the default) and for 3. Jabłonna (a weaker sector)."""
    from analysis import report

    folder = tmp_path_factory.mktemp("pokaz")
    paths = {}
    for workshop in (3, 4):
        paths[workshop] = folder / f"pokaz_{workshop}.html"
        paths[workshop].write_text(report.to_show(report.build(sample_dataset, workshop), sample=True),
                                   encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def show_file(show_files):
    return show_files[4]


@pytest.fixture(scope="module")
def disk(browser):
    """One browser context with the network cut for the module's files: a tab for each (the chart library they
    carry compiled once in the context's renderer)."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    yield context
    context.close()


@pytest.fixture(scope="module")
def show_page(disk, show_file):
    """The show for 4. Legionowo opened once from disk with the network cut; each test sizes the window itself (the
    show lays its 1280×720 stage out again on every resize: its ``layout``)."""
    page = opened(disk, show_file)
    yield page
    page.close()


def _sized(page, width: int, height: int):
    """``page`` at ``width``×``height``, once the show has laid its stage out for it."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(f"innerWidth === {width} && innerHeight === {height} && "
                           f"Math.abs(show.scale - Math.min({width} / 1280, {height} / 720)) < 1e-9")
    return page


# Every text on the current slide with the size it is drawn at (CSS px of the window: the stage's scale and
# an SVG text's own transforms included), and the pairs of upright chart texts closer than GAP px to each other.
TEXTS = """(gap) => {
  const slide = document.querySelector('.slide.current');
  const sizes = [], boxes = [];
  for (const el of slide.querySelectorAll('svg text')) {
    const r = el.getBoundingClientRect();
    if (!r.width || getComputedStyle(el).display === 'none' || getComputedStyle(el).visibility === 'hidden') continue;
    const m = el.getScreenCTM(), k = Math.hypot(m.a, m.b);
    sizes.push([parseFloat(getComputedStyle(el).fontSize) * k, el.textContent]);
    if (Math.abs(m.b) < 1e-3) boxes.push([el.textContent, r]);  // slanted text: its box is not its outline
  }
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el.closest('svg') || !n.textContent.trim() || !el.getBoundingClientRect().width) continue;
    sizes.push([parseFloat(getComputedStyle(el).fontSize) * show.scale, n.textContent.trim()]);
  }
  const close = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i][1], b = boxes[j][1];
    if (a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap)
      close.push(boxes[i][0] + ' | ' + boxes[j][0]);
  }
  return {key: slide.getAttribute('data-key'), small: sizes, close: close};
}"""
SMALLEST_TEXT = 24  # px on a 1280×720 screen, grown with the screen: the back of a hall reads it
GAP = 4  # px between two texts of a chart


def _texts_apart_and_large(page, height: int) -> list[str]:
    """Every slide from the first: no text smaller than SMALLEST_TEXT (scaled), no two chart texts within GAP."""
    page.keyboard.press("Home")
    smallest = SMALLEST_TEXT * height / 720
    seen = []
    for index in range(page.evaluate("show.count")):
        state = page.evaluate(TEXTS, GAP * height / 720)
        small = [(round(size, 1), text[:40]) for size, text in state["small"] if size < smallest - 0.05]
        assert small == [], (index, state["key"], small)
        assert state["close"] == [], (index, state["key"], state["close"])
        seen.append(state["key"])
        page.keyboard.press("PageDown")
    return seen


def _walk(page, smallest_body: float, shots: dict[int, str] | None = None) -> list[str]:
    """Every slide from the first, moved by the keys of a remote; each checked where it stands."""
    page.keyboard.press("Home")
    seen = []
    count = page.evaluate("show.count")
    for index in range(count):
        state = page.evaluate(CHECK)
        assert state["index"] == index
        assert state["outside"] == [], (index, state["outside"])
        if state["body"] is not None:
            assert state["body"] >= smallest_body - 0.01, (index, state["body"])
        assert state["drawn"] == (1 if state["chart"] else 0), index
        seen.append(state["key"])
        if shots and index in shots:
            page.screenshot(path=str(SHOTS / shots[index]))
        page.keyboard.press(KEYS[index % len(KEYS)])
    assert page.evaluate("show.index") == count - 1  # "next" on the last slide stays there
    return seen


def test_show_fits_a_1280x720_projector_and_answers_a_remote(show_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = _sized(show_page, 1280, 720)
    assert page.evaluate(CHECK)["stage"] == [0, 0, 1280, 720]
    seen = _walk(page, 28, {12: "pokaz_glosowanie.png"})
    assert seen == SLIDES
    last = len(SLIDES) - 1
    for key, index in (("Home", 0), ("End", last), ("PageUp", last - 1), ("ArrowLeft", last - 2), ("End", last)):
        page.keyboard.press(key)
        assert page.evaluate("show.index") == index, key
    # a black screen (B or the period a remote sends) and back; a "next" while black only lifts it
    for key in ("b", "."):
        page.keyboard.press(key)
        assert page.evaluate("show.black")
        assert page.evaluate("document.elementFromPoint(640, 360).id") == "black"
        page.keyboard.press(key)
        assert not page.evaluate("show.black")
    page.keyboard.press("Home")
    page.keyboard.press("B")
    page.keyboard.press("PageDown")
    assert not page.evaluate("show.black") and page.evaluate("show.index") == 0
    page.keyboard.press("5")
    page.keyboard.press("Enter")
    assert page.evaluate("show.index") == 4  # a slide's number, then Enter


def test_show_with_a_weaker_sector_and_nothing_to_vote_on_fits_too(disk, show_files):
    page = opened(disk, show_files[3])
    assert _walk(page, 28, {3: "pokaz_rownowaga.png"}) == ["cover", "cycle", "sectors", "balance", "per_10k", "cohort",
                                                           "areas", "cooperation", "projects", "status_time",
                                                           "votes_spread", "vote", "next"]
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("PageDown")
    balance = page.locator(".slide.current")
    assert "Cech rzemiosł" in balance.inner_text()  # named by the slide and drawn by its chart
    assert page.locator(".slide.current .chart text", has_text="Cech rzemiosł").count() == 1
    page.close()


LONG_TITLE = ("Szlak rowerowy wokół Zalewu Zegrzyńskiego z wypożyczalniami rowerów w każdej gminie powiatu, "
              "wspólną mapą i oznakowaniem")


@pytest.fixture(scope="module")
def voted_show(tmp_path_factory, store_templates):
    """The show at 4. Legionowo after a closed vote, whose winner has a title of 120 characters (on a copy of the
    sample's store seeded once per test process: tests/conftest.py)."""
    import pandas as pd

    from analysis import report
    from analysis.store import Store
    from analysis.voting import codes
    from analysis.voting.ballot_box import Choice, Votes
    from tests.stores import KEY

    folder = tmp_path_factory.mktemp("pokaz_glosowanie")
    shutil.copyfile(sa.engine.make_url(store_templates("sample", "sqlite")).database, folder / "s.sqlite")
    store = Store(f"sqlite:///{folder / 's.sqlite'}", key=KEY)
    proposals = store.dataset().proposals
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["cycle"] == "2018") & (proposals["workshop"] < 4)]
    choices = [Choice(0, str(c), int(w), int(n), LONG_TITLE if i == 0 else str(t), None if pd.isna(a) else int(a))
               for i, (c, w, n, t, a) in enumerate(zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"],
                                                       rows["area"], strict=True))]
    votes = Votes(store)
    vote = votes.create("2018", 4, choices, 3, "http://127.0.0.1:8501")
    cards = votes.issue_cards(vote.id, "ngo", 6) + votes.issue_cards(vote.id, "business", 4)
    votes.open(vote.id)
    for n, card in enumerate(cards):
        votes.cast(vote.id, codes.token_hash(card.token), [1, 2 + n % 7, 9 + n % 6])
    votes.close(vote.id)
    path = folder / "pokaz.html"
    path.write_text(report.to_show(report.build(store.dataset(), 4, votes=votes), sample=True), encoding="utf-8")
    store.engine.dispose()
    return path


@pytest.fixture(scope="module")
def voted_page(disk, voted_show):
    """The show after the vote, opened once from disk with the network cut (sized by each test: ``_sized``)."""
    page = opened(disk, voted_show)
    yield page
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_every_text_of_the_show_is_large_and_apart_from_the_others(voted_page, width, height):
    """Chart texts too (ticks, bar values, map labels, legends): at least 24 px at 1280×720 and grown with the
    screen; the legends clear of the axes' titles, the timeline's dates apart; the vote's winner named whole."""
    page = _sized(voted_page, width, height)
    seen = _texts_apart_and_large(page, height)
    assert {"cooperation", "per_10k", "sectors", "vote_result", "next"} <= set(seen)
    page.evaluate(f"show.go({seen.index('vote_result')})")
    titles = page.locator(".slide.current .ranking .vtitle")
    assert titles.first.inner_text() == LONG_TITLE  # whole, in lines, never cut
    boxes = [titles.nth(i).bounding_box() for i in range(titles.count())]
    assert titles.count() >= 2 and all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    state = page.evaluate(CHECK)
    assert state["outside"] == [] and state["body"] >= 28 * height / 720 - 0.01


def test_show_fits_1920x1080_with_text_grown_with_the_screen(show_page):
    page = _sized(show_page, 1920, 1080)
    assert page.evaluate(CHECK)["stage"] == [0, 0, 1920, 1080]
    assert _walk(page, 28 * 1080 / 720) == SLIDES


def test_show_letterboxes_on_a_4_3_projector(show_page):
    page = _sized(show_page, 1024, 768)
    state = page.evaluate(CHECK)
    assert state["stage"] == [0, 96, 1024, 576]  # the whole 16:9 page, centred, black bars above and below
    _walk(page, 28 * 1024 / 1280)


def test_every_slide_of_the_show_has_no_accessibility_violation_of_its_own(voted_page, voted_show):
    """WCAG 2.1 AA by axe-core (support.assert_accessible) over the show opened from disk, the network cut: the
    page, then each slide as it stands on the screen (the vote's result too)."""
    page = _sized(voted_page, 1280, 720)
    page.evaluate("show.go(0)")
    page.wait_for_timeout(500)  # the first slide's fade-in
    assert_accessible(page, voted_show.name)
    for index in range(1, page.evaluate("show.count")):
        page.evaluate(f"show.go({index})")
        page.wait_for_function(f"show.index === {index}")
        assert_accessible(page, f"{voted_show.name}, slide {index + 1}", within=".slide.current")


def test_the_html_report_draws_its_charts_offline_with_no_accessibility_violation(disk, tmp_path, sample_dataset):
    from analysis import report

    html_path = tmp_path / "raport.html"
    html_path.write_text(report.to_html(report.build(sample_dataset)), encoding="utf-8")
    page = disk.new_page()
    page.set_viewport_size({"width": 1200, "height": 1000})
    page.goto(html_path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6", timeout=30_000)
    assert page.locator(".js-plotly-plot .plot-container").count() >= 6
    assert "134 osoby" in page.locator("body").inner_text()
    page.screenshot(path=str(SHOTS / "raport_html.png"))
    assert_accessible(page, html_path.name)
    page.close()
