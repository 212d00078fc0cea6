"""The slide show in Chromium, driven like a presenter drives it: a keyboard or a remote.

Every slide lies within a 1280×720 projector (and 1920×1080) with body text of at least 28 px, every text
(chart texts too) of at least 24 px and no two chart texts touching
(scaled with the screen); black screen, first and last slide; the show on the dashboard's page
answers keys as soon as the page opens; the downloaded file runs from disk with the network cut.
Saves screenshots of the show into the screenshots folder (support.SHOTS).
"""

from __future__ import annotations

import pytest

from tests.browser.support import SHOTS, open_page

SHOW = "iframe[title='Pokaz slajdów']"
KEYS = ["PageDown", "ArrowRight", "Space", "ArrowDown"]  # what remotes and keyboards send for "next"
PAGES = ["cover", "cycle", "sectors", "balance", "per_10k", "cohort", "areas", "cooperation", "projects", "status_time",
         "votes_spread", "vote", "vote", "vote", "vote", "next"]  # no "cycles": 2018 is the first cycle

# Everything a person reads on the current slide: HTML elements and the charts' SVG text. Each must
# lie within the window and within the slide (nothing cut); body text is measured as drawn.
CHECK = """() => {
  const slide = document.querySelector('.slide.current');
  const box = slide.getBoundingClientRect();
  const W = window.innerWidth, H = window.innerHeight;
  const outside = [];
  for (const el of slide.querySelectorAll('h1, p, li, span, div, footer, header, ol, svg.main-svg, svg text')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const out = r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5 ||
      r.left < box.left - 0.5 || r.top < box.top - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5;
    if (out) outside.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' ' + (el.textContent || '').slice(0, 40)
                          + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
  }
  const body = Array.from(slide.querySelectorAll('.body')).map(el => parseFloat(getComputedStyle(el).fontSize) * show.scale);
  return {index: show.index, count: show.count, key: slide.getAttribute('data-key'), outside: outside,
          body: body.length ? Math.min.apply(null, body) : null, chart: !!slide.querySelector('.chart'),
          drawn: Array.from(slide.querySelectorAll('.chart')).filter(c => c.querySelector('svg.main-svg')).length,
          stage: [box.left, box.top, box.width, box.height].map(Math.round)};
}"""


@pytest.fixture(scope="module")
def show_files(tmp_path_factory):
    """The sample cycle's show for 4. Legionowo (the default) and for 3. Jabłonna (a weaker sector)."""
    from analysis import report
    from analysis.store import open_store

    folder = tmp_path_factory.mktemp("pokaz")
    dataset = open_store(f"sqlite:///{folder / 's.sqlite'}").dataset()
    paths = {}
    for workshop in (3, 4):
        paths[workshop] = folder / f"pokaz_{workshop}.html"
        paths[workshop].write_text(report.to_show(report.build(dataset, workshop), sample=True), encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def show_file(show_files):
    return show_files[4]


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


def _offline(browser, path, width: int, height: int):
    context = browser.new_context(offline=True, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("document.body.getAttribute('data-ready')", timeout=60_000)
    return context, page


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


def test_show_fits_a_1280x720_projector_and_answers_a_remote(browser, show_file):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _offline(browser, show_file, 1280, 720)
    assert page.evaluate(CHECK)["stage"] == [0, 0, 1280, 720]
    seen = _walk(page, 28, {12: "pokaz_glosowanie.png"})
    assert seen == PAGES
    last = len(PAGES) - 1
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
    context.close()


def test_show_with_a_weaker_sector_and_nothing_to_vote_on_fits_too(browser, show_files):
    context, page = _offline(browser, show_files[3], 1280, 720)
    assert _walk(page, 28, {3: "pokaz_rownowaga.png"}) == ["cover", "cycle", "sectors", "balance", "per_10k", "cohort",
                                                           "areas", "cooperation", "projects", "status_time",
                                                           "votes_spread", "vote", "next"]
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("PageDown")
    balance = page.locator(".slide.current")
    assert "Cech rzemiosł" in balance.inner_text()  # named by the slide and drawn by its chart
    assert page.locator(".slide.current .chart text", has_text="Cech rzemiosł").count() == 1
    context.close()


LONG_TITLE = ("Szlak rowerowy wokół Zalewu Zegrzyńskiego z wypożyczalniami rowerów w każdej gminie powiatu, "
              "wspólną mapą i oznakowaniem")


@pytest.fixture(scope="module")
def voted_show(tmp_path_factory):
    """The show at 4. Legionowo after a closed vote, whose winner has a title of 120 characters."""
    import pandas as pd

    from analysis import report
    from analysis.store import open_store
    from analysis.voting import codes
    from analysis.voting.ballot_box import Choice, Votes

    folder = tmp_path_factory.mktemp("pokaz_glosowanie")
    store = open_store(f"sqlite:///{folder / 's.sqlite'}")
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


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_every_text_of_the_show_is_large_and_apart_from_the_others(browser, voted_show, width, height):
    """Chart texts too (ticks, bar values, map labels, legends): at least 24 px at 1280×720 and grown with the
    screen; the legends clear of the axes' titles, the timeline's dates apart; the vote's winner named whole."""
    context, page = _offline(browser, voted_show, width, height)
    seen = _texts_apart_and_large(page, height)
    assert {"cooperation", "per_10k", "sectors", "vote_result", "next"} <= set(seen)
    page.evaluate(f"show.go({seen.index('vote_result')})")
    titles = page.locator(".slide.current .ranking .vtitle")
    assert titles.first.inner_text() == LONG_TITLE  # whole, in lines, never cut
    boxes = [titles.nth(i).bounding_box() for i in range(titles.count())]
    assert titles.count() >= 2 and all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    state = page.evaluate(CHECK)
    assert state["outside"] == [] and state["body"] >= 28 * height / 720 - 0.01
    context.close()


def test_show_fits_1920x1080_with_text_grown_with_the_screen(browser, show_file):
    context, page = _offline(browser, show_file, 1920, 1080)
    assert page.evaluate(CHECK)["stage"] == [0, 0, 1920, 1080]
    assert _walk(page, 28 * 1080 / 720) == PAGES
    context.close()


def test_show_letterboxes_on_a_4_3_projector(browser, show_file):
    context, page = _offline(browser, show_file, 1024, 768)
    state = page.evaluate(CHECK)
    assert state["stage"] == [0, 96, 1024, 576]  # the whole 16:9 page, centred, black bars above and below
    _walk(page, 28 * 1024 / 1280)
    context.close()


def test_show_on_the_page_answers_keys_as_soon_as_it_opens(server, browser):
    page = open_page(browser, f"{server}/prezentacja", width=1280, height=720)
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
    assert frame.evaluate("show.index") == len(PAGES) - 1
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
    page.close()


def test_downloaded_show_runs_offline_from_disk(server, browser, tmp_path):
    page = open_page(browser, f"{server}/prezentacja", width=1280, height=720)
    page.mouse.move(640, 600)
    page.mouse.wheel(0, 2000)
    button = page.get_by_role("button", name="Pokaz slajdów (HTML, offline)")
    with page.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    page.close()
    assert path.name == "partnerstwo_warsztat_4_pokaz.html"
    context, show = _offline(browser, path, 1280, 720)
    assert "Warsztat 4. Legionowo" in show.locator(".slide.current").inner_text()
    show.keyboard.press("End")
    state = show.evaluate(CHECK)
    assert state["index"] == len(PAGES) - 1 and state["drawn"] == 1 and state["outside"] == []
    drawn = "Array.from(document.querySelectorAll('.chart')).filter(c => c.querySelector('svg.main-svg')).length"
    # offline, parts A and B too (no cycle before 2018 to chart)
    assert show.evaluate(drawn) == show.evaluate("document.querySelectorAll('.chart').length") == 12
    context.close()


# the boxes of a chart's legend entries and of its axes' titles (CSS px of the page)
LEGEND_AND_AXES = """(key) => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const root = document.querySelector('.st-key-' + key);
  return {legend: Array.from(root.querySelectorAll('.legendtext')).map(box),
          axes: Array.from(root.querySelectorAll('.g-xtitle text, .g-ytitle text')).map(box)};
}"""


def test_legends_keep_clear_of_the_axis_titles_on_the_proposals_page(server, browser):
    """"Kto prowadzi propozycje" and the cooperation chart by area at 1280×720 and 1920×1080: a gap between
    every legend entry and the axis's title (the legend under the bars covered it)."""
    page = open_page(browser, f"{server}/propozycje", width=1280, height=720)
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
    page.close()
