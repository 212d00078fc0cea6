"""A workshop's number from a cell or a label (``analysis.schedule``): never a date, never an implausible label."""

from __future__ import annotations

import pytest

from analysis.schedule import DEFAULT_CALENDAR, workshop_from_cell, workshop_from_label


@pytest.mark.parametrize("value", ["13.09.18", "31.02.2018", "5/24/2018", "01.01.2017"])
def test_a_date_is_never_a_workshop_number(value):
    assert workshop_from_cell(value, DEFAULT_CALENDAR) is None


@pytest.mark.parametrize("label", ["x", "15 osób", "99 lista"])
def test_implausible_labels_are_not_workshops(label):
    assert workshop_from_label(label, DEFAULT_CALENDAR) is None
