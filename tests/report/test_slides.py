"""The slides as ``report.build`` declares them: the paged vote list, the balance slide, the 16:9 deck."""

from __future__ import annotations

import io
import json

import pytest

from analysis import charts, metrics, report
from analysis.dataset import Dataset
from analysis.display import workshop_names
from analysis.report import VoteItem
from analysis.report.slides import voting
from tests.helpers import plain


@pytest.fixture(scope="module")
def sample(sample_dataset) -> Dataset:
    return sample_dataset


def items(*lengths: int) -> list[VoteItem]:
    return [VoteItem(str(n), "x" * length, "Obszar 1 · Uszczelnianie lokalnych wycieków", 1)
            for n, length in enumerate(lengths, start=1)]


@pytest.mark.parametrize(("lengths", "sizes"), [
    ([40] * 15, [5, 5, 5]),
    ([40] * 12, [4, 4, 4]),
    ([40] * 7, [4, 3]),
    ([40], [1]),
    ([200] * 4, [2, 2]),  # five lines each: two a page
    ([40, 240, 40, 40, 40, 40], [3, 3]),
])
def test_vote_list_pages_stay_within_a_page(lengths, sizes):
    listed = items(*lengths)
    pages = voting.vote_pages(listed)
    assert [len(p) for p in pages] == sizes
    assert [i for p in pages for i in p] == listed  # every proposal once, in order
    for page in pages:
        assert len(page) <= voting.VOTE_PAGE_ITEMS
        assert sum(voting.vote_item_lines(i) for i in page) <= voting.VOTE_PAGE_LINES


def test_a_title_too_long_for_a_slide_ends_with_an_ellipsis():
    item = voting.vote_item(3, "Bardzo długi tytuł " * 40, 2)
    assert len(item.title) == voting.VOTE_TITLE_LIMIT and item.title.endswith("…")
    assert voting.vote_item_lines(item) <= voting.VOTE_PAGE_LINES
    assert (item.number, item.area) == ("3", "Obszar 2 · Wsparcie środowiska społeczno-gospodarczego")
    assert voting.vote_item(float("nan"), "", float("nan")) == VoteItem("–", "(bez tytułu)", "bez obszaru", None)


def test_the_vote_slide_is_followed_by_its_pages(sample):
    vote = [s for s in report.build(sample).slides if s.key == "vote"]
    summary, *pages = vote
    assert summary.headline == "15 propozycji" and summary.figure is not None and not summary.votes
    assert [p.page for p in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [p.headline for p in pages] == ["1–5 z 15", "6–10 z 15", "11–15 z 15"]
    view, _ = report.for_workshop(sample)
    waiting = view.proposals[view.proposals["status"] == "to_vote"].sort_values(["workshop", "number"])
    assert [i.title for p in pages for i in p.votes] == waiting["title"].tolist()
    assert all(p.items == [f"{i.number}. {i.title} ({i.area})" for i in p.votes] for p in pages)


def test_balance_slide_shows_the_weaker_sectors_it_names(sample):
    slide = next(s for s in report.build(sample, workshop=3).slides if s.key == "balance")
    assert slide.message == "Zabrakło lub było wyraźnie mniej: Cech rzemiosł."
    figure = plain(json.loads(slide.figure.to_json()))
    weaker = [t for t in figure["data"] if t.get("orientation") == "h"]
    assert [list(t["y"]) for t in weaker] == [["Cech rzemiosł"], ["Cech rzemiosł"]]
    assert {t["name"] for t in weaker} == {"wcześniejsze warsztaty", "2. Wieliszew"}
    gaps = metrics.sector_gaps(report.for_workshop(sample, 3)[0]).set_index("sector")
    assert list(weaker[1]["x"]) == pytest.approx([gaps.loc["craft_guild", "share_last"]])
    assert slide.detail.to_dict("list") == {"Sektor": ["Cech rzemiosł"],
                                            "Wcześniejsze warsztaty": [gaps.loc["craft_guild", "share_before"]],
                                            "Warsztat 2. Wieliszew": [gaps.loc["craft_guild", "share_last"]]}
    # both legends above the bars: under them they covered the index below each workshop's name
    assert figure["layout"]["legend"]["y"] >= 1 and figure["layout"]["legend2"]["y"] >= 1
    assert figure["layout"]["legend"]["x"] + 0.4 < figure["layout"]["legend2"]["x"] + 0.01


def test_balance_chart_keeps_its_legend_off_the_index_labels(sample):
    view, _ = report.for_workshop(sample)
    figure = charts.balance_chart(metrics.balance_by_workshop(view), workshop_names(view.schedule))
    assert figure.layout.legend.y >= 1 and figure.layout.legend.yanchor == "bottom"
    assert any("indeks 92%" in x for x in figure.data[0].x)
    slide = next(s for s in report.build(sample).slides if s.key == "balance")
    assert slide.message.startswith("Na ostatnim warsztacie żaden sektor")  # nothing weaker: the left half only
    assert slide.figure.layout.legend.y >= 1


def test_areas_slide_names_the_area_with_most_proposals(sample):
    slide = next(s for s in report.build(sample).slides if s.key == "areas")
    assert slide.message == "Najwięcej w obszarze „Wsparcie środowiska społeczno-gospodarczego”: 12 z 41."


@pytest.mark.parametrize("workshop", [3, 4])
def test_powerpoint_is_16_9_with_every_shape_on_the_page_and_centred(sample, workshop):
    from pptx import Presentation
    from pptx.util import Emu, Inches

    made = report.build(sample, workshop=workshop)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    width, height = deck.slide_width, deck.slide_height
    assert (round(Emu(width).inches, 2), round(Emu(height).inches, 2)) == (13.33, 7.5)
    tolerance = Inches(0.05)
    for number, page in enumerate(deck.slides, start=1):
        shapes = list(page.shapes)
        for shape in shapes:
            assert 0 <= shape.left and shape.left + shape.width <= width, (number, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= height, (number, shape.name)
        left = min(s.left for s in shapes)
        right = width - max(s.left + s.width for s in shapes)
        assert abs(left - right) <= tolerance, (number, Emu(left).inches, Emu(right).inches)
        title = page.shapes.title
        assert abs(title.left - (width - title.left - title.width)) <= tolerance, number
    assert len(deck.slides) == 1 + len([s for s in made.slides if s.projector])  # the deck: the projector's slides


def test_powerpoint_has_the_vote_pages_of_the_show(sample):
    from pptx import Presentation

    made = report.build(sample)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    shown = [s for s in made.slides if s.projector]
    for slide, page in zip(shown, list(deck.slides)[1:], strict=True):
        assert page.shapes.title.text == slide.title
        texts = [p.text for sh in page.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
        for item in slide.votes:
            assert item.title in texts and item.area in texts and f"{item.number}." in texts
    balance = list(deck.slides)[1 + [s.key for s in shown].index("balance")]
    assert sum(1 for sh in balance.shapes if sh.has_chart) == 1  # no weaker sector at 4. Legionowo
    made = report.build(sample, workshop=3)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    balance = list(deck.slides)[1 + [s.key for s in made.slides if s.projector].index("balance")]
    detail = [sh.chart for sh in balance.shapes if sh.has_chart][1]
    assert list(detail.plots[0].categories) == made.slides[2].detail["Sektor"].tolist()


@pytest.mark.parametrize("lengths", [[100] * 8, [240] * 4, [40] * 5, [150, 40, 40, 40]])
def test_powerpoint_vote_pages_end_above_the_footer(sample, lengths):
    from pptx import Presentation
    from pptx.util import Emu

    made = report.build(sample, keys=["vote"])
    pages = voting.vote_pages(items(*lengths))
    made.slides = [report.Slide("vote", "Propozycje do głosowania dziś", "", "", None, made.slides[0].data.iloc[0:0],
                                votes=page, page=(n, len(pages))) for n, page in enumerate(pages, start=1)]
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    for page in list(deck.slides)[1:]:
        footer = max(page.shapes, key=lambda s: s.top)
        assert "Partnerstwo lokalne" in footer.text_frame.text
        bottom = max(s.top + s.height for s in page.shapes if s.shape_id != footer.shape_id)
        assert Emu(bottom).inches <= Emu(footer.top).inches + 0.001
