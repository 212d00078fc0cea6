"""The invitation page's shares (``analysis.display``): a small share keeps a decimal; a target is edited in percent."""

from __future__ import annotations

import pytest

from analysis.display import percent_points, share, share_of_points


def test_small_shares_keep_a_decimal():
    assert [share(v) for v in (0.014, 0.006, 0.0, 0.25, 1.0, None)] == ["1,4%", "0,6%", "0%", "25%", "100%", "—"]


def test_a_target_share_is_edited_as_a_number_of_percent_with_one_decimal():
    assert [percent_points(v) for v in (0.125, 1 / 3, 0.0, 1.0)] == [12.5, 33.3, 0.0, 100.0]
    assert [share_of_points(v) for v in (12.5, 33.3, 0, 100)] == pytest.approx([0.125, 0.333, 0.0, 1.0])


def test_a_saved_target_is_shown_in_percent_in_the_pages_editor(sample_folder):
    from analysis.store import open_store
    from tests.helpers import open_page

    open_store().save_targets("2018", "sector", {"ngo": 0.125, "business": 1 / 3})
    at = open_page("views/zaproszenia.py")
    editor = at.dataframe[0].value.set_index("code")["Udział docelowy (%)"]
    assert (editor["ngo"], editor["business"]) == (12.5, 33.3) and editor.drop(["ngo", "business"]).isna().all()
