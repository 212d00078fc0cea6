"""The slide show as a file: its pages, the numbers of its charts, offline, inert uploaded text."""

from __future__ import annotations

import json
import re

import pytest

from analysis import report
from analysis.charts import EMPTY
from analysis.dataset import Dataset, dataset_frames
from analysis.report.slides import participation
from tests.helpers import plain
from tests.office import deck_slides

CONTROL = "Suszarnia\x01 owoców\x1b w\x7f gminie"
HOSTILE = ["<script>window.__xss=1</script>", "<img src=x onerror=window.__xss=2>", "</script><b>x</b>", CONTROL,
           "Kawa & herbata <br> dla seniorów"]


@pytest.fixture(scope="module")
def sample(sample_dataset) -> Dataset:
    return sample_dataset


@pytest.fixture(scope="module")
def hostile(sample) -> Dataset:
    """The sample cycle with hostile titles, groups and leads on the list to vote on, and a hostile venue.

    Built from frames: a reader refuses a CSV full of control characters, but a spreadsheet's
    cell (.xls, .ods) can still hold one.
    """
    proposals = sample.proposals.copy()
    waiting = proposals.index[proposals["status"] == "to_vote"][:len(HOSTILE)]
    for column in ("title", "group", "lead"):
        proposals.loc[waiting, column] = HOSTILE
    workshops = sample.workshops.copy()
    workshops["venue"] = workshops["venue"].astype("object")
    workshops.loc[workshops["workshop"] == 5, "venue"] = HOSTILE[1]
    return dataset_frames(workshops, sample.attendance.drop(columns=["person_id"]), proposals, as_of=sample.as_of)


def pages(document: str) -> list[tuple[str, str]]:
    """(key, inner HTML) of every page of the show, in order."""
    return re.findall(r"<section class='slide[^']*' data-key='([^']*)'>(.*?)</section>", document)


def figures(document: str) -> list[dict]:
    raw = re.search(r"<script type='application/json' id='figures'>(.*?)</script>", document).group(1)
    return plain(json.loads(raw))


def test_show_has_a_cover_and_every_slide_with_the_vote_list_paged(sample):
    made = report.build(sample)
    document = report.to_show(made, sample=True)
    keys = [key for key, _ in pages(document)]
    assert keys == ["cover", "cycle", "sectors", "balance", "per_10k", "cohort", "areas", "cooperation", "projects",
                    "status_time", "votes_spread", "vote", "vote", "vote", "vote", "next"]  # 2018: no cycle before
    assert keys[1:] == [s.key for s in made.slides if s.projector]  # the same pages as the PowerPoint
    listed = [re.findall(r"<span class='num'[^>]*>([^<]*)</span>", inner) for key, inner in pages(document)]
    vote_pages = [numbers for numbers in listed if numbers]
    assert vote_pages == [[str(n) for n in range(1, 6)], [str(n) for n in range(6, 11)],
                          [str(n) for n in range(11, 16)]]  # all 15, in order, none cut
    assert "Lokalne produkty w sklepikach szkolnych" in document
    assert "Obszar 1 · Uszczelnianie lokalnych wycieków" in document
    cover = pages(document)[0][1]
    assert "Warsztat 4. Legionowo" in cover and "Dane przykładowe" in cover


def test_show_charts_have_the_pages_numbers(sample):
    made = report.build(sample)
    charts = figures(report.to_show(made))
    assert len(charts) == sum(1 for s in made.slides if s.projector and s.figure is not None and not s.votes)
    assert charts[0]["data"][0]["y"] == [86, 93, 101]  # participants of the held workshops
    assert charts[5]["data"][0]["y"] == [11, 12, 8, 10]  # proposals by area (after who comes back)
    assert all(not chart["layout"]["title"].get("text") for chart in charts)  # the slide carries the title


def test_show_runs_offline_or_loads_plotly_from_the_server(sample):
    made = report.build(sample)
    document = report.to_show(made)
    own = re.sub(r"<script type='text/plain' id='plotly-source'>.*?</script>", "", document, flags=re.S)
    assert not re.search(r"(src|href|url)\s*[=(]\s*['\"]?(https?:)?//", own)  # the show fetches nothing
    assert len(document) - len(own) > 3_000_000  # plotly.js is inside
    served = report.to_show(made, plotly_src="app/static/plotly-x.min.js")
    assert "<script id='plotly-file' src='app/static/plotly-x.min.js' defer></script>" in served
    assert "id='plotly-source'" not in served and len(served) < 300_000


def test_uploaded_text_stays_text_in_the_show(hostile):
    document = report.to_show(report.build(hostile, workshop=4))
    own = re.sub(r"<script type='text/plain' id='plotly-source'>.*?</script>", "", document, flags=re.S)
    body = own.partition("<body>")[2]  # plotly.js, left out, holds markup of its own
    for raw in ("<script>window.__xss", "<img src=x", "<b>x</b>", "\x01", "\x1b", "\x7f"):
        assert raw not in body, raw
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in body
    assert "Suszarnia owoców w gminie" in body  # control characters removed, the words kept
    assert "Kawa &amp; herbata &lt;br&gt; dla seniorów" in body
    assert body.count("<script") == 2  # the figures' JSON and the show's own code, nothing else
    for chart in figures(document):
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(chart, ensure_ascii=False))
        assert not [s for s in strings if "<" in s.replace("<br>", "").replace("<extra></extra>", "")], "markup in a chart's text"


def test_plotly_is_published_once_into_a_folder(tmp_path):
    from plotly.offline import get_plotlyjs

    name = report.publish_plotly(tmp_path / "static")
    target = tmp_path / "static" / name
    assert name == report.plotly_file_name() and target.read_text(encoding="utf-8") == get_plotlyjs()
    written = target.stat().st_mtime_ns
    assert report.publish_plotly(tmp_path / "static") == name and target.stat().st_mtime_ns == written
    blocked = tmp_path / "plik"
    blocked.write_text("x")
    assert report.publish_plotly(blocked) is None  # not a folder: the page embeds plotly.js instead
    assert list(tmp_path.glob("static/*.part")) == []


def test_show_of_an_empty_store_and_a_long_venue(sample):
    from analysis.dataset import dataset_frames

    empty = dataset_frames(sample.workshops.iloc[0:0], sample.attendance.iloc[0:0].drop(columns=["person_id"]),
                           sample.proposals.iloc[0:0])
    document = report.to_show(report.build(empty))
    assert [key for key, _ in pages(document)][0] == "cover"
    assert "Brak danych do wykresu na tym slajdzie." in document
    workshops = sample.workshops.copy()
    workshops["venue"] = workshops["venue"].astype("object")
    workshops.loc[workshops["workshop"] == 5, "venue"] = "Sala " * 100
    longer = dataset_frames(workshops, sample.attendance.drop(columns=["person_id"]), sample.proposals)
    slide = [s for s in report.build(longer).slides if s.projector][-1]
    assert slide.key == "next" and len(slide.message) <= len("15.11.2018, ") + participation.VENUE_LIMIT + 1
    assert slide.message.endswith("….")


def test_no_empty_page_cycle_to_cycle_only_after_a_cycle(sample):
    """"Cykl do cyklu" of the first cycle (none before it) is no page of the show or the deck (it was a page
    with "—" and a sentence, nothing else); the HTML report still says why; after a cycle it is shown."""
    first, second = report.build(sample, cycle="2018"), report.build(sample, cycle="2019")
    for made in (first, second):
        keys = [key for key, _ in pages(report.to_show(made))]
        deck = deck_slides(report.to_pptx(made))
        assert keys[1:] == [s.key for s in made.slides if s.projector] and len(deck) == len(keys)
        for title, texts, drawn in deck[1:]:  # every page after the cover: a chart or a list to vote on
            assert drawn or len(texts) > 4, title  # a list: each proposal's title and area
        assert ("cycles" in keys) == (made is second)
        assert ("Cykl do cyklu" in [title for title, _, _ in deck]) == (made is second)
    assert EMPTY["previous_cycle"] in report.to_html(first)
    assert next(s for s in second.slides if s.key == "cycles").headline == "2018 i 2019"
