"""Numbers kept per view (``analysis.metrics.memo``): a kept metric is the number a fresh computation
gives, follows the filters and the day, is bounded, and ``prepare`` keeps what the pages ask for first."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from analysis import config, metrics
from analysis.dataset import Dataset
from analysis.metrics import memo
from tests.helpers import small_cycle


@pytest.fixture
def sample() -> Dataset:
    return small_cycle()


def test_a_kept_metric_is_the_fresh_number_and_a_caller_cannot_change_it(sample):
    view = metrics.View(sample)
    first = metrics.cohort(view)
    first.loc[:, "people"] = -1  # a page that writes into what it got
    again = metrics.cohort(metrics.View(sample))
    fresh = metrics.cohort(metrics.View(small_cycle()))
    pd.testing.assert_frame_equal(again, fresh)
    assert (again["people"] >= 0).all()


def test_kept_metrics_follow_the_filters_and_the_day(sample, monkeypatch):
    everyone = metrics.participants_by_workshop(metrics.View(sample))
    one_gmina = metrics.participants_by_workshop(metrics.View(sample, metrics.Filters(gminas=("serock",))))
    assert one_gmina["participants"].sum() < everyone["participants"].sum()
    # a server running over days: the same dataset, read against today
    dataset = Dataset(sample.workshops, sample.attendance, sample.proposals)
    assert metrics.missing_lists(_on_day(dataset, dt.date(2021, 6, 2), monkeypatch)) == []  # Jabłonna to come
    assert metrics.missing_lists(_on_day(dataset, dt.date(2021, 7, 1), monkeypatch)) == [3]  # its day passed


def _on_day(dataset: Dataset, day: dt.date, monkeypatch) -> metrics.View:
    monkeypatch.setattr(metrics.View, "today", property(lambda view: dataset.as_of or day))
    return metrics.View(dataset)


def test_kept_results_are_bounded(sample, monkeypatch):
    monkeypatch.setattr(memo, "LIMIT", 5)
    dataset = Dataset(sample.workshops, sample.attendance, sample.proposals, as_of=sample.as_of)
    for gminas in itertools.combinations(("serock", "legionowo", "jablonna", "nieporet", "wieliszew"), 2):
        metrics.unique_participants(metrics.View(dataset, metrics.Filters(gminas=gminas)))
    assert len(memo.results(dataset)) == 5  # of ten filter choices, the five used last


def test_prepare_keeps_what_the_pages_ask_for_first(sample):
    dataset = Dataset(sample.workshops, sample.attendance, sample.proposals, as_of=sample.as_of)
    prepared = metrics.prepare(dataset)
    kept = len(memo.results(dataset))
    assert prepared == kept and kept > 40
    view = metrics.View(dataset, metrics.Filters(cycle="2021"))  # what the sidebar sends for the current cycle
    metrics.cohort(view), metrics.return_rate_by_sector(view), metrics.sector_matrix(view)
    # a page that names an argument at its default (the participation page's smallest group) asks the same
    metrics.attribute_shares(view, config.min_group_size()), metrics.attribute_shares(view, min_size=3)
    assert len(memo.results(dataset)) == kept  # the page's first visit computed nothing new
    metrics.attribute_shares(view, 5)  # another smallest group is another result
    assert len(memo.results(dataset)) == kept + 1
