"""What the browser tests share: where Chromium is, skipping without it, starting a dashboard, opening a page,
the office's desk with each page opened once, and axe-core's accessibility check."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Screenshots go to a git-ignored folder; PARTNERSTWO_SCREENSHOTS=docs/screenshots renews the guide's pictures.
SHOTS = Path(os.environ.get("PARTNERSTWO_SCREENSHOTS", "").strip() or ROOT / "build" / "screenshots").resolve()
SHOTS.mkdir(parents=True, exist_ok=True)
SESSION_TTL = 4  # the test server's server.disconnectedSessionTTL: a closed tab is released after half of it
# one renderer process for the dashboard's tabs: they share its compiled scripts (Streamlit's and plotly.js),
# which a renderer per tab compiled again for every page opened (~30% of the browser's time); no software GPU
# (SwiftShader) behind --disable-gpu: the GPU process's time fell to a third (pages opened, menus, the show),
# the screenshots the same pixel for pixel
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--process-per-site", "--disable-software-rasterizer"]
DESK = {"width": 1280, "height": 720}  # the office's laptop, and the projector it is plugged into
PHONE = {"width": 390, "height": 844}  # a voter's or a participant's phone in the hall
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
TITLES = {path: title for path, title, _ in PAGES}
IDLE = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"  # the page's script has finished running


def require(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run under CI: {why}")
        pytest.skip(why)


def require_chromium() -> None:
    require(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, f"no Chromium at {CHROMIUM}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(env: dict[str, str], port: int | None = None,
                    session_ttl: int | None = SESSION_TTL) -> tuple[subprocess.Popen, str]:
    """``streamlit run dashboard.py`` on 127.0.0.1 with ``env``, as the office starts it, once it answers;
    a closed browser's session is shut down after half of ``session_ttl`` s (views/_session.py; None:
    Streamlit's own setting)."""
    port = port or free_port()
    ttl = [] if session_ttl is None else ["--server.disconnectedSessionTTL", str(session_ttl)]
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", *ttl],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    pytest.fail("the dashboard did not start within 90 s")


def dashboard(data: Path, port: int | None = None) -> Iterator[str]:
    """A fixture's body: a dashboard over the data folder ``data`` for as long as the fixture lives."""
    process, url = start_dashboard(dict(os.environ, PARTNERSTWO_DATA_DIR=str(data)), port)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def sample_copy(sample_folder_template: Path, prefix: str) -> Path:
    """A new data folder holding the sample cycle (a copy of the one seeded per test process: tests/conftest.py)."""
    data = Path(tempfile.mkdtemp(prefix=prefix)) / "data"
    shutil.copytree(sample_folder_template, data)
    return data


def phone(browser):
    """A new browser context as a phone in the hall: 390×844, touch, twice the pixels."""
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


def idle(page) -> None:
    """Wait until the page shows a heading and its script has finished running."""
    page.wait_for_selector("h1, h2", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)


def only_the_dashboard(page, server: str) -> list[str]:
    """Cut ``page`` off from every host but the dashboard's; the list returned collects what it asked elsewhere."""
    own = urlsplit(server).netloc
    outside: list[str] = []

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).netloc == own:
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return outside


def open_page(browser, url: str, height: int = 1000, width: int = 1400):
    """A page of the dashboard once its script has finished running."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    return page


class Desk:
    """The office's laptop at 1280×720 on a dashboard that no test changes: one browser context in which every
    host but the dashboard's is cut off (and every address asked for is noted), and one tab in it. The tab opens
    the first page asked for by its address, and goes to every other page as a person does, by the sidebar's
    menu (or, where the page hides the sidebar, by the browser's history): a page opened afresh costs the
    browser its scripts and a new session (~5 s of processor time), a page reached from the menu a third of
    that. A test gets its page back at the laptop's size, scrolled to the top; tests looking at one page run
    one after another (test_pages.py parametrizes them by page with the module's scope)."""

    def __init__(self, browser, server: str) -> None:
        self.server = server
        self.own = urlsplit(server).netloc
        self.inside: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(viewport=DESK)
        self.context.route("**/*", self._only_the_dashboard)
        self.context.on("request", lambda request: self._seen(request.url))
        self.opened: list[str] = []  # the paths shown, in order; the first by its address
        self._tab = None

    def _only_the_dashboard(self, route) -> None:
        if urlsplit(route.request.url).netloc == self.own:
            route.continue_()
        else:
            route.abort()

    def _seen(self, url: str) -> None:
        if urlsplit(url).scheme in ("http", "https", "ws", "wss"):
            (self.inside if urlsplit(url).netloc == self.own else self.outside).append(url)

    def _go(self, path: str) -> None:
        """From the page shown to ``path``: its address the first time, the sidebar's menu afterwards."""
        if self._tab is None:
            self._tab = self.context.new_page()
            self._tab.on("websocket", lambda socket: self._seen(socket.url))
            self._tab.goto(f"{self.server}/{path}")
            return
        tab = self._tab
        link = tab.locator('[data-testid="stSidebarNav"] a').filter(
            has=tab.get_by_text(TITLES[path], exact=True))
        if tab.locator('[data-testid="stSidebarNav"]').is_visible():
            link.click()
        else:  # the presentation hides the sidebar: the way out is the browser's history (Streamlit's popstate)
            tab.evaluate("(path) => { history.pushState(null, '', path); "
                         "window.dispatchEvent(new PopStateEvent('popstate')); }", f"/{path}")

    def page(self, path: str):
        if not self.opened or self.opened[-1] != path:
            self._go(path)
            tab = self._tab
            tab.wait_for_function(f"document.querySelector('h1') && document.querySelector('h1').innerText === "
                                  f"{TITLES[path]!r} && location.pathname === {'/' + path!r}", timeout=60_000)
            tab.wait_for_function(IDLE, timeout=60_000)
            tab.wait_for_timeout(1000)  # Streamlit fades elements in
            tab.wait_for_function(IDLE, timeout=60_000)
            self.opened.append(path)
        page = self._tab
        page.bring_to_front()  # the tab a person looks at: it has the keyboard, and may go full screen
        if page.viewport_size != DESK:
            page.set_viewport_size(DESK)
            page.wait_for_timeout(300)  # laid out again at the laptop's size
        page.evaluate("(document.querySelector('[data-testid=\"stMain\"]') || document.scrollingElement).scrollTo(0, 0)")
        return page

    def close(self) -> None:
        self.context.close()


# --- accessibility: axe-core from the npm registry (tests/browser/package.json, package-lock.json) -------------

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (axe rule, CSS selector of the element it reports): Streamlit's own markup, not the dashboard's; listed in the
# user's guide too (docs/podrecznik.md, "Dostępność")
STREAMLIT_OWN = [
    # the page menu of st.navigation: a <ul> whose section headings are <div>s, its items inside them
    ("list", '[data-testid="stSidebarNavItems"]'),
    ("listitem", '[data-testid="stSidebarNav"] li'),
]
_AXE_RUN = """async ([tags, excluded, within]) => {
    const result = await axe.run(within ? document.querySelector(within) : document,
                                 {runOnly: {type: 'tag', values: tags}});
    const own = (rule, node) => {
        const el = document.querySelector(node.target[0]);
        return !excluded.some(([id, selector]) => id === rule && el && el.closest(selector));
    };
    return result.violations
        .map(v => ({id: v.id, nodes: v.nodes.filter(n => own(v.id, n))
            .map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 120) + ' :: ' +
                      ((n.any[0] || n.all[0] || n.none[0] || {}).message || ''))}))
        .filter(v => v.nodes.length);
}"""


def assert_accessible(page, where: str, within: str | None = None) -> None:
    """WCAG 2.1 AA by axe-core (injected from disk: nothing is fetched): no violation of the page's own markup
    (or of the element ``within`` selects). Without axe-core the test is skipped on a laptop and fails under
    CI=true (`npm ci --prefix tests/browser`)."""
    require(AXE.exists(), f"axe-core is not installed: run `npm ci --prefix tests/browser` ({AXE})")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(_AXE_RUN, [WCAG_AA, STREAMLIT_OWN, within])
    assert found == [], where + "\n" + "\n".join(f"{v['id']}: {n}" for v in found for n in v["nodes"])
