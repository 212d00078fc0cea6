"""Who may look and who may edit: the office's password, a dashboard shared on a network, guessing."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import helpers
from tests.helpers import ROOT, shown_text
from views import _access
from views._access import listens_beyond_this_computer


@pytest.fixture(autouse=True)
def fresh_store(sample_folder):
    """A new data folder, as the dashboard leaves it when it first opens one (tests/conftest.py)."""


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("address", "beyond"), [
    ("localhost", False), ("127.0.0.1", False), ("::1", False), ("[::1]", False), (" LOCALHOST ", False),
    ("0.0.0.0", True), ("", True), (None, True), ("::", True), ("192.168.1.20", True), ("panel.local", True),
])
def test_which_addresses_reach_beyond_this_computer(address, beyond):
    assert listens_beyond_this_computer(address) is beyond


def test_on_a_network_without_a_password_nothing_is_shown_but_the_voting_page(shared_on_network):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception
    assert not at.metric and not at.get("plotly_chart") and not at.get("file_uploader")
    assert "dostępny w sieci" in shown_text(at) and "PARTNERSTWO_PASSWORD" in shown_text(at)
    at.switch_page("views/glosowanie.py").run()  # the hall's phones: the box for a card's code, nothing else
    assert not at.exception and [t.label for t in at.text_input][0] == "Kod z karty"
    assert not at.metric and not at.selectbox


def test_editing_is_off_on_a_network_without_a_password(shared_on_network, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_PASSWORD_FOR_VIEWING", "0")  # looking left open on purpose
    at = helpers.open_page("views/dane.py")
    assert not at.get("file_uploader"), "anyone in the room could import"
    assert "PARTNERSTWO_PASSWORD" in shown_text(at) and "dostępny w sieci" in shown_text(at)
    assert "Szablony do wypełnienia" in at.expander[0].label  # the templates stay available
    at.switch_page("views/historia.py").run()
    labels = [b.label for b in at.button]
    assert "Cofnij…" not in labels and "Usuń dane przykładowe" not in labels
    assert "dostępny w sieci" in shown_text(at)
    at.switch_page("views/przeglad.py").run()  # looking stays open
    assert {m.label: m.value for m in at.metric}["Unikalni uczestnicy cyklu"] == "134"


def test_a_password_makes_viewing_and_editing_possible_on_a_network(shared_on_network, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_PASSWORD", "tajne-hasło")
    at = helpers.open_page("views/historia.py")
    assert not [b for b in at.button if b.label == "Cofnij…"] and not at.metric
    at.text_input[0].input("tajne-hasło")
    at.button[0].click().run()
    assert [b for b in at.button if b.label == "Cofnij…"]
    at.switch_page("views/przeglad.py").run()
    assert {m.label: m.value for m in at.metric}["Unikalni uczestnicy cyklu"] == "134"


def test_editing_on_this_computer_without_a_password_warns():
    at = helpers.open_page("views/historia.py")
    assert [b for b in at.button if b.label == "Cofnij…"]
    assert "nie jest chroniona hasłem" in shown_text(at)


def test_password_for_viewing_without_a_password_shows_nothing(monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_PASSWORD_FOR_VIEWING", "1")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception
    assert not at.metric and not at.get("plotly_chart") and not at.text_input
    message = " ".join(e.value for e in at.error)
    assert "PARTNERSTWO_PASSWORD_FOR_VIEWING" in message and "PARTNERSTWO_PASSWORD =" in message


def _try(at: AppTest, password: str) -> str:
    at.text_input[0].input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return " ".join(e.value for e in at.error)


def test_repeated_wrong_passwords_are_slowed_down(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(_access, "CLOCK", clock)
    monkeypatch.setenv("PARTNERSTWO_PASSWORD", "tajne-hasło")
    at = helpers.open_page("views/historia.py")
    for _ in range(3):
        assert "Nieprawidłowe hasło" in _try(at, "złe")
    refused = _try(at, "tajne-hasło")  # even the right one waits
    assert "spróbuj ponownie za 2 s" in refused
    assert not [b for b in at.button if b.label == "Cofnij…"]
    clock.now += 2
    assert "Nieprawidłowe hasło" in _try(at, "złe")
    assert "spróbuj ponownie za 4 s" in _try(at, "złe")  # the wait doubles
    clock.now += 4
    _try(at, "tajne-hasło")
    assert [b for b in at.button if b.label == "Cofnij…"]


def test_guessers_on_this_computer_are_held_to_a_few_tries_a_minute_and_an_honest_session_waits_at_most_30_s(
        monkeypatch):
    """Sessions from the laptop itself (no address from Streamlit) are counted under one address: a new
    session for every guess does not escape the throttle, and the office's own session is only delayed."""
    clock = Clock()
    monkeypatch.setattr(_access, "CLOCK", clock)
    monkeypatch.setenv("PARTNERSTWO_PASSWORD", "tajne-hasło")
    heard = 0
    for _ in range(14):  # a new session (no cookie) for each guess, as fast as they are let in
        guesser = helpers.open_page("views/historia.py")
        if "Nieprawidłowe hasło" in _try(guesser, "złe"):
            heard += 1
    assert heard == 10  # the address's free tries; the rest were refused unheard
    office = helpers.open_page("views/historia.py")
    refused = _try(office, "tajne-hasło")
    wait = int(refused.split("za ")[1].split(" s")[0])
    assert 0 < wait <= 30
    clock.now += wait
    _try(office, "tajne-hasło")
    assert [b for b in office.button if b.label == "Cofnij…"]
