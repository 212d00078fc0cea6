"""Every page of the dashboard on the sample cycle in a real browser (Debian's Chromium driven by Playwright), at
the office laptop's 1280×720: charts drawn, no error, nothing cut or run together, the first numbers and the
first chart seen without scrolling, WCAG 2.1 AA (axe-core), and no request leaving the computer.

Each page is shown once (the ``desk`` fixture, tests/browser/support.Desk: one tab, the first page opened by its
address, the others reached by the sidebar's menu) and every test looks at it — the tests are parametrized by
page with the module's scope, so pytest runs the tests of one page one after another; the show
on the presentation page answers a remote's keys and its download runs offline. The pages that import, upload
or save: test_import.py; the show's every slide: test_show.py; the vote: test_glosowanie.py.
Saves a screenshot of every page into the screenshots folder (support.SHOTS: build/screenshots/, or the
folder PARTNERSTWO_SCREENSHOTS names).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.browser.slides import CHECK, SHOW, SLIDES, offline
from tests.browser.support import DESK, PAGES, SHOTS, assert_accessible
from views._startup import PRELOAD_KEY

# the page's own charts: not the hidden one that makes the browser load its chart library (views/_startup.py)
PLOT = f".js-plotly-plot:not(.st-key-{PRELOAD_KEY} *)"
_CHARTS_DRAWN = (f"document.querySelectorAll('{PLOT} .plot-container').length"
                 f" + ':' + document.querySelectorAll('{PLOT} .plot-container .main-svg').length")

_SCROLL_ON = """() => {  // Streamlit scrolls its main section, not the window; back to the top at the end
    const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
    const top = main.scrollTop + main.clientHeight >= main.scrollHeight - 2 ? -700 : main.scrollTop;
    main.scrollTo(0, top + 700);
}"""


def _wait_for_charts(page, charts: int, limit: float = 90.0) -> None:
    """Scroll through the page until ``charts`` plotly charts are drawn (or fail after ``limit`` s)."""
    deadline = time.monotonic() + limit
    seen = ""
    while time.monotonic() < deadline:
        seen = page.evaluate(_CHARTS_DRAWN)
        containers, layers = (int(n) for n in seen.split(":"))
        if containers >= charts and layers >= 2 * charts:
            page.evaluate(_SCROLL_ON.replace("top + 700", "0"))
            return
        page.evaluate(_SCROLL_ON)
        page.wait_for_timeout(400)
    raise AssertionError(f"{charts} charts expected, drawn (charts:layers) {seen}")


@pytest.mark.parametrize(("path", "title", "charts"), PAGES, scope="module")
def test_every_page_draws_its_charts_and_shows_no_error(desk, path, title, charts):
    page = desk.page(path)
    if charts:
        # every chart drawn, each counted once (a plotly chart has two .main-svg layers, so
        # counting those passed with half the charts on the screen); the page is scrolled through
        # while it waits, so a chart drawn only when it comes into view is drawn too
        _wait_for_charts(page, charts)
        assert page.locator(f"{PLOT} .plot-container").count() >= charts
        assert page.locator(f"{PLOT} .main-svg").first.bounding_box()["height"] > 100
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    body = page.locator("body").inner_text()
    assert "local_government" not in body and "social_welfare" not in body  # codes never reach a person
    icons = page.evaluate("[...document.querySelectorAll('link[rel~=icon]')].map(link => link.href)")
    assert icons and all(urlsplit(href).netloc == desk.own for href in icons), icons  # the dashboard's own icon
    if path == "prezentacja":  # the sidebar is out of the way on the projector
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
    else:  # the navigation of st.navigation, not Streamlit's legacy listing of a pages/ folder
        assert "Uczestnictwo sektorów" in page.locator('[data-testid="stSidebarNav"]').inner_text()
    if path != "prezentacja":  # its screenshot shows the show on a projector's screen: test_show.py
        page.evaluate("(document.querySelector('[data-testid=\"stMain\"]') || document.scrollingElement).scrollTo(0, 0)")
        page.screenshot(path=str(SHOTS / f"{path or 'przeglad'}.png"), full_page=False)


@pytest.mark.parametrize("path", [""], scope="module")
def test_the_title_and_the_first_numbers_are_near_the_top(desk, path):
    """Not ~120 px of empty space above every title: the first numbers are on a 720-px screen."""
    page = desk.page(path)
    title = page.locator("h1").first.bounding_box()
    assert title["y"] < 70, title  # the hidden chart that preloads the chart library takes no room
    preload = page.locator(f".st-key-{PRELOAD_KEY}")
    assert preload.count() == 1 and not preload.is_visible()
    assert page.locator('[data-testid="stMetric"]').first.bounding_box()["y"] < 300


@pytest.mark.parametrize(("path", "key", "seen"), [("", "timeline", 1.0), ("cykle", "cycle_workshops", 0.5)],
                         scope="module")
def test_the_first_chart_is_seen_without_scrolling(desk, path, key, seen):
    """The overview's timeline whole, the cycles' first chart at least half (its bars and their numbers)."""
    page = desk.page(path)
    page.locator(f".st-key-{key} .main-svg").first.wait_for(timeout=60_000)
    box = page.locator(f".st-key-{key}").bounding_box()
    shown = max(0.0, min(DESK["height"], box["y"] + box["height"]) - box["y"])
    assert shown >= seen * box["height"] - 1, (box, DESK)


# the text of a card's label or a grid's width that does not fit its box (cut with "…")
CUT = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""


@pytest.mark.parametrize("path", ["", "propozycje", "postep", "cykle"], scope="module")  # the pages with number cards
def test_no_card_label_is_cut(desk, path):
    page = desk.page(path)
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
    assert page.evaluate(CUT, '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]') == []


@pytest.mark.parametrize("path", ["zaproszenia"], scope="module")
def test_the_invite_list_shows_every_column_at_1280(desk, path):
    page = desk.page(path)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    grid.locator(".dvn-scroller").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    sizes = grid.locator(".dvn-scroller").evaluate("s => [s.scrollWidth, s.clientWidth]")
    assert sizes[0] <= sizes[1], sizes  # no column beyond the grid's right edge ("Liczba warsztatów")


_OVERLAPS = """(title) => {
    const chart = [...document.querySelectorAll('.js-plotly-plot')]  // found by its title
        .find(c => (c.querySelector('.gtitle') || {}).textContent === title);
    if (!chart) return null;
    const boxes = [...chart.querySelectorAll('.textpoint text, .ytick text')]
        .map(t => t.getBoundingClientRect()).filter(b => b.width > 0);
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
    }
    return {labels: boxes.length, overlaps};
}"""


@pytest.mark.parametrize(("path", "title"), [("", "Cykl warsztatów"),
                                             ("propozycje", "Kto prowadzi propozycje: sektor podmiotu wiodącego "
                                                            "w obszarach"),
                                             ("propozycje", "Propozycje kilku sektorów w obszarach"),
                                             ("postep", "Powroty według sektorów"),
                                             ("zaproszenia", "Kogo zaprosić na warsztat 4. Legionowo: sektory")],
                         scope="module")
def test_labels_of_charts_never_run_together_at_1280(desk, path, title):
    """On a 1280-px projector: the timeline's labels and the areas' names each stand apart, readable."""
    page = desk.page(path)
    page.wait_for_function(f"document.querySelectorAll('{PLOT} .main-svg').length >= 2", timeout=60_000)
    found = page.evaluate(_OVERLAPS, title)
    assert found is not None and found["labels"] >= 4 and found["overlaps"] == 0, found


# the boxes of a chart's legend entries and of its axes' titles (CSS px of the page)
LEGEND_AND_AXES = """(key) => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const root = document.querySelector('.st-key-' + key);
  return {legend: Array.from(root.querySelectorAll('.legendtext')).map(box),
          axes: Array.from(root.querySelectorAll('.g-xtitle text, .g-ytitle text')).map(box)};
}"""
GAP = 4  # px between a legend's entry and an axis's title


@pytest.mark.parametrize("path", ["propozycje"], scope="module")
def test_legends_keep_clear_of_the_axis_titles_on_the_proposals_page(desk, path):
    """"Kto prowadzi propozycje" and the cooperation chart by area at 1280×720 and 1920×1080: a gap between
    every legend entry and the axis's title (the legend under the bars covered it)."""
    page = desk.page(path)
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        for key in ("lead", "multi_area"):
            page.locator(f".st-key-{key}").scroll_into_view_if_needed()
            page.wait_for_selector(f".st-key-{key} .legendtext", timeout=30_000)
            page.wait_for_timeout(300)  # redrawn at the new width
            boxes = page.evaluate(LEGEND_AND_AXES, key)
            assert boxes["legend"] and boxes["axes"], (key, boxes)
            for a in boxes["legend"]:
                for b in boxes["axes"]:
                    apart = a[2] + GAP <= b[0] or b[2] + GAP <= a[0] or a[3] + GAP <= b[1] or b[3] + GAP <= a[1]
                    assert apart, (width, key, a, b)


@pytest.mark.parametrize(("path", "title"), [(p, t) for p, t, _ in PAGES], scope="module")
def test_every_page_has_no_accessibility_violation_of_its_own(desk, path, title):
    """WCAG 2.1 AA by axe-core over the whole page once drawn; Streamlit's own markup is left out by rule
    (support.STREAMLIT_OWN, listed in the user's guide)."""
    page = desk.page(path)
    assert page.locator("h1").first.inner_text() == title
    assert_accessible(page, path or "przeglad")


@pytest.mark.parametrize("path", ["prezentacja"], scope="module")
def test_the_show_on_the_presentation_page_answers_keys_as_soon_as_it_opens(desk, path):
    page = desk.page(path)
    frame = page.wait_for_selector(SHOW, timeout=60_000).content_frame()
    frame.wait_for_function("document.body.getAttribute('data-ready')", timeout=60_000)
    assert page.locator(SHOW).bounding_box() == {"x": 0, "y": 0, "width": 1280, "height": 720}  # the whole screen
    assert frame.evaluate("show.index") == 0
    page.keyboard.press("PageDown")  # no click first: the page's keys reach the show
    assert frame.evaluate("show.index") == 1
    state = frame.evaluate(CHECK)
    assert state["key"] == "cycle" and state["outside"] == [] and state["body"] >= 28
    page.screenshot(path=str(SHOTS / "prezentacja.png"))
    page.keyboard.press("End")
    assert frame.evaluate("show.index") == len(SLIDES) - 1
    page.keyboard.press("Home")
    page.keyboard.press("f")  # full screen: the show's frame fills the screen
    page.wait_for_function("document.fullscreenElement && document.fullscreenElement.tagName === 'IFRAME'")
    page.keyboard.press("Escape")  # leaves full screen, and only that
    page.wait_for_function("!document.fullscreenElement")
    assert not frame.evaluate("show.paused")
    page.keyboard.press("b")
    assert frame.evaluate("show.black")
    page.keyboard.press("b")
    page.keyboard.press("Escape")  # out of full screen already: the keys go back to the page
    assert frame.evaluate("show.paused")
    page.keyboard.press("PageDown")
    assert frame.evaluate("show.index") == 0
    page.locator(SHOW).click(position={"x": 640, "y": 360})  # a click on the slide takes them back
    page.keyboard.press("PageDown")
    assert frame.evaluate("show.index") == 1 and not frame.evaluate("show.paused")
    # scrolled down to the settings, the keys are the page's: the show stays where it is
    page.mouse.move(640, 600)
    page.mouse.wheel(0, 2000)
    page.wait_for_function(f"document.querySelector({SHOW!r}).getBoundingClientRect().bottom < 300")
    page.keyboard.press("PageDown")
    page.locator(".st-key-show_settings [data-testid='stSelectbox']").click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert frame.evaluate("show.index") == 1


@pytest.mark.parametrize("path", ["prezentacja"], scope="module")
def test_the_downloaded_show_runs_offline_from_disk(desk, browser, tmp_path, path):
    page = desk.page(path)
    page.mouse.move(640, 600)
    page.mouse.wheel(0, 2000)
    button = page.get_by_role("button", name="Pokaz slajdów (HTML, offline)")
    with page.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "partnerstwo_warsztat_4_pokaz.html"
    context, show = offline(browser, path, 1280, 720)
    assert "Warsztat 4. Legionowo" in show.locator(".slide.current").inner_text()
    show.keyboard.press("End")
    state = show.evaluate(CHECK)
    assert state["index"] == len(SLIDES) - 1 and state["drawn"] == 1 and state["outside"] == []
    drawn = "Array.from(document.querySelectorAll('.chart')).filter(c => c.querySelector('svg.main-svg')).length"
    # offline, parts A and B too (no cycle before 2018 to chart)
    assert show.evaluate(drawn) == show.evaluate("document.querySelectorAll('.chart').length") == 12
    context.close()


def test_no_request_leaves_the_computer(desk):
    """Every page (all opened with every other host cut off; the show and its download too; each page's icons
    checked where it is drawn), the uploader as a person clicks into it: every address asked for is the
    dashboard's, the icons and the navigation's font included. Runs last: it sees what every test before it
    asked for."""
    assert set(desk.opened) == {path for path, _, _ in PAGES}
    page = desk.page("dane")
    with page.expect_file_chooser(timeout=10_000):
        page.locator('[data-testid="stFileUploaderDropzone"]').click()
    page.wait_for_timeout(1000)
    assert desk.outside == []
    # the navigation's icons are drawn with the font Streamlit serves itself
    assert any("MaterialSymbols" in url for url in desk.inside)
