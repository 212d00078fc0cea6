"""The evaluation report's gender and age block: the shares table where recorded, small groups suppressed."""

from __future__ import annotations

from analysis import report
from tests.metrics.test_attribute_shares import _dataset


def test_the_report_shows_gender_and_age_shares_where_the_lists_recorded_them():
    made = report.build_evaluation(_dataset(), "2020", [])
    blocks = {b.title: b for s in made.sections for b in s.blocks}
    assert "Płeć i wiek uczestników" not in blocks  # the "not recorded" sentence is gone
    gender = blocks["Płeć uczestników"]
    assert not gender.missing and gender.terms == ("attribute_shares",)
    assert gender.data["Płeć"].tolist() == ["Kobieta", "Mężczyzna", "Inna", "Nie podano"]
    assert gender.data.iloc[:, 1].tolist() == ["57% (4)", "<3", "0", "<3"]  # workshop 1: 7 people, by hand
    ages = blocks["Grupa wieku uczestników"].data
    assert ages["Cały cykl"].tolist() == ["27% (3)", "36% (4)", "0", "36% (4)", "0"]
    html = report.evaluation_html(made)
    assert "57% (4)" in html and "&lt;3" in html and "Ala" not in html
