"""The gate: what every request passes before Streamlit sees it (``dashboard.py`` serves it with ``st.App``).

- **A browser's cookie.** Every page carries a random cookie (``partnerstwo_browser``: HttpOnly,
  SameSite=Lax, renewed with each page for as long as an unlock lasts). A browser is known by its
  SHA-256: the gate puts it into the websocket's handshake as a header only the gate sets (a client's
  header of that name is dropped), with this process's secret beside it so the pages can tell the
  gate's header from a forged one. Streamlit binds the session to the header, so a session id
  presented by another browser opens a new session, locked (``views._streamlit_internals``); the pages
  keep the office's unlock and count wrong guesses by it (``views._access``).
- **The client's address.** The connection's own. ``X-Forwarded-For`` is believed only from the
  reverse proxies named in ``PARTNERSTWO_TRUSTED_PROXIES``. The web server under Streamlit (uvicorn)
  believes it from anything on this computer and rewrites the address before the gate sees it; the
  gate takes that back, so a program on the laptop cannot pose as many addresses.
- **Uploads.** A file is taken (PUT or DELETE on Streamlit's upload endpoint) only for a session whose
  page granted editing (the office's password, or this computer without a password) and only from
  that session's browser; anything else gets 403 before a byte of the file is read.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import re
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from analysis import config
from views import _streamlit_internals as internals

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

COOKIE = "partnerstwo_browser"
BROWSER_HEADER = "x-partnerstwo-browser"  # the SHA-256 of the browser's cookie, set by the gate alone
GATE_HEADER = "x-partnerstwo-gate"  # this process's secret: the handshake passed the gate
SESSION_OWNER = "partnerstwo_browser"  # the session's user info key Streamlit compares on a resume
NONCE = secrets.token_hex(16)
ANONYMOUS = "anon:"  # a handshake without the cookie: a session no other connection can resume
LOOPBACK = "127.0.0.1"
REFUSED_UPLOAD = ("Wgrywanie plików wymaga hasła biura: odblokuj edycję na stronie „Import danych” w tej "
                  "przeglądarce i wybierz pliki jeszcze raz.").encode()
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{43}")
_OWN_HEADERS = {BROWSER_HEADER.encode(), GATE_HEADER.encode()}
_LOG = logging.getLogger(__name__)

_uploaders: dict[str, str] = {}  # session id -> the browser whose session may upload now
_uploaders_lock = threading.Lock()


def browser_hash(cookie: str) -> str:
    """What the server knows a browser by (its sessions, its unlock in the store): the SHA-256 of its cookie."""
    return hashlib.sha256(f"partnerstwo-browser:{cookie}".encode()).hexdigest()


# --- uploads: which session may, from which browser -----------------------------------------------------


def permit_uploads(session_id: str, browser: str) -> None:
    """The session's page granted editing: its browser may upload files into it."""
    with _uploaders_lock:
        _uploaders[session_id] = browser
        if len(_uploaders) > 256:  # sessions closed since (their ids are never used again)
            for gone in [s for s in _uploaders if not internals.session_active(s)]:
                del _uploaders[gone]


def refuse_uploads(session_id: str) -> None:
    with _uploaders_lock:
        _uploaders.pop(session_id, None)


def may_upload(session_id: str, browser: str | None) -> bool:
    with _uploaders_lock:
        owner = _uploaders.get(session_id)
    return owner is not None and browser is not None and hmac.compare_digest(owner, browser)


# --- the client's address ----------------------------------------------------------------------------


def _host(entry: str) -> str:
    """An X-Forwarded-For entry without its port ("10.0.0.7:5000", "[::1]:80")."""
    entry = entry.strip()
    if entry.startswith("[") and "]" in entry:
        return entry[1:entry.index("]")]
    if entry.count(":") == 1:
        return entry.split(":", 1)[0]
    return entry


def _address(text: str | None) -> Address | None:
    try:
        return ipaddress.ip_address(text or "")
    except ValueError:
        return None


def networks(entries: list[str]) -> list[Network]:
    """Addresses and networks ("10.0.0.2", "10.0.0.0/24"); an entry that is neither is logged and left out."""
    found: list[Network] = []
    for entry in entries:
        try:
            found.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            _LOG.warning("PARTNERSTWO_TRUSTED_PROXIES: „%s” nie jest adresem ani siecią IP — pominięto", entry)
    return found


def _within(host: str | None, nets: list[Network]) -> bool:
    address = _address(host)
    return address is not None and any(address in net for net in nets)


def _uvicorn_pick(chain: list[str]) -> str:
    """The client uvicorn makes of an X-Forwarded-For chain when it trusts the connection (it trusts
    ``FORWARDED_ALLOW_IPS``, by default this computer): the nearest entry it does not trust."""
    trusted = config.web_server_trusted_proxies()
    if trusted == "*":
        return _host(chain[0])
    nets = [net for entry in trusted.split(",") if (net := _quiet_network(entry)) is not None]
    for entry in reversed(chain):
        if not _within(_host(entry), nets):
            return _host(entry)
    return _host(chain[0])


def _quiet_network(entry: str) -> Network | None:
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        return None


def client_address(seen: str | None, forwarded_for: list[str], proxies: list[Network]) -> str | None:
    """The address a client is counted under: ``seen`` (the connection's, as uvicorn left it) unless the
    connection came from one of ``proxies``, whose X-Forwarded-For then names the client.

    When uvicorn has rewritten the address (the connection was this computer's and carried the header),
    ``seen`` equals what uvicorn makes of the chain; the connection is then taken as this computer's. A
    client elsewhere that sends the header can so be counted as itself or as this computer — never as
    an address of its choosing.
    """
    chain = [entry.strip() for value in forwarded_for for entry in value.split(",")]
    if not chain:
        return seen
    peer = LOOPBACK if seen and seen == _uvicorn_pick(chain) else seen
    if not _within(peer, proxies):
        return peer
    for entry in reversed(chain):
        host = _host(entry)
        if not _within(host, proxies):
            return host if _address(host) is not None else peer
    return _host(chain[0]) if _address(_host(chain[0])) is not None else peer


# --- the gate itself -----------------------------------------------------------------------------------


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The browser's cookie, when it sent a well-formed one."""
    for name, value in headers:
        if name != b"cookie":
            continue
        for part in value.decode("latin-1").split(";"):
            key, _, text = part.strip().partition("=")
            if key == COOKIE and _COOKIE_VALUE.fullmatch(text):
                return text
    return None


def _set_cookie(value: str, secure: bool) -> tuple[bytes, bytes]:
    attributes = f"{COOKIE}={value}; Max-Age={config.UNLOCKED_FOR_SECONDS}; Path=/; HttpOnly; SameSite=Lax"
    return b"set-cookie", (attributes + ("; Secure" if secure else "")).encode("latin-1")


class Gate:
    """ASGI middleware in front of Streamlit's own (``st.App(middleware=...)``)."""

    def __init__(self, app: ASGIApp, proxies: list[str] | None = None) -> None:
        self.app = app
        self.proxies = networks(config.trusted_proxies() if proxies is None else proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        scope = dict(scope)
        headers = [(n, v) for n, v in scope.get("headers", []) if n not in _OWN_HEADERS]
        client = scope.get("client")
        forwarded = [v.decode("latin-1") for n, v in headers if n == b"x-forwarded-for"]
        address = client_address(client[0] if client else None, forwarded, self.proxies)
        if client and address is not None:
            scope["client"] = (address, client[1])
        cookie = _cookie(headers)
        browser = browser_hash(cookie) if cookie else None
        if scope["type"] == "websocket":
            internals.bind_sessions_to_header(BROWSER_HEADER, SESSION_OWNER)
            owner = browser or ANONYMOUS + secrets.token_hex(16)
            scope["headers"] = [*headers, (BROWSER_HEADER.encode(), owner.encode()), (GATE_HEADER.encode(), NONCE.encode())]
            await self.app(scope, receive, send)
            return
        scope["headers"] = headers
        session = internals.upload_session(scope.get("path", ""))
        if session is not None and scope.get("method") in ("PUT", "DELETE") and not may_upload(session, browser):
            await _refuse(send)
            return
        await self.app(scope, receive, _with_cookie(send, cookie or secrets.token_urlsafe(32), scope.get("scheme") == "https"))


def _with_cookie(send: Send, value: str, secure: bool) -> Send:
    """``send`` that puts the browser's cookie on every page (an HTML response)."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            response_headers = list(message.get("headers", []))
            if any(n.lower() == b"content-type" and v.startswith(b"text/html") for n, v in response_headers):
                message = dict(message)
                message["headers"] = [*response_headers, _set_cookie(value, secure)]
        await send(message)

    return sending


async def _refuse(send: Send) -> None:
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(REFUSED_UPLOAD)).encode())]})
    await send({"type": "http.response.body", "body": REFUSED_UPLOAD})


def middleware() -> list[Any]:
    """The gate, as ``st.App`` takes it."""
    from starlette.middleware import Middleware

    return [Middleware(Gate)]


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """Once the server serves: open the browser, as ``streamlit run`` does for a plain script."""
    asyncio.get_running_loop().call_soon(internals.open_browser_unless_headless)
    yield
