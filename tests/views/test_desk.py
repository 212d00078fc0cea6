"""The office's desk: what a page says about the sidebar's filters, and text drawn without emoji fonts (every
page's choice boxes with a Polish placeholder: tests/views/test_pages.py, which opens each page once)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import open_page, shown_text

FILTERED_PAGES = ["views/przeglad.py", "views/uczestnictwo.py", "views/propozycje.py", "views/postep.py",
                  "views/zaproszenia.py", "views/cykle.py"]
# pictographs a computer without an emoji font draws as empty boxes (Debian's Chromium without fonts-noto-color-emoji)
EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")


@pytest.fixture(autouse=True)
def fresh_store(sample_folder):
    """A new data folder, as the dashboard leaves it when it first opens one (tests/conftest.py)."""


def _filter_notes(at) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info if "Filtry zawężają dane" in i.value]


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_a_page_says_at_its_top_which_filters_narrow_its_data(page):
    """The filters are low in the sidebar, below a laptop's fold: the page itself names them."""
    at = open_page(page)
    assert _filter_notes(at) == []  # nothing narrowed, nothing said
    at.sidebar.multiselect(key="f_sectors").set_value(["business", "ngo"]).run()
    at.sidebar.multiselect(key="f_workshops").set_value([1, 3]).run()
    assert not at.exception, at.exception
    [note] = _filter_notes(at)
    assert "warsztaty 1. Serock, 3. Jabłonna" in note and "sektory: Przedsiębiorcy, Organizacje pozarządowe" in note
    assert "panelu bocznym" in note
    # at the top: right under the title (and the sample's banner), before the page's own content
    infos = [i.value.replace("\\", "") for i in at.main.info]
    assert infos.index(note) <= 1, infos


def test_the_vote_list_offers_a_new_vote_in_plain_text():
    at = open_page("views/glosowanie.py")
    [chooser] = [s for s in at.selectbox if s.label == "Głosowanie"]
    shown = chooser.options  # as the list shows them
    assert any("Nowe głosowanie" in o or "nowe głosowanie" in o for o in shown), shown
    assert not [o for o in shown if EMOJI.search(o)], shown
    assert not EMOJI.search(shown_text(at))
