"""The import page in a real browser, on a dashboard of this module's own (its tests upload and save): a broken
file, the save button beside its reason at 1280×720, an import that changes the overview, hostile text that
stays text on every page, and an upload left by a closed browser.

One office tab for the module (support.Desk: the import page opened once by its address, every other page
reached by the sidebar's menu); the tests run in this file's order, each on what the one before left, and the
last one closes the tab.
"""

from __future__ import annotations

import re
import time
import urllib.request

import pytest

from tests import fixtures as fx
from tests.browser.support import DESK, IDLE, SESSION_TTL, Desk

UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
DELETE = '[data-testid="stFileChipDeleteBtn"] button'  # a file's ✕ in the uploader


@pytest.fixture(scope="module")
def office(own_server, browser):
    """The office's tab on the module's dashboard."""
    opened = Desk(browser, own_server)
    yield opened
    opened.close()


def _import_page(office, width: int = 1400, height: int = 1000):
    """The import page at ``width``×``height`` with no file uploaded (a file left by the test before removed by its
    ✕, as a person does)."""
    page = office.page("dane")
    delete = page.locator(DELETE)
    while (left := delete.count()) > 0:
        delete.first.click()
        page.wait_for_function(f"document.querySelectorAll({DELETE!r}).length < {left}", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.set_viewport_size({"width": width, "height": height})
    return page


def test_upload_of_a_broken_file_shows_a_polish_sentence(office, tmp_path):
    page = _import_page(office)
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(b"PK\x03\x04 to nie jest arkusz")
    page.locator(UPLOAD).set_input_files(str(broken))
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.first.wait_for(timeout=60_000)
    assert "uszkodzony" in alert.first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0


# the text of a button's label that does not fit its box (cut with "…")
_CUT = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""


def test_the_save_buttons_label_is_whole_beside_its_reason(office, tmp_path):
    path = tmp_path / "lista.xlsx"  # no workshop in the file: the reason stands beside the button
    path.write_bytes(fx.xlsx_bytes({"Lista": [["Lista obecności"], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]}))
    page = _import_page(office, DESK["width"], DESK["height"])
    page.locator(UPLOAD).set_input_files(str(path))
    button = page.get_by_role("button", name="Zapisz w magazynie danych")
    button.wait_for(timeout=60_000)
    page.get_by_text("Nie można zapisać: nie wiadomo").wait_for(timeout=60_000)
    assert button.is_disabled()
    assert page.evaluate(_CUT, 'button[data-testid="stBaseButton-primary"] [data-testid="stMarkdownContainer"]') == []


def _uploaded_bytes(server: str) -> int:
    """Bytes the server holds in uploaded files of all sessions (its own metrics endpoint)."""
    with urllib.request.urlopen(f"{server}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.search(r'cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\} (\d+)', text)
    return int(found.group(1)) if found else 0


def test_import_in_the_browser_changes_the_overview(office, tmp_path):
    """Replaces the sample data of the module's server: the tests after it see the imported list."""
    rows = [["Lista obecności – warsztat 2, Wieliszew"], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]
    path = tmp_path / "lista_wieliszew.xlsx"
    path.write_bytes(fx.xlsx_bytes({"Lista": rows}))
    page = _import_page(office, height=1400)
    page.locator(UPLOAD).set_input_files(str(path))
    page.get_by_role("button", name="Zapisz w magazynie danych").click(timeout=60_000)
    page.get_by_text("Zapisano lista_wieliszew.xlsx").wait_for(timeout=60_000)
    page = office.page("")  # by the sidebar's menu, as the office goes there
    page.get_by_text("Unikalni uczestnicy cyklu").wait_for(timeout=60_000)
    cards = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any("Unikalni uczestnicy cyklu" in c and "\n5" in c for c in cards), cards
    assert "Dane przykładowe" not in page.locator("body").inner_text()


HOSTILE_TITLE = "<img src=x onerror=window.__xss=1>"


def test_injected_text_stays_text_on_every_page(office, tmp_path):
    """A form's CSV whose cells and name carry HTML and formulas, saved; then the pages that show it."""
    rows = [["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Podmiot wiodący", "Status"],
            [1, HOSTILE_TITLE, "1", HOSTILE_TITLE, "=HYPERLINK(\"http://x\")", "pod głosowanie"],
            [2, "[klik](javascript:window.__xss=2)", "2", "<script>window.__xss=3</script>", "@SUM(1)", "zgłoszona"]]
    path = tmp_path / "3 Jabłonna <b>propozycje<i>.csv"
    path.write_bytes(fx.csv_bytes(rows))
    page = _import_page(office, height=1400)
    page.locator(UPLOAD).set_input_files(str(path))
    page.get_by_role("button", name="Zapisz w magazynie danych").click(timeout=60_000)
    page.get_by_text("Zapisano 3 Jabłonna").wait_for(timeout=60_000)
    assert page.evaluate("window.__xss") is None
    for path_ in ("propozycje", "historia", "", "prezentacja"):  # one tab: a script run on any page stays seen
        page = office.page(path_)  # drawn, idle, and faded in for a second
        page.wait_for_timeout(500)
        for frame in page.frames:  # the page and the show's frame on the presentation page
            assert frame.evaluate("window.__xss") is None, path_
        assert page.locator('[data-testid="stException"]').count() == 0


def test_a_closed_browser_leaves_no_upload_behind(own_server, office, tmp_path):
    """A file uploaded (not saved) by a browser that then closes is freed: nothing piles up for hours. Last: it
    closes the module's tab."""
    rows = [["Lista obecności – warsztat 1"], fx.ATTENDANCE_HEADER,
            *[[i, f"Osoba {i}", "Urząd Gminy Serock", "JST", "Serock", ""] for i in range(1, 5000)]]
    path = tmp_path / "duza_lista.csv"
    path.write_bytes(fx.csv_bytes(rows))
    page = _import_page(office)
    page.locator(UPLOAD).set_input_files(str(path))
    page.get_by_text("Arkusz „duza_lista”").first.wait_for(timeout=60_000)
    assert _uploaded_bytes(own_server) >= path.stat().st_size
    office.close()
    deadline = time.monotonic() + SESSION_TTL + 60
    while _uploaded_bytes(own_server) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _uploaded_bytes(own_server) == 0
