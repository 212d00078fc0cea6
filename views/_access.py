"""Who may look and who may edit: the office's password, a dashboard shared on a network, guessing.

Editing (import, replacing a list, undo, removing the sample) needs the office's password
(``PARTNERSTWO_PASSWORD``). Without one it is allowed only while the server listens on this
computer alone; once ``server.address`` reaches a network, editing is off until a password is set.
Looking at the data needs the password too while the server listens beyond this computer (unless
``PARTNERSTWO_PASSWORD_FOR_VIEWING=0``); the voting page with a valid ballot card never does (a card
opens only its own ballot), nor does the check-in page on a phone (it shows only the open check-in's form).

The password unlocks the browser that gave it (its cookie, ``views._gate``) for
``config.UNLOCKED_FOR_SECONDS``, in every process on the same store. Wrong passwords and wrong card
codes are slowed down per browser and per client address (``analysis.guard``: the counts are in the
store, shared by every process on it; an address waits at most half a minute, so people sharing it
with a guesser are only delayed).
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from analysis import config
from analysis.checkin.phone import PARAMETER as CHECKIN_PARAMETER
from analysis.voting.codes import TOKEN_PARAMETER
from views import _gate
from views import _streamlit_internals as internals

if TYPE_CHECKING:
    from analysis.guard import Guard, Key, Rule

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


CLOCK: Callable[[], float] = time.time  # the wall clock of throttles and unlocks (tests replace it)
UNLOCKED_UNTIL = "editing_unlocked"  # session: until when (seconds since 1970) this session may edit
UNLOCKED_HOURS = config.UNLOCKED_FOR_SECONDS // 3600
_LOOKED_UP = "unlock_looked_up"  # session: the store was asked whether this browser is unlocked


def _guard() -> Guard:
    from analysis.guard import Guard
    from views._data import store

    return Guard(store().engine, clock=CLOCK)


def this_browser() -> str | None:
    """What the gate knows this session's browser by (the hash of its cookie), None without the gate.

    The gate (``views._gate``) writes it into the websocket's handshake beside this process's secret;
    a header a client forged lacks the secret. Without the gate (a test's AppTest) there is none.
    """
    headers = st.context.headers
    if headers.get(_gate.GATE_HEADER) != _gate.NONCE:
        return None
    return headers.get(_gate.BROWSER_HEADER) or None


def _known(browser: str | None) -> bool:
    """A browser with a cookie (an anonymous handshake is known only to its own session)."""
    return bool(browser) and not str(browser).startswith(_gate.ANONYMOUS)


def client_address() -> str:
    """The address tries are counted under: the connection's, as the gate corrected it; "local" for this
    computer (Streamlit gives no address for it)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "local"


def attempt_keys(kind: str, rules: tuple[Rule, Rule], by_address: bool = True) -> list[Key]:
    """The keys a try of ``kind`` ("password", "code") is counted under: the browser (this session when
    the browser is unknown) and, with ``by_address``, the client's address."""
    from analysis.guard import Key

    browser = this_browser()
    if not _known(browser):
        browser = "session:" + st.session_state.setdefault("access_session", secrets.token_hex(16))
    keys = [Key(f"{kind}:browser:{browser}", rules[0])]
    if by_address:
        keys.append(Key(f"{kind}:address:{client_address()}", rules[1]))
    return keys


def attempt(kind: str, check: Callable[[], bool], by_address: bool = True) -> tuple[bool, float]:
    """A try of the office's password or of a card's code, through the store's throttle (``analysis.guard``)."""
    from analysis import guard

    rules = ((guard.PASSWORD_BY_BROWSER, guard.PASSWORD_BY_ADDRESS) if kind == "password"
             else (guard.CODE_BY_BROWSER, guard.CODE_BY_ADDRESS))
    return _guard().attempt(attempt_keys(kind, rules, by_address), check)


def limit_checkins(act: Callable[[], bool]) -> float:
    """A person checked in from this browser (``act``: True when someone new was stored), through the store's limit
    per browser (``analysis.guard.CHECKINS_BY_BROWSER``; never per address: the hall shares one Wi-Fi): the wait
    when this browser checked in too many just now (``act`` not done), else 0."""
    from analysis import guard

    rule = guard.CHECKINS_BY_BROWSER
    return _guard().limit(attempt_keys("checkin", (rule, rule), by_address=False), act)


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


def wants_checkin() -> bool:
    """A phone checking in: the check-in's parameter in the URL (the poster's QR code)."""
    return CHECKIN_PARAMETER in st.query_params


def unlocked() -> bool:
    """Whether this session may edit now: the office's password was given in it, or in this browser
    within ``config.UNLOCKED_FOR_SECONDS`` (the store remembers the browser, so a reload or a second tab
    stays unlocked; a session id presented by another browser opens a new, locked session)."""
    if config.password() is None:
        return False
    until = st.session_state.get(UNLOCKED_UNTIL)
    if until is None and not st.session_state.get(_LOOKED_UP):
        st.session_state[_LOOKED_UP] = True  # once per session: a phone's every tick asks nothing
        browser = this_browser()
        if _known(browser):
            until = _guard().unlocked_until(str(browser))
            st.session_state[UNLOCKED_UNTIL] = until
    return until is not None and CLOCK() < until


def _unlock() -> None:
    until = CLOCK() + config.UNLOCKED_FOR_SECONDS
    st.session_state[UNLOCKED_UNTIL] = until
    browser = this_browser()
    if _known(browser):
        _guard().unlock(str(browser), until)


def _uploads(allowed: bool) -> None:
    """Let this session's browser upload files (the gate refuses everyone else's), or stop letting it."""
    session = internals.script_session_id()
    browser = this_browser()
    if session is None:
        return
    if allowed and _known(browser):
        _gate.permit_uploads(session, str(browser))
    else:
        _gate.refuse_uploads(session)


def may_view() -> bool:
    """Whether this session may look at the data now (nothing drawn)."""
    return not viewing_needs_password() or unlocked()


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
            _uploads(False)
            st.error(OFF_ON_NETWORK, icon=":material/lock:")
            return False
        _uploads(True)
        st.warning(UNPROTECTED, icon=":material/lock_open:")
        return True
    if unlocked():
        _uploads(True)
        return True
    _uploads(False)
    with st.form("unlock"):
        given = st.text_input("Hasło biura (wymagane do importu i cofania)", type="password")
        if st.form_submit_button("Odblokuj edycję"):
            ok, wait = attempt("password", lambda: password_matches(given, expected))
            if ok:
                _unlock()
                st.rerun()
            if wait:
                st.error(f"Zbyt wiele nieudanych prób hasła — spróbuj ponownie za {math.ceil(wait)} s.",
                         icon=":material/timer:")
            else:
                st.error(WRONG, icon=":material/key_off:")
    st.caption(f"Po podaniu hasła ta przeglądarka pozostaje odblokowana przez {UNLOCKED_HOURS} godzin "
               "(także po odświeżeniu strony).")
    return False
