"""Numbers are written the Polish way and rounded as a reader rounds the number as written (``display.number``,
``display.percent``): half up, not half to even on the float's binary value."""

from __future__ import annotations

import pytest

from analysis.display import number, percent


@pytest.mark.parametrize(("value", "decimals", "written"), [
    (0.625, 2, "0,63"),  # a Blau index of 5/8: to even it would be 0,62
    (2.675, 2, "2,68"),  # binary 2.67499999…: the number as written is 2.675
    (0.125, 0, "0"),
    (12345.65, 1, "12\u00a0345,7"),
    (1234567, 0, "1\u00a0234\u00a0567"),
    (3, 0, "3"),
])
def test_a_number_is_rounded_half_up_with_a_decimal_comma_and_spaces_between_thousands(value, decimals, written):
    assert number(value, decimals) == written


def test_a_share_half_way_is_rounded_up_as_a_percentage():
    assert percent(0.125) == "13%" and percent(0.125, 1) == "12,5%" and percent(0.0005, 1) == "0,1%"
