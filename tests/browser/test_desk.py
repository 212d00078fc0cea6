"""The office's desk in Chromium at a laptop's 1280×720: the first chart seen without scrolling, no card's
label, table column or button label cut off.

Skipped on a laptop without Chromium or Playwright, never under CI=true (fixtures in conftest.py).
"""

from __future__ import annotations

import pytest

from tests.browser.support import open_page

DESK = {"width": 1280, "height": 720}
CARD_PAGES = ["", "propozycje", "postep", "cykle"]  # the pages with number cards
# the text of a card's label, a grid's width or a button's label that does not fit its box (cut with "…")
_CUT = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""


def _desk_page(browser, server: str, path: str):
    page = open_page(browser, f"{server}/{path}", height=DESK["height"], width=DESK["width"])
    page.wait_for_timeout(1000)
    return page


@pytest.mark.parametrize(("path", "key", "seen"), [("", "timeline", 1.0), ("cykle", "cycle_workshops", 0.5)])
def test_the_first_chart_is_seen_without_scrolling(server, browser, path, key, seen):
    """The overview's timeline whole, the cycles' first chart at least half (its bars and their numbers)."""
    page = _desk_page(browser, server, path)
    page.locator(f".st-key-{key} .main-svg").first.wait_for(timeout=60_000)
    box = page.locator(f".st-key-{key}").bounding_box()
    shown = max(0.0, min(DESK["height"], box["y"] + box["height"]) - box["y"])
    assert shown >= seen * box["height"] - 1, (box, DESK)
    page.close()


@pytest.mark.parametrize("path", CARD_PAGES)
def test_no_card_label_is_cut(server, browser, path):
    page = _desk_page(browser, server, path)
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
    assert page.evaluate(_CUT, '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]') == []
    page.close()


def test_the_invite_list_shows_every_column_at_1280(server, browser):
    page = _desk_page(browser, server, "zaproszenia")
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    grid.locator(".dvn-scroller").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    sizes = grid.locator(".dvn-scroller").evaluate("s => [s.scrollWidth, s.clientWidth]")
    assert sizes[0] <= sizes[1], sizes  # no column beyond the grid's right edge ("Liczba warsztatów")
    page.close()


def test_the_save_buttons_label_is_whole_beside_its_reason(server, browser, tmp_path):
    from tests import fixtures as fx

    path = tmp_path / "lista.xlsx"  # no workshop in the file: the reason stands beside the button
    path.write_bytes(fx.xlsx_bytes({"Lista": [["Lista obecności"], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]}))
    page = _desk_page(browser, server, "dane")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    button = page.get_by_role("button", name="Zapisz w magazynie danych")
    button.wait_for(timeout=60_000)
    page.get_by_text("Nie można zapisać: nie wiadomo").wait_for(timeout=60_000)
    assert button.is_disabled()
    assert page.evaluate(_CUT, 'button[data-testid="stBaseButton-primary"] [data-testid="stMarkdownContainer"]') == []
    page.close()
