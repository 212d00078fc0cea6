"""Fixtures of the page tests: the voting pages' own data folder, the server shared on the hall's network."""

from __future__ import annotations

import pytest
from streamlit import config as streamlit_config


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
