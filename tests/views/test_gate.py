"""The gate in front of Streamlit (views/_gate.py), driven as an ASGI app over a recording stand-in."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from views import _gate
from views._gate import BROWSER_HEADER, COOKIE, GATE_HEADER, NONCE, Gate, browser_hash, client_address, networks

COOKIE_VALUE = "c" * 43


class Inner:
    """Streamlit's app, as the gate sees it: records what reached it and answers a page."""

    def __init__(self) -> None:
        self.scopes: list[dict] = []

    async def __call__(self, scope, receive, send) -> None:
        self.scopes.append(scope)
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/html; charset=utf-8")]})
            await send({"type": "http.response.body", "body": b"<html></html>"})


def call(gate: Gate, scope_type: str = "http", path: str = "/", method: str = "GET",
         headers: list[tuple[bytes, bytes]] | None = None, client: tuple[str, int] = ("127.0.0.1", 5000)) -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": scope_type, "path": path, "method": method, "headers": headers or [], "client": client,
             "scheme": "http"}
    # A thread of its own: a worker that ran the browser tests keeps Playwright's loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, gate(scope, receive, send)).result()
    return sent


def test_a_page_gets_an_httponly_cookie_and_a_forged_gate_header_is_dropped():
    inner = Inner()
    sent = call(Gate(inner, proxies=[]), headers=[(BROWSER_HEADER.encode(), b"forged"), (GATE_HEADER.encode(), b"x")])
    cookie = dict(sent[0]["headers"])[b"set-cookie"].decode()
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert not [n for n, _ in inner.scopes[0]["headers"] if n in (BROWSER_HEADER.encode(), GATE_HEADER.encode())]


def test_the_websocket_handshake_carries_the_browser_and_the_gate_secret():
    inner = Inner()
    call(Gate(inner, proxies=[]), "websocket", "/_stcore/stream",
         headers=[(b"cookie", f"{COOKIE}={COOKIE_VALUE}".encode()), (BROWSER_HEADER.encode(), b"forged")])
    headers = dict(inner.scopes[0]["headers"])
    assert headers[BROWSER_HEADER.encode()] == browser_hash(COOKIE_VALUE).encode()
    assert headers[GATE_HEADER.encode()] == NONCE.encode()
    call(Gate(inner, proxies=[]), "websocket", "/_stcore/stream")  # no cookie: a session nobody can resume
    assert dict(inner.scopes[1]["headers"])[BROWSER_HEADER.encode()].startswith(_gate.ANONYMOUS.encode())


def test_uploads_pass_only_for_a_permitted_session_from_its_own_browser():
    inner = Inner()
    gate = Gate(inner, proxies=[])
    path = "/_stcore/upload_file/session-1/file-1"
    mine = [(b"cookie", f"{COOKIE}={COOKIE_VALUE}".encode())]
    theirs = [(b"cookie", f"{COOKIE}={'d' * 43}".encode())]
    refused = call(gate, path=path, method="PUT", headers=mine)
    assert refused[0]["status"] == 403 and "hasła biura" in refused[1]["body"].decode() and not inner.scopes
    _gate.permit_uploads("session-1", browser_hash(COOKIE_VALUE))
    try:
        assert call(gate, path=path, method="PUT", headers=theirs)[0]["status"] == 403  # the session id alone
        assert call(gate, path=path, method="PUT", headers=mine)[0]["status"] == 200
        _gate.refuse_uploads("session-1")
        assert call(gate, path=path, method="DELETE", headers=mine)[0]["status"] == 403
    finally:
        _gate.refuse_uploads("session-1")


@pytest.mark.parametrize(("seen", "forwarded", "proxies", "counted"), [
    ("10.0.0.7", [], [], "10.0.0.7"),
    # a program on the laptop: uvicorn believed its header and rewrote the address; the gate takes it back
    ("10.9.9.9", ["10.9.9.9"], [], "127.0.0.1"),
    ("10.9.9.9", ["1.2.3.4, 10.9.9.9"], [], "127.0.0.1"),
    # a phone sending the header: uvicorn did not believe it, nor does the gate
    ("10.0.0.7", ["10.9.9.9"], [], "10.0.0.7"),
    # a configured proxy on this computer: its header names the client
    ("10.0.0.7", ["10.0.0.7"], ["127.0.0.1"], "10.0.0.7"),
    ("10.0.0.8", ["10.0.0.7, 10.0.0.8"], ["127.0.0.1"], "10.0.0.8"),
    # a configured proxy elsewhere; the nearest address it does not vouch for is the client
    ("10.0.0.2", ["10.0.0.7"], ["10.0.0.2"], "10.0.0.7"),
    ("10.0.0.2", ["10.9.9.9, 10.0.0.7"], ["10.0.0.2"], "10.0.0.7"),
])
def test_forwarded_addresses_are_believed_only_from_configured_proxies(seen, forwarded, proxies, counted):
    assert client_address(seen, forwarded, networks(proxies)) == counted


def test_the_gate_puts_the_counted_address_into_the_connection():
    inner = Inner()
    # a program on this computer claims another address: with no proxy configured it stays this computer
    call(Gate(inner, proxies=[]), headers=[(b"x-forwarded-for", b"10.9.9.9")], client=("10.9.9.9", 1))
    assert inner.scopes[0]["client"][0] == "127.0.0.1"
    call(Gate(inner, proxies=["127.0.0.1"]), headers=[(b"x-forwarded-for", b"10.9.9.9")], client=("10.9.9.9", 1))
    assert inner.scopes[1]["client"][0] == "10.9.9.9"


def test_the_setting_names_the_trusted_proxies(monkeypatch):
    from analysis import config

    monkeypatch.setenv("PARTNERSTWO_TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.0/24 ,")
    assert config.trusted_proxies() == ["127.0.0.1", "10.0.0.0/24"]
    assert [str(n) for n in networks(config.trusted_proxies() + ["nie-adres"])] == ["127.0.0.1/32", "10.0.0.0/24"]
