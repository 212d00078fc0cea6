"""Who may look and who may edit: the office's password, a dashboard shared on a network, guessing.

Editing (import, replacing a list, undo, removing the sample) needs the office's password
(``PARTNERSTWO_PASSWORD``). Without one it is allowed only while the server listens on this
computer alone; once ``server.address`` reaches a network, editing is off until a password is set.
Looking at the data needs the password too while the server listens beyond this computer (unless
``PARTNERSTWO_PASSWORD_FOR_VIEWING=0``); the voting page with a valid ballot card never does (a card
opens only its own ballot). Wrong passwords, and wrong card codes, are slowed down per session and
per client address, process-wide.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import secrets
import threading
import time
from collections.abc import Callable, Iterable

import streamlit as st

from analysis import config
from analysis.voting.codes import TOKEN_PARAMETER

HOW_TO_SET_PASSWORD = ("ustaw hasło biura: zmienną środowiskową `PARTNERSTWO_PASSWORD` albo wpis "
                       "`PARTNERSTWO_PASSWORD = \"…\"` w pliku `.streamlit/secrets.toml`, i uruchom panel ponownie.")
UNPROTECTED = "Edycja danych nie jest chroniona hasłem. Aby chronić import i cofanie, " + HOW_TO_SET_PASSWORD
OFF_ON_NETWORK = ("Edycja danych (import, zastępowanie list, cofanie, usuwanie danych przykładowych) jest wyłączona: "
                  "panel jest dostępny w sieci (ustawienie `server.address`), a hasło biura nie jest ustawione, "
                  "więc każdy w sieci mógłby zmieniać dane. Aby włączyć edycję, " + HOW_TO_SET_PASSWORD)
VIEWING_WITHOUT_PASSWORD = ("Panel ma wymagać hasła także do oglądania (`PARTNERSTWO_PASSWORD_FOR_VIEWING=1`), "
                            "ale hasło biura nie jest ustawione, więc dane pozostają ukryte. Aby je zobaczyć, "
                            + HOW_TO_SET_PASSWORD)
ON_NETWORK_WITHOUT_PASSWORD = ("Panel jest dostępny w sieci (ustawienie `server.address`), więc oglądanie danych "
                               "wymaga hasła biura, a hasło nie jest ustawione — dane pozostają ukryte. Karty do "
                               "głosowania działają bez hasła (strona „Głosowanie”). Aby oglądać dane, "
                               + HOW_TO_SET_PASSWORD)
BALLOT_CARD = "vote_card"  # session: the ballot card a voter opened (the token in the URL or None, the card's hash)
WRONG = "Nieprawidłowe hasło. Spróbuj ponownie albo zapytaj administratora panelu."


def listens_beyond_this_computer(address: str | None) -> bool:
    """Whether a server bound to ``address`` (the ``server.address`` option) is reachable from a network.

    An empty address means every interface; a host name may resolve to any of them.
    """
    text = (address or "").strip().strip("[]").lower()
    if not text:
        return True
    if text == "localhost":
        return False
    try:
        return not ipaddress.ip_address(text).is_loopback
    except ValueError:
        return True


def shared_on_network() -> bool:
    return listens_beyond_this_computer(st.get_option("server.address"))


class Throttle:
    """Wrong passwords counted per key (a session, a client address), shared by the whole process.

    After ``FREE_TRIES`` wrong tries in a row, each next try under that key waits ``FIRST_WAIT``
    seconds, doubling with every further wrong try up to ``MAX_WAIT``. A right password clears the
    count of its keys; a key quiet for ``FORGET_AFTER`` seconds is forgotten.
    """

    FREE_TRIES = 3
    FIRST_WAIT = 2.0
    MAX_WAIT = 300.0
    FORGET_AFTER = 3600.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (wrong tries in a row, time of the last)

    def __len__(self) -> int:
        with self._lock:
            return len(self._failures)

    def _wait(self, key: str, now: float) -> float:
        count, last = self._failures.get(key, (0, now))
        if count < self.FREE_TRIES:
            return 0.0
        wait = min(self.FIRST_WAIT * 2 ** (count - self.FREE_TRIES), self.MAX_WAIT)
        return max(0.0, last + wait - now)

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds until the next try under ``keys`` is heard (0 when it may be made now)."""
        with self._lock:
            now = self._clock()
            return max((self._wait(k, now) for k in keys), default=0.0)

    def attempt(self, keys: Iterable[str], check: Callable[[], bool]) -> tuple[bool, float]:
        """``(True, 0)`` when ``check`` passed; ``(False, 0)`` when it failed; ``(False, s)`` when refused.

        A refused try (one made before the wait is over) is not checked and not counted.
        """
        keys = list(keys)
        with self._lock:
            now = self._clock()
            self._forget_quiet(now)
            wait = max((self._wait(k, now) for k in keys), default=0.0)
            if wait > 0:
                return False, wait
            if check():
                for key in keys:
                    self._failures.pop(key, None)
                return True, 0.0
            for key in keys:
                count, _ = self._failures.get(key, (0, now))
                self._failures[key] = (count + 1, now)
            return False, 0.0

    def _forget_quiet(self, now: float) -> None:
        quiet = [k for k, (_, last) in self._failures.items() if now - last >= self.FORGET_AFTER]
        for key in quiet:
            del self._failures[key]


class CardThrottle(Throttle):
    """Wrong ballot-card codes: a few typos are free, then guessing is slowed down the same way."""

    FREE_TRIES = 5


THROTTLE = Throttle()
CARD_THROTTLE = CardThrottle()


def attempt_keys() -> list[str]:
    return _attempt_keys()


def _attempt_keys() -> list[str]:
    """This session, and the client's address when it is known (None on this computer)."""
    token = st.session_state.setdefault("access_session", secrets.token_hex(16))
    keys = [f"session:{token}"]
    address = st.context.ip_address
    if isinstance(address, str) and address:
        keys.append(f"address:{address}")
    return keys


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def viewing_needs_password() -> bool:
    """Looking at the data needs the password: always with ``PARTNERSTWO_PASSWORD_FOR_VIEWING=1``, never
    with ``=0``, and when unset while the dashboard listens beyond this computer (a hall's network)."""
    choice = config.password_for_viewing_choice()
    return shared_on_network() if choice is None else choice


def wants_ballot() -> bool:
    """A voter's request: a card's token in the URL, or a card this session opened with its code."""
    return TOKEN_PARAMETER in st.query_params or BALLOT_CARD in st.session_state


def may_view() -> bool:
    """Whether this session may look at the data now (nothing drawn)."""
    return not viewing_needs_password() or bool(st.session_state.get("editing_unlocked"))


def viewing_allowed() -> bool:
    """False (with a password box, or why nothing is shown) when viewing needs the password."""
    if may_view():
        return True
    st.title("Partnerstwo lokalne – panel danych")
    if config.password() is None:
        st.error(VIEWING_WITHOUT_PASSWORD if config.password_for_viewing_choice() else ON_NETWORK_WITHOUT_PASSWORD,
                 icon=":material/lock:")
        return False
    return editing_allowed()


def editing_allowed() -> bool:
    """True when the user may import, replace, undo or remove the sample; else draws why or the password box."""
    expected = config.password()
    if expected is None:
        if shared_on_network():
            st.error(OFF_ON_NETWORK, icon=":material/lock:")
            return False
        st.warning(UNPROTECTED, icon=":material/lock_open:")
        return True
    if st.session_state.get("editing_unlocked"):
        return True
    with st.form("unlock"):
        given = st.text_input("Hasło biura (wymagane do importu i cofania)", type="password")
        if st.form_submit_button("Odblokuj edycję"):
            keys = _attempt_keys()
            ok, wait = THROTTLE.attempt(keys, lambda: password_matches(given, expected))
            if ok:
                st.session_state["editing_unlocked"] = True
                st.rerun()
            if wait:
                st.error(f"Zbyt wiele nieudanych prób hasła — spróbuj ponownie za {math.ceil(wait)} s.",
                         icon=":material/timer:")
            else:
                st.error(WRONG, icon=":material/key_off:")
    return False
