"""Fixtures of the browser tests: one Chromium and one dashboard on the sample per test process (the desk's pages
opened once on it), and a dashboard of its own for a module that changes the data.

Skipped on a laptop without Chromium or Playwright, never under CI=true (.ci/run installs both). The sample's
dashboard is looked at by test_pages.py alone: xdist runs a file in one test process (pytest.ini's
``--dist loadfile``), which starts it once; another file using it would start a second one.
"""

from __future__ import annotations

import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, Desk, dashboard, require, require_chromium, sample_copy


@pytest.fixture(scope="session")
def server(sample_folder_template):
    """A dashboard on the sample cycle that no test changes."""
    require_chromium()
    yield from dashboard(sample_copy(sample_folder_template, "partnerstwo-browser-"))


@pytest.fixture(scope="module")
def own_server(sample_folder_template):
    """A dashboard on a copy of the sample for one module whose tests import, upload or save."""
    require_chromium()
    yield from dashboard(sample_copy(sample_folder_template, "partnerstwo-import-"))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def desk(server, browser):
    """The office's laptop (1280×720) on the sample's dashboard, every host but the dashboard's cut off: each
    page opened once and kept for every test that looks at it (support.Desk)."""
    opened = Desk(browser, server)
    yield opened
    opened.close()
