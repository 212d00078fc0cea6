"""The yearly evaluation as Chromium prints it: every section starts on a page, no chart is cut by a page break,
the footer carries the office, the date and the page number, the text layer holds every number; and axe-core
finds no WCAG 2.1 AA violation in the HTML. The sample's cycle 2018 with a closed vote (a long document: tables
over several pages) and the command line's own PDF (``report.evaluation_pdf``, headless Chromium)."""

from __future__ import annotations

import re
import subprocess

import pytest

from analysis import report
from tests.browser.support import assert_accessible, require, require_chromium
from tests.helpers import closed_vote

NUMBER = re.compile(r"[−+-]?\d+(?:[ \u00a0]\d{3})*(?:,\d+)?%?")


@pytest.fixture(scope="module")
def evaluation(sample_dataset):
    return report.build_evaluation(sample_dataset, "2018", protocols=[closed_vote("2018", 4)])


@pytest.fixture(scope="module")
def opened(browser, evaluation):
    """The evaluation opened in Chromium (no server: the document is one file) and printed by it, A4."""
    page = browser.new_page()
    page.route("**/*", lambda route: route.abort())  # nothing may be fetched: the document is whole
    page.set_content(report.evaluation_html(evaluation), wait_until="load")
    printed = page.pdf(prefer_css_page_size=True, print_background=True)
    yield page, printed
    page.close()


def _pages(pdf: bytes, tmp_path) -> list[str]:
    """The text of every page of ``pdf``, read by poppler's pdftotext (layout kept)."""
    require(subprocess.run(["which", "pdftotext"], capture_output=True).returncode == 0, "no pdftotext")
    path = tmp_path / "ocena.pdf"
    path.write_bytes(pdf)
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _words(pdf: bytes, tmp_path) -> list[list[tuple[float, float, str]]]:
    """Every page's words with their top and bottom (pdftotext -bbox), in reading order."""
    path = tmp_path / "boxes.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(top), float(bottom), word) for top, bottom, word in
             re.findall(r"<word xMin=\"[\d.]+\" yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"([\d.]+)\">([^<]*)</word>", page)]
            for page in boxes.split("<page ")[1:]]


def _headings(evaluation) -> list[str]:
    chapters = [f"{n}. {s.title}" for n, s in enumerate(evaluation.sections, start=2)]
    return [*chapters, f"{len(chapters) + 2}. Słownik pojęć", f"{len(chapters) + 3}. Dane, z których powstał raport"]


def test_every_section_starts_on_a_page_and_the_footer_numbers_the_pages(opened, evaluation, tmp_path):
    require_chromium()
    pages = _pages(opened[1], tmp_path)
    title = "Ocena partnerstwa — cykl 2018"
    first = {heading: next(i for i, text in enumerate(pages) if heading in _lines(text)) for heading in _headings(evaluation)}
    for heading, at in first.items():
        lines = _lines(pages[at])
        assert lines[:2] == [title, heading], (heading, lines[:3])  # the running head, then the section
    assert _lines(pages[0])[1] == title  # the summary: page 1
    made = evaluation.made_at.strftime("%d.%m.%Y")
    for n, text in enumerate(pages, start=1):
        assert _lines(text)[-1] == f"Starostwo Powiatowe w Legionowie · sporządzono {made} Strona {n} z {len(pages)}"


def _cut_charts(page, printed: bytes, tmp_path) -> list[tuple[str, str, int]]:
    """The charts cut by a page break: each chart's caption is found on a page, and every one of its category
    labels must be on that page above it, within the chart's height (a cut chart leaves its first labels on the
    page before). (caption, label, page) of every label not found there."""
    charts = page.evaluate("""() => Array.from(document.querySelectorAll('figure')).map(f => ({
        caption: f.querySelector('figcaption').textContent,
        labels: Array.from(f.querySelectorAll("svg > text[text-anchor='end']")).map(t => t.textContent),
        ratio: f.querySelector('svg').viewBox.baseVal.height / f.querySelector('svg').viewBox.baseVal.width}))""")
    assert len(charts) >= 12
    pages = _words(printed, tmp_path)
    width = 595.0 - 2 * 16 / 25.4 * 72  # A4's width less the margins, in points
    cut = []
    for chart in charts:
        start = chart["caption"].split()[:3]
        found = [(n, bottom) for n, words in enumerate(pages) for i, (_, bottom, _w) in enumerate(words)
                 if [w for _, _, w in words[i:i + 3]] == start]
        assert len(found) == 1, chart["caption"]
        n, caption = found[0]
        above = " ".join(w for top, bottom, w in pages[n] if caption - chart["ratio"] * width - 30 < top < caption - 10)
        cut += [(chart["caption"], label, n + 1) for label in chart["labels"] if " ".join(label.split()) not in above]
    return cut


def test_no_chart_is_cut_by_a_page_break(opened, tmp_path):
    assert _cut_charts(*opened, tmp_path) == []


def test_a_chart_at_the_foot_of_a_page_moves_whole_to_the_next(browser, evaluation, tmp_path):
    """The first chart of "Uczestnictwo" pushed down until half of it would hang over the page's foot. (Chromium
    does not split an SVG shorter than a page; ``break-inside: avoid`` keeps its caption with it.)"""
    page = browser.new_page(viewport={"width": 673, "height": 979})  # A4 less the margins, in CSS px
    page.set_content(report.evaluation_html(evaluation), wait_until="load")
    page.emulate_media(media="print")
    page.evaluate("""() => {
        const figure = document.querySelector('#participation figure');
        const start = document.querySelector('#participation').getBoundingClientRect().top;
        const box = figure.getBoundingClientRect();
        const spacer = document.createElement('div');
        spacer.style.height = (979 - (box.top - start) % 979 - box.height / 2) + 'px';
        figure.before(spacer);
    }""")
    try:
        printed = page.pdf(prefer_css_page_size=True)
        assert _cut_charts(page, printed, tmp_path) == []
        pages = [" ".join(text.split()) for text in _pages(printed, tmp_path)]
        heading = next(n for n, text in enumerate(pages) if "2. Uczestnictwo" in text)
        assert "Wykres: Uczestnicy warsztatów cyklu" in pages[heading + 1]  # moved, whole, to the next page
    finally:
        page.close()


def test_the_text_layer_holds_every_number(opened, tmp_path):
    page, printed = opened
    shown = page.inner_text("main").replace("\u00a0", " ")
    text = " ".join(" ".join(_pages(printed, tmp_path)).replace("\u00a0", " ").split())
    numbers = set(NUMBER.findall(shown))
    assert len(numbers) > 100
    missing = sorted(n for n in numbers if n not in text)
    assert missing == []


def test_the_command_lines_pdf_is_the_same_document(opened, evaluation, tmp_path):
    require_chromium()
    pages = _pages(report.evaluation_pdf(report.evaluation_html(evaluation)), tmp_path)
    assert len(pages) == len(_pages(opened[1], tmp_path))
    for heading in _headings(evaluation):
        assert any(_lines(text)[1:2] == [heading] for text in pages), heading


def test_the_evaluation_has_no_wcag_aa_violation(opened):
    assert_accessible(opened[0], "the evaluation report")
