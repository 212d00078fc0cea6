"""What views/_streamlit_internals.py relies on in Streamlit: fails loudly when an upgrade changes it.

An upgrade of Streamlit starts here: read the module again, check each point below against the new
version, then move ``WRITTEN_FOR``.
"""

from __future__ import annotations

import inspect

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
