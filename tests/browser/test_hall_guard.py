"""The hall's network against the office's dashboard: two dashboard processes on one PostgreSQL database,
the office's password set, a stranger's programs beside Chromium (the office's laptop, a voter's phone).

- a session that never gave the password cannot upload files (and the server does not grow);
- the password unlocks the browser that gave it: a reload and the second process keep it unlocked, while
  a program presenting the office's session id gets a new, locked session — during and after the visit;
- wrong passwords counted in one process hold in the other;
- a phone still votes with its card, without the password.
"""

from __future__ import annotations

import http.cookiejar
import os
import subprocess
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.support import ROOT, assert_accessible, idle, phone, require_chromium, start_dashboard
from views._startup import PRELOAD_KEY

PASSWORD = "hasło-biura-na-sali"
MB = 1024 * 1024


def _start(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    return start_dashboard(env, session_ttl=None)


@pytest.fixture(scope="module")
def hall(shared_postgres_url):
    """Two dashboards (A, B) on one PostgreSQL database; yields (url A, url B, pid A, the database's URL)."""
    require_chromium()
    env = dict(os.environ, PARTNERSTWO_PASSWORD=PASSWORD, DATABASE_URL=shared_postgres_url,
               PARTNERSTWO_DATA_DIR=tempfile.mkdtemp(prefix="partnerstwo-hall-"))
    processes = []
    try:
        process, a = _start(env)
        processes.append(process)
        Stranger(a).run("")  # the first page run creates the schema and seeds the sample, before B starts
        process_b, b = _start(env)
        processes.append(process_b)
        yield a, b, process.pid, shared_postgres_url
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


class Stranger:
    """A program on the hall's network (here: on the laptop) speaking Streamlit's protocol, with no
    password: it loads the page for its cookies, opens the websocket, runs a page, uploads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{url}/").read()
        self.opener.open(f"{url}/_stcore/health").read()
        self.session_id: str | None = None

    @property
    def cookies(self) -> dict[str, str]:
        return {c.name: c.value for c in self.jar if c.value is not None}

    def run(self, page: str, existing_session: str | None = None, stay: bool = False) -> str:
        """Run ``page`` in a new session (or ask to resume ``existing_session``); everything it drew, as text.

        With ``stay`` the websocket stays open (the session stays active) until ``leave``.
        """
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.sync.client import connect

        cookies = self.cookies
        protocols = ["streamlit", cookies["_streamlit_xsrf"]] + ([existing_session] if existing_session else [])
        drawn = b""
        ws = connect(self.url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=protocols,
                     additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                                         "Origin": self.url}, legacy=True)
        try:
            message = BackMsg()
            message.rerun_script.query_string = ""
            message.rerun_script.page_name = page
            ws.send(message.SerializeToString())
            while True:
                data = ws.recv(timeout=90)
                forward = ForwardMsg()
                forward.ParseFromString(data)
                drawn += data
                if forward.HasField("new_session"):
                    self.session_id = forward.new_session.initialize.session_id
                if forward.HasField("script_finished"):
                    break
        finally:
            if stay:
                self.socket = ws
            else:
                ws.close()
        return drawn.decode("utf-8", errors="replace")

    def leave(self) -> None:
        self.socket.close()

    def upload(self, session_id: str, size: int) -> tuple[int, str]:
        """PUT one file of ``size`` bytes into the session's uploads, as the browser's file uploader does."""
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lista.xlsx\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + b"x" * size + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            f"{self.url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}", data=body, method="PUT",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                     "X-Xsrftoken": self.cookies["_streamlit_xsrf"]})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace")
        except urllib.error.URLError as exc:  # refused before the body was read: the rest of it is cut off
            if isinstance(exc.reason, ConnectionResetError | BrokenPipeError):
                return 0, "cut off"
            raise


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_session_without_the_password_cannot_upload_and_the_server_does_not_grow(hall):
    a, _, pid, _ = hall
    stranger = Stranger(a)
    stranger.run("dane", stay=True)  # its session stays active, as a phone's open tab
    status, text = stranger.upload(stranger.session_id, 1000)
    assert status == 403 and "hasła biura" in text
    before = _resident_mb(pid)
    answers = [stranger.upload(stranger.session_id, 19 * MB) for _ in range(8)]
    grown = _resident_mb(pid) - before
    assert {status for status, _ in answers} <= {403, 0}, answers  # refused, or cut off unread
    stranger.leave()
    assert grown < 60, f"the server grew by {grown:.0f} MB"


def _session_ids(page) -> list[str]:
    """The session ids the server gave this tab (read from its websocket's first messages)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    found: list[str] = []

    def on_socket(ws) -> None:
        def on_frame(payload) -> None:
            if isinstance(payload, bytes | bytearray):
                message = ForwardMsg()
                try:
                    message.ParseFromString(bytes(payload))
                except Exception:  # noqa: BLE001 - not a message of ours
                    return
                if message.HasField("new_session"):
                    found.append(message.new_session.initialize.session_id)

        ws.on("framereceived", on_frame)

    page.on("websocket", on_socket)
    return found


def test_the_password_unlocks_its_browser_only_across_reloads_and_processes(hall, browser):
    a, b, _, _ = hall
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    office = context.new_page()
    ids = _session_ids(office)
    office.goto(f"{a}/historia")
    idle(office)
    if os.environ.get("HALL_SHOTS"):
        office.screenshot(path=os.path.join(os.environ["HALL_SHOTS"], "office_password.png"))
    office.get_by_label("Hasło biura (wymagane do importu i cofania)").fill(PASSWORD)
    office.get_by_role("button", name="Odblokuj edycję").click()
    office.get_by_text("Cofnij…").first.wait_for(timeout=60_000)
    office_session = ids[-1]

    during = Stranger(a).run("historia", existing_session=office_session)  # the office's tab is open
    assert "Odblokuj edycję" in during and "Cofnij…" not in during

    office.reload()  # F5: still unlocked, no password asked
    idle(office)
    office.get_by_text("Cofnij…").first.wait_for(timeout=60_000)
    if os.environ.get("HALL_SHOTS"):
        office.screenshot(path=os.path.join(os.environ["HALL_SHOTS"], "office_after_reload.png"))
    assert not office.get_by_label("Hasło biura (wymagane do importu i cofania)").count()
    second_process = context.new_page()  # the same browser on the other dashboard process
    second_process.goto(f"{b}/historia")
    idle(second_process)
    second_process.get_by_text("Cofnij…").first.wait_for(timeout=60_000)

    upload = context.new_page()  # the office's own uploads are taken
    upload.goto(f"{a}/dane")
    idle(upload)
    upload.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(ROOT / "sample_data" / "lista_obecnosci_1_serock.xlsx"))
    upload.get_by_text("lista_obecnosci_1_serock.xlsx").first.wait_for(timeout=30_000)
    upload.wait_for_timeout(2000)
    idle(upload)
    if os.environ.get("HALL_SHOTS"):
        upload.screenshot(path=os.path.join(os.environ["HALL_SHOTS"], "office_upload.png"), full_page=True)
    chip = upload.locator("[data-testid='stFileChip'][aria-label^='lista_obecnosci_1_serock.xlsx']")
    assert chip.count() == 1
    assert not chip.locator("[data-testid='stFileChipIconError']").count()  # an upload refused shows this icon

    session_after = ids[-1]
    context.close()  # the office leaves; its sessions wait for it a while
    after = Stranger(a).run("historia", existing_session=session_after)
    assert "Odblokuj edycję" in after and "Cofnij…" not in after


def test_wrong_passwords_in_one_process_hold_in_the_other(hall, browser):
    a, b, _, _ = hall
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    for _ in range(3):
        page.goto(f"{a}/historia")  # a new session for each guess: the browser is counted, not the session
        idle(page)
        page.get_by_label("Hasło biura (wymagane do importu i cofania)").fill("złe hasło")
        page.get_by_role("button", name="Odblokuj edycję").click()
        page.get_by_text("Nieprawidłowe hasło").wait_for(timeout=60_000)
    page.goto(f"{b}/historia")
    idle(page)
    box = page.get_by_label("Hasło biura (wymagane do importu i cofania)")
    box.fill("złe hasło")  # B's first: the fourth of the browser (heard, or refused if within 2 s)
    page.get_by_role("button", name="Odblokuj edycję").click()
    page.get_by_text("Nieprawidłowe hasło").or_(page.get_by_text("Zbyt wiele nieudanych prób hasła")).wait_for(
        timeout=60_000)
    idle(page)
    box.fill(PASSWORD)  # right, but the browser waits now (B alone would have counted one wrong try)
    page.get_by_role("button", name="Odblokuj edycję").click()
    page.get_by_text("Zbyt wiele nieudanych prób hasła").wait_for(timeout=60_000)
    assert not page.get_by_text("Cofnij…").count()
    context.close()


def test_a_phone_votes_with_its_card_without_the_password(hall, browser):
    a, b, _, url = hall
    from analysis.store import Store
    from analysis.voting import codes
    from analysis.voting.ballot_box import Choice, Votes

    store = Store(url)
    try:
        proposals = store.dataset().proposals
        rows = proposals[(proposals["status"] == "to_vote") & (proposals["cycle"] == "2018")]
        choices = [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(x) else int(x))
                   for c, w, n, t, x in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"],
                                            rows["area"], strict=True)]
        votes = Votes(store)
        vote = votes.create("2018", 4, choices, 3, b)
        [card] = votes.issue_cards(vote.id, "ngo", 1)
        votes.open(vote.id)
        context = phone(browser)
        page = context.new_page()
        page.goto(codes.card_url(b, card.token))
        idle(page)
        page.get_by_text("Wspólne zakupy").click()
        page.wait_for_timeout(300)
        idle(page)
        page.get_by_role("button", name="Dalej").click()
        page.get_by_role("button", name="Potwierdzam i oddaję głos").click()
        page.get_by_text("Głos oddany").wait_for(timeout=30_000)
        if os.environ.get("HALL_SHOTS"):
            page.screenshot(path=os.path.join(os.environ["HALL_SHOTS"], "phone_vote.png"))
        assert len(votes.ballots(vote.id)) == 1
        context.close()
    finally:
        store.engine.dispose()


def test_a_phone_without_a_card_sees_the_code_box_with_no_accessibility_violation(hall, browser):
    """The hall's door on a phone: the box for the card's code and the office's password, nothing of the data,
    and no WCAG 2.1 AA violation of its own markup (axe-core)."""
    a, _, _, _ = hall
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{a}/glosowanie")
    idle(page)
    page.get_by_label("Kod z karty").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # Streamlit fades elements in: measured once drawn
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.locator(f".js-plotly-plot:not(.st-key-{PRELOAD_KEY} *)").count() == 0  # no chart of the data
    assert_accessible(page, "the hall's door on a phone")
    context.close()
