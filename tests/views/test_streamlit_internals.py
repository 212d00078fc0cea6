"""What views/_streamlit_internals.py relies on in Streamlit: fails loudly when an upgrade changes it.

An upgrade of Streamlit starts here: read the module again, check each point below against the new
version, then move ``WRITTEN_FOR``.
"""

from __future__ import annotations

import ast
import inspect
import re

import streamlit
from streamlit import config

from tests.helpers import ROOT
from views import _streamlit_internals as internals


def test_the_installed_streamlit_is_the_one_the_module_was_written_for():
    assert streamlit.__version__ == internals.WRITTEN_FOR, (
        f"Streamlit {streamlit.__version__} is installed; views/_streamlit_internals.py was checked against "
        f"{internals.WRITTEN_FOR}: check every point it relies on, then update WRITTEN_FOR")


def test_the_upload_endpoint_is_where_the_gate_looks_for_it():
    from streamlit.web.server.starlette import starlette_routes

    assert starlette_routes.BASE_ROUTE_UPLOAD_FILE == "_stcore/upload_file"
    assert "{BASE_ROUTE_UPLOAD_FILE}/{{session_id}}/{{file_id}}" in inspect.getsource(starlette_routes)
    assert internals.upload_session("/_stcore/upload_file/abc-123/file-9") == "abc-123"
    assert internals.upload_session("/_stcore/upload_file/abc-123") is None
    assert internals.upload_session("/_stcore/health") is None


def test_a_session_is_resumed_only_by_a_handshake_with_the_same_trusted_headers():
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager
    from streamlit.web.server.starlette import starlette_websocket

    config.get_option("server.trustedUserHeaders")  # the option exists (an unknown one raises)
    assert "trustedUserHeaders" in inspect.getsource(starlette_websocket.gather_user_info)
    assert "matches_user_info" in inspect.getsource(WebsocketSessionManager.connect_session)
    assert "matches_user_info" in inspect.getsource(WebsocketSessionManager._resume_stored_session)
    assert hasattr(AppSession, "matches_user_info")
    previous = config.get_option("server.trustedUserHeaders")
    try:
        internals.bind_sessions_to_header("x-partnerstwo-browser", "partnerstwo_browser")
        assert config.get_option("server.trustedUserHeaders")["x-partnerstwo-browser"] == "partnerstwo_browser"
    finally:
        config.set_option("server.trustedUserHeaders", previous)


def test_streamlit_run_serves_the_entry_scripts_app_and_the_runtime_has_what_the_pages_call():
    from streamlit.runtime import Runtime

    assert internals.served_as_app(ROOT / "dashboard.py") == "app"
    assert "middleware" in inspect.signature(streamlit.App).parameters
    assert all(hasattr(Runtime, name) for name in ("exists", "instance", "is_active_session", "close_session"))
    assert internals.script_session_id() is None  # outside a script run


def test_a_session_closed_because_its_browser_is_gone_lets_go_of_its_state(monkeypatch):
    """The uploader's files and whatever else a closed session held are let go of when it is closed, though
    something still refers to the session (the runtime's loop keeps the last session it served; a session
    frozen at the server's first run is never collected); a session whose browser is back is left alone."""
    from types import SimpleNamespace

    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.state.session_state import SessionState

    assert isinstance(AppSession.session_state, property) and callable(SessionState.clear)
    assert "self._session_mgr" in inspect.getsource(Runtime.close_session)
    states = {"gone": SessionState(), "back": SessionState()}
    for state in states.values():
        state["upload"] = [b"16 MB of a list"]

    class Sessions:
        def get_session_info(self, session_id: str) -> SimpleNamespace:
            return SimpleNamespace(session=SimpleNamespace(session_state=states[session_id]))

    class FakeRuntime:
        _session_mgr = Sessions()
        closed: list[str] = []

        def is_active_session(self, session_id: str) -> bool:
            return session_id == "back"

        def close_session(self, session_id: str) -> None:
            self.closed.append(session_id)

    runtime = FakeRuntime()
    monkeypatch.setattr(Runtime, "exists", lambda: True)
    monkeypatch.setattr(Runtime, "instance", lambda: runtime)
    assert internals.close_session_if_gone("gone") and not internals.close_session_if_gone("back")
    assert runtime.closed == ["gone"]
    assert "upload" not in states["gone"] and states["back"]["upload"] == [b"16 MB of a list"]


PRIVATE_ATTRIBUTES = {"runtime", "web", "config", "cli_util", "components", "elements", "proto", "delta_generator"}
FENCED = {"views/_streamlit_internals.py"}
STYLES = "views/_styles.py"


def _page_sources() -> dict[str, str]:
    files = [*sorted((ROOT / "views").rglob("*.py")), ROOT / "dashboard.py"]
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in files}


def _private_uses(source: str) -> list[str]:
    """Every import of a part of Streamlit other than its public ``streamlit`` module, and every
    ``st.runtime``/``streamlit.web``-like attribute: Streamlit's inner workings."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("streamlit.")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit":
            found.append(f"from {node.module} import {', '.join(a.name for a in node.names)}")
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id in {"st", "streamlit"} and node.attr in PRIVATE_ATTRIBUTES):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_only_the_fenced_module_reaches_into_streamlits_inner_workings():
    reaching = {name: uses for name, source in _page_sources().items()
                if name not in FENCED and (uses := _private_uses(source))}
    assert reaching == {}, "move these into views/_streamlit_internals.py"
    assert _private_uses((ROOT / "views/_streamlit_internals.py").read_text(encoding="utf-8"))  # the scan sees them


def test_css_on_streamlits_own_markup_is_written_in_one_module():
    streamlit_markup = re.compile(r"data-testid=['\"]?st[A-Z]|\.st[A-Z][A-Za-z]+\b|\.st-key-")
    elsewhere = sorted(name for name, source in _page_sources().items()
                       if name != STYLES and streamlit_markup.search(source))
    assert elsewhere == [], f"CSS on Streamlit's markup belongs in {STYLES}"
    assert streamlit_markup.search((ROOT / STYLES).read_text(encoding="utf-8"))


def test_the_page_tests_wait_for_a_script_as_long_as_it_runs_and_fail_as_streamlit_does_when_it_hangs(tmp_path):
    """tests/apptest_speed.py: a run waits for its script's thread (no polling), and a script longer than the
    run's timeout fails with Streamlit's own error; the component scan is kept after its first answer."""
    from streamlit.components.v2 import manifest_scanner
    from streamlit.testing.v1 import AppTest, app_test, local_script_runner

    from tests import apptest_speed

    assert local_script_runner.require_widgets_deltas is apptest_speed.wait_for_the_script
    assert manifest_scanner.scan_component_manifests() is manifest_scanner.scan_component_manifests()
    assert app_test.ScriptCache() is app_test.ScriptCache() is local_script_runner.ScriptCache()
    script = tmp_path / "page.py"
    script.write_text("import time\nimport streamlit as st\ntime.sleep(float(st.query_params.get('s', '0')))\n"
                      "st.title('Gotowe')\n", encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=5)
    at.query_params["s"] = "0.3"
    assert [t.value for t in at.run().title] == ["Gotowe"]
    at = AppTest.from_file(str(script), default_timeout=0.5)
    at.query_params["s"] = "2"
    try:
        at.run()
    except RuntimeError as error:
        assert "timed out after 0.5" in str(error)
    else:
        raise AssertionError("a script longer than its timeout passed")
