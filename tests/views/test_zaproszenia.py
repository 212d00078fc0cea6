"""The invitation page's shares (``analysis.display.share``): a small share keeps a decimal."""

from __future__ import annotations

from analysis.display import share


def test_small_shares_keep_a_decimal():
    assert [share(v) for v in (0.014, 0.006, 0.0, 0.25, 1.0, None)] == ["1,4%", "0,6%", "0%", "25%", "100%", "—"]
