"""WCAG 2.1 AA in Chromium with axe-core: every page, the phone's ballot, the slide show, the HTML report.

axe-core comes from the npm registry, pinned in tests/browser/package.json and package-lock.json
(``npm ci --prefix tests/browser``; .ci/run does it) and is injected from disk: nothing is fetched at
test time. Without it the test is skipped on a laptop and fails under CI=true.

What Streamlit draws itself and the dashboard cannot change is left out by rule and element, each
listed here and in the user's guide (docs/podrecznik.md, "Dostępność"); everything else must have no violation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.support import open_page, require
from tests.browser.test_browser import PAGES
from tests.browser.test_glosowanie import PHONE, _idle, hall  # noqa: F401  (hall: the module's fixture)

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (axe rule, CSS selector of the element it reports): Streamlit's own markup, not the dashboard's
STREAMLIT_OWN = [
    # the page menu of st.navigation: a <ul> whose section headings are <div>s, its items inside them
    ("list", '[data-testid="stSidebarNavItems"]'),
    ("listitem", '[data-testid="stSidebarNav"] li'),
]
_RUN = """async ([tags, excluded]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
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


@pytest.fixture(scope="module")
def axe() -> Path:
    require(AXE.exists(), f"axe-core is not installed: run `npm ci --prefix tests/browser` ({AXE})")
    return AXE


def assert_no_violation(page, axe: Path, where: str) -> None:
    page.add_script_tag(path=str(axe))
    found = page.evaluate(_RUN, [WCAG_AA, STREAMLIT_OWN])
    assert found == [], where + "\n" + "\n".join(f"{v['id']}: {n}" for v in found for n in v["nodes"])


@pytest.mark.parametrize(("path", "title"), [(p, t) for p, t, _ in PAGES])
def test_every_page_has_no_violation_of_its_own(server, browser, axe, path, title):
    page = open_page(browser, f"{server}/{path}", height=900, width=1280)
    page.wait_for_function(f"document.querySelector('h1') && document.querySelector('h1').innerText === {title!r}",
                           timeout=60_000)
    running = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
    page.wait_for_function(running, timeout=60_000)  # a page still running greys out what it drew before
    page.wait_for_timeout(1500)
    page.wait_for_function(running, timeout=60_000)
    assert_no_violation(page, axe, path or "przeglad")
    page.close()


def test_the_phone_ballot_has_no_violation_of_its_own(hall, browser, axe):  # noqa: F811
    url, votes, vote, cards = hall
    from analysis.voting import codes

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(codes.card_url(url, cards["ngo"][5].token))
    _idle(page)
    page.get_by_role("button", name="Dalej").wait_for(timeout=60_000)
    _idle(page)
    page.wait_for_timeout(1500)  # Streamlit fades elements in: measured once drawn
    assert_no_violation(page, axe, "the ballot")
    context.close()


def test_the_show_and_the_html_report_have_no_violation(browser, axe, tmp_path):
    from analysis import report
    from analysis.store import open_store

    built = report.build(open_store(f"sqlite:///{tmp_path / 'a.sqlite'}").dataset())
    files = {"pokaz.html": report.to_show(built, sample=True), "raport.html": report.to_html(built)}
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    page = context.new_page()
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        page.goto(path.as_uri())
        page.wait_for_selector(".slide.current, .js-plotly-plot .main-svg", timeout=30_000)  # the show, the report
        page.wait_for_timeout(1000)
        assert_no_violation(page, axe, name)
    context.close()
