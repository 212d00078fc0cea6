"""The fixtures of the vote tests: the store and a vote prepared on the sample's proposals (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from analysis.voting.ballot_box import Votes
from tests.voting.support import ADDRESS, sample_store, waiting


@pytest.fixture
def url(sample_url):
    """The vote tests' store, on SQLite and on PostgreSQL: a new one holding the sample cycle (``sample_url``)."""
    return sample_url


@pytest.fixture
def vote_setup(url):
    store = sample_store(url)
    votes = Votes(store)
    vote = votes.create("2018", 4, waiting(store), 3, ADDRESS)
    yield store, votes, vote
    store.engine.dispose()
