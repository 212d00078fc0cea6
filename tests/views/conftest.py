"""Fixtures of the page tests: the voting pages' own data folder, the server shared on the hall's network, the
pages' numbers prepared in the background only where a test asks for it."""

from __future__ import annotations

import pytest
from streamlit import config as streamlit_config


@pytest.fixture
def background_numbers():
    """The entry script prepares every page's numbers in a background thread once per dataset, as the server does
    (``views._data.prepare_numbers``); the test asks for it: tests/views/test_pages.py checks that thread."""


@pytest.fixture(autouse=True)
def _numbers_computed_by_the_pages(request, monkeypatch):
    """No background preparation of the pages' numbers unless the test asks for ``background_numbers``: most
    tests open a store of their own, so the thread would count the whole sample again for every test (a third of
    these tests' processor time) while the page shows what it computes itself."""
    if "background_numbers" not in request.fixturenames:
        from views import _data

        monkeypatch.setattr(_data, "prepare_numbers", lambda: None)


@pytest.fixture
def fresh_store(sample_folder):
    """A data folder of the test's own, as the dashboard leaves it when it first opens one (tests/conftest.py)."""


@pytest.fixture
def shared_on_network():
    """The server listens on every interface (``server.address = "0.0.0.0"``), as the user's guide's hall setup."""
    previous = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    yield
    streamlit_config.set_option("server.address", previous)


@pytest.fixture(scope="module")
def sample(sample_dataset):
    """The sample's dataset (2018 and 2019), read once per test process (tests/conftest.py)."""
    return sample_dataset
