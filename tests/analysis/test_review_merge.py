"""What the review of the merged steering pages found (issue 12): each a behaviour a person sees."""

import pytest

from analysis import charts, metrics, report
from analysis.display import share
from analysis.metrics import Filters, View
from analysis.store import open_store


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return open_store(f"sqlite:///{tmp_path_factory.mktemp('s') / 's.sqlite'}").dataset()


def test_a_show_compares_its_cycle_only_with_the_cycle_before(sample):
    made_2018 = {s.key: s for s in report.build(sample, cycle="2018").slides}
    made_2019 = {s.key: s for s in report.build(sample, cycle="2019").slides}
    assert made_2018["cycles"].headline == "—"  # 2019 had not happened in 2018
    assert made_2018["cycles"].message == charts.EMPTY["previous_cycle"]
    assert made_2019["cycles"].headline == "2018 i 2019"
    assert metrics.previous_cycle(sample, "2019") == "2018" and metrics.previous_cycle(sample, "2018") is None
    assert metrics.other_cycle(sample, "2018") == "2019"  # the page still offers the later one to compare


def test_proposals_without_partners_say_so_instead_of_zero_percent(sample):
    assert metrics.proposals_with_partners(View(sample, Filters(cycle="2018"))) == 37  # of 41: four cells empty in the file
    assert metrics.proposals_with_partners(View(sample, Filters(cycle="2019"))) == 0
    cooperation = {s.key: s for s in report.build(sample, cycle="2019").slides}["cooperation"]
    assert (cooperation.headline, cooperation.message, cooperation.figure) == ("—", charts.EMPTY["no_partners"], None)


def test_small_shares_keep_a_decimal():
    assert [share(v) for v in (0.014, 0.006, 0.0, 0.25, 1.0, None)] == ["1,4%", "0,6%", "0%", "25%", "100%", "—"]
