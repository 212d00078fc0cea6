"""Every use of Streamlit's inner workings, in one place, written for one Streamlit version.

Streamlit's public API covers neither what the hall's gate (``views._gate``) needs nor a session's
release (``views._session``). What this module relies on, in Streamlit 1.67:

- the upload endpoint is ``<server.baseUrlPath>/_stcore/upload_file/<session id>/<file id>``
  (PUT a file, DELETE it); the session id is the one the browser's websocket was given;
- ``server.trustedUserHeaders`` (an experimental, hidden option) copies the named headers of a
  websocket's handshake into the session's user info, and a session is resumed (a browser
  presenting its id in the handshake) only by a connection with the same user info;
- ``st.App`` started by ``streamlit run`` opens no browser: ``streamlit run`` of a plain script
  does (unless ``server.headless``), at the address it prints;
- the running script's session id (``get_script_run_ctx``) and the ``Runtime`` that can tell an
  active session and close a disconnected one, whose state (``AppSession.session_state``, found
  through the runtime's session manager) can then be emptied.

``WRITTEN_FOR`` is the version this was checked against: a test fails when the installed Streamlit
is another one, so an upgrade starts by reading this module again. At run time a mismatch is logged.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import streamlit
from streamlit import config

WRITTEN_FOR = "1.67.0"
_LOG = logging.getLogger(__name__)
if streamlit.__version__ != WRITTEN_FOR:
    _LOG.warning("views/_streamlit_internals.py was written for Streamlit %s, not %s: check what it relies on",
                 WRITTEN_FOR, streamlit.__version__)


def upload_session(path: str) -> str | None:
    """The session id of an upload request's path (PUT or DELETE of one file); None for any other path."""
    from streamlit.web.server.starlette.starlette_routes import BASE_ROUTE_UPLOAD_FILE

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    prefix = "/" + "/".join(part for part in (base, BASE_ROUTE_UPLOAD_FILE) if part) + "/"
    if not path.startswith(prefix):
        return None
    found = re.fullmatch(r"([^/]+)/[^/]+/?", path[len(prefix):])
    return found.group(1) if found else None


def bind_sessions_to_header(header: str, user_key: str) -> None:
    """Make Streamlit resume a session only for a handshake carrying the same ``header`` as the one that
    made it: the header's value is copied into the session's user info, which a resuming connection
    must match. Idempotent; the gate calls it before every handshake (a config reload would drop it)."""
    mapping = config.get_option("server.trustedUserHeaders")
    current = dict(mapping) if isinstance(mapping, dict) else {}
    if current.get(header) != user_key:
        current[header] = user_key
        config.set_option("server.trustedUserHeaders", current)


def script_session_id() -> str | None:
    """The session whose script is running in this thread (None outside a script run)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return None if ctx is None else ctx.session_id


def session_active(session_id: str) -> bool:
    """Whether a browser is connected to the session now."""
    from streamlit.runtime import Runtime

    return Runtime.exists() and Runtime.instance().is_active_session(session_id)


def close_session_if_gone(session_id: str) -> bool:
    """Shut a session down (its state, uploaded files, media) unless its browser is connected; True if done.

    Its session state (widget values, the file uploader's files among them) is emptied here too:
    Streamlit leaves that to the garbage collection of the session, which comes only when nothing
    refers to the session any more — late for the last session the runtime's loop served (it keeps
    it until it serves another), never for one whose objects were frozen
    (``views._session.freeze_startup_heap``, in the first session's first run).
    """
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return False
    runtime = Runtime.instance()
    if runtime.is_active_session(session_id):
        return False
    info = runtime._session_mgr.get_session_info(session_id)
    runtime.close_session(session_id)
    if info is not None:
        info.session.session_state.clear()
    return True


def open_browser_unless_headless() -> None:
    """What ``streamlit run`` does for a plain script once it serves: open the dashboard in the browser."""
    from streamlit import cli_util
    from streamlit.web.server import server_util

    if config.get_option("server.headless"):
        return
    if config.is_manually_set("browser.serverAddress"):
        address = config.get_option("browser.serverAddress")
    elif config.is_manually_set("server.address"):
        address = server_util.get_display_address(config.get_option("server.address"))
    else:
        address = "localhost"
    cli_util.open_browser(server_util.get_url(address))


def served_as_app(script: Path) -> str | None:
    """The name of the ``st.App`` that ``streamlit run script`` serves (None: it runs the script plainly)."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(script)
    return found.app_name if found.is_asgi_app else None
