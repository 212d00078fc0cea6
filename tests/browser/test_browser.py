"""The running dashboard in a real browser: Debian's Chromium driven by Playwright.

Skipped on a laptop without Chromium or Playwright, never under CI=true (.ci/run installs both;
fixtures in conftest.py). Saves a screenshot of every page into the screenshots folder
(support.SHOTS: build/screenshots/, or the folder PARTNERSTWO_SCREENSHOTS names); the presentation's:
tests/browser/test_show.py, the show on a projector's 1280×720.
"""

from __future__ import annotations

import re
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.support import SESSION_TTL, SHOTS, open_page
from views._startup import PRELOAD_KEY

PAGES = [  # url path, title, charts drawn on the sample cycle
    ("", "Przegląd", 2),
    ("uczestnictwo", "Uczestnictwo sektorów", 5),
    ("propozycje", "Propozycje projektów", 10),
    ("postep", "Postęp cyklu", 8),
    ("zaproszenia", "Kogo zaprosić", 2),
    ("cykle", "Cykl do cyklu", 2),
    ("prezentacja", "Prezentacja i raporty", 0),  # the show's charts are in its frame: test_show.py
    ("rejestracja", "Rejestracja", 0),
    ("dane", "Import danych", 0),
    ("historia", "Historia importu", 0),
    ("slownik", "Słownik pojęć", 0),
]


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


@pytest.mark.parametrize(("path", "title", "charts"), PAGES)
def test_every_page_in_the_browser(server, browser, path, title, charts):
    page = open_page(browser, f"{server}/{path}", height=1400)
    page.wait_for_function(f"document.querySelector('h1') && document.querySelector('h1').innerText === {title!r}",
                           timeout=60_000)
    if charts:
        # every chart drawn, each counted once (a plotly chart has two .main-svg layers, so
        # counting those passed with half the charts on the screen); the page is scrolled through
        # while it waits, so a chart drawn only when it comes into view is drawn too
        _wait_for_charts(page, charts)
        drawn = page.locator(f"{PLOT} .plot-container").count()
        assert drawn >= charts
        assert page.locator(f"{PLOT} .main-svg").first.bounding_box()["height"] > 100
    else:
        page.wait_for_timeout(1500)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    body = page.locator("body").inner_text()
    assert "local_government" not in body and "social_welfare" not in body
    if path == "prezentacja":  # the sidebar is out of the way on the projector
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
    else:  # the navigation of st.navigation, not Streamlit's legacy listing of a pages/ folder
        assert "Uczestnictwo sektorów" in page.locator('[data-testid="stSidebarNav"]').inner_text()
    if path != "prezentacja":  # its screenshot shows the show on a projector's screen: test_show.py
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path or 'przeglad'}.png"), full_page=False)
    page.close()


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
                                             ("zaproszenia", "Kogo zaprosić na warsztat 4. Legionowo: sektory")])
def test_labels_of_charts_never_run_together_at_1280(server, browser, path, title):
    """On a 1280-px projector: the timeline's labels and the areas' names each stand apart, readable."""
    page = open_page(browser, f"{server}/{path}", height=720, width=1280)
    page.wait_for_function(f"document.querySelectorAll('{PLOT} .main-svg').length >= 2", timeout=60_000)
    page.wait_for_timeout(1000)
    found = page.evaluate(_OVERLAPS, title)
    assert found is not None and found["labels"] >= 4 and found["overlaps"] == 0, found
    page.close()


def test_the_title_is_near_the_top_of_the_page(server, browser):
    """Not ~120 px of empty space above every title: the first numbers are on a 720-px screen."""
    page = open_page(browser, f"{server}/", height=720, width=1280)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    title = page.locator("h1").first.bounding_box()
    assert title["y"] < 70, title  # the hidden chart that preloads the chart library takes no room
    preload = page.locator(f".st-key-{PRELOAD_KEY}")
    assert preload.count() == 1 and not preload.is_visible()
    assert page.locator('[data-testid="stMetric"]').first.bounding_box()["y"] < 300
    page.close()


def test_upload_of_a_broken_file_shows_a_polish_sentence(server, browser, tmp_path):
    page = open_page(browser, f"{server}/dane")
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(b"PK\x03\x04 to nie jest arkusz")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.first.wait_for(timeout=60_000)
    assert "uszkodzony" in alert.first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_no_request_leaves_the_computer(server, browser):
    """Every page, the uploader and the slides, with every host but the dashboard's cut off."""
    own = urlsplit(server).netloc
    outside: list[str] = []
    inside: list[str] = []

    def only_the_dashboard(route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort()

    def seen(url: str) -> None:
        if urlsplit(url).scheme in ("http", "https", "ws", "wss"):
            (inside if urlsplit(url).netloc == own else outside).append(url)

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", only_the_dashboard)
    context.on("request", lambda request: seen(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: seen(socket.url))
    for path, title, _ in PAGES:
        page.goto(f"{server}/{path}")
        page.wait_for_function(f"document.querySelector('h1') && document.querySelector('h1').innerText === {title!r}",
                               timeout=60_000)
        page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        if path == "dane":  # the uploader's area, as a person clicks into it
            with page.expect_file_chooser(timeout=10_000):
                page.locator('[data-testid="stFileUploaderDropzone"]').click()
        page.wait_for_timeout(1500)
        icons = page.evaluate("[...document.querySelectorAll('link[rel~=icon]')].map(link => link.href)")
        assert icons and all(urlsplit(href).netloc == own for href in icons), icons
    assert outside == []
    # the navigation's icons are drawn with the font Streamlit serves itself
    assert any("MaterialSymbols" in url for url in inside)
    context.close()


def _uploaded_bytes(server: str) -> int:
    """Bytes the server holds in uploaded files of all sessions (its own metrics endpoint)."""
    with urllib.request.urlopen(f"{server}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.search(r'cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\} (\d+)', text)
    return int(found.group(1)) if found else 0


def test_a_closed_browser_leaves_no_upload_behind(server, browser, tmp_path):
    """A file uploaded (not saved) by a browser that then closes is freed: nothing piles up for hours."""
    from tests import fixtures as fx

    rows = [["Lista obecności – warsztat 1"], fx.ATTENDANCE_HEADER,
            *[[i, f"Osoba {i}", "Urząd Gminy Serock", "JST", "Serock", ""] for i in range(1, 5000)]]
    path = tmp_path / "duza_lista.csv"
    path.write_bytes(fx.csv_bytes(rows))
    page = open_page(browser, f"{server}/dane")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("Arkusz „duza_lista”").first.wait_for(timeout=60_000)
    assert _uploaded_bytes(server) >= path.stat().st_size
    page.close()
    deadline = time.monotonic() + SESSION_TTL + 60
    while _uploaded_bytes(server) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _uploaded_bytes(server) == 0


def test_import_in_the_browser_changes_the_overview(server, browser, tmp_path):
    """Runs last in this module: it replaces the sample data of the module's server."""
    from tests import fixtures as fx

    rows = [["Lista obecności – warsztat 2, Wieliszew"], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]
    path = tmp_path / "lista_wieliszew.xlsx"
    path.write_bytes(fx.xlsx_bytes({"Lista": rows}))
    page = open_page(browser, f"{server}/dane", height=1400)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_role("button", name="Zapisz w magazynie danych").click(timeout=60_000)
    page.get_by_text("Zapisano lista_wieliszew.xlsx").wait_for(timeout=60_000)
    page.close()
    page = open_page(browser, f"{server}/", height=1000)
    page.get_by_text("Unikalni uczestnicy cyklu").wait_for(timeout=60_000)
    cards = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any("Unikalni uczestnicy cyklu" in c and "\n5" in c for c in cards), cards
    assert "Dane przykładowe" not in page.locator("body").inner_text()
    page.close()


HOSTILE_TITLE = "<img src=x onerror=window.__xss=1>"


def test_injected_text_stays_text_on_every_page(server, browser, tmp_path):
    """Runs after the import test: a form's CSV whose cells and name carry HTML and formulas."""
    from tests import fixtures as fx

    rows = [["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Podmiot wiodący", "Status"],
            [1, HOSTILE_TITLE, "1", HOSTILE_TITLE, "=HYPERLINK(\"http://x\")", "pod głosowanie"],
            [2, "[klik](javascript:window.__xss=2)", "2", "<script>window.__xss=3</script>", "@SUM(1)", "zgłoszona"]]
    path = tmp_path / "3 Jabłonna <b>propozycje<i>.csv"
    path.write_bytes(fx.csv_bytes(rows))
    page = open_page(browser, f"{server}/dane", height=1400)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_role("button", name="Zapisz w magazynie danych").click(timeout=60_000)
    page.get_by_text("Zapisano 3 Jabłonna").wait_for(timeout=60_000)
    assert page.evaluate("window.__xss") is None
    page.close()
    for path_ in ("propozycje", "historia", "prezentacja", ""):
        page = open_page(browser, f"{server}/{path_}", height=1400)
        page.wait_for_timeout(2500)
        for frame in page.frames:  # the page and the show's frame on the presentation page
            assert frame.evaluate("window.__xss") is None, path_
        assert page.locator('[data-testid="stException"]').count() == 0
        page.close()


def test_html_report_draws_its_charts_offline(browser, tmp_path):
    from analysis import report
    from analysis.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'r.sqlite'}")
    html_path = tmp_path / "raport.html"
    html_path.write_text(report.to_html(report.build(store.dataset())), encoding="utf-8")
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 1000})
    page = context.new_page()
    page.goto(html_path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6", timeout=30_000)
    assert page.locator(".js-plotly-plot .plot-container").count() >= 6
    assert "134 osoby" in page.locator("body").inner_text()
    page.screenshot(path=str(SHOTS / "raport_html.png"))
    context.close()
