"""Three costs of Streamlit's AppTest that the page tests would pay thousands of times, taken once.

- Every new ``AppTest`` scans the metadata of every installed package for components (the same answer each
  time in one test process): the scan is kept after its first answer.
- Each run compiles the dashboard's script and its page again (with Streamlit's "magic", an AST pass): one
  cache of compiled scripts serves every run of the test process, the entry script's (compiled by the run's
  script runner) as the pages' (by the app's pages manager); a script is never edited while the tests run.
- Each run waits for its script by polling its events every millisecond (the waiting thread takes the GIL
  from the script a thousand times a second): here it waits for the script's thread to end, which is the
  same moment (Streamlit joins that thread right after the wait).

They patch Streamlit's testing modules, written against the version in requirements.txt;
``tests/views/test_streamlit_internals.py`` fails when they no longer fit.
"""

from __future__ import annotations

import functools

from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import app_test, local_script_runner

_original_wait = local_script_runner.require_widgets_deltas


def wait_for_the_script(runner: local_script_runner.LocalScriptRunner, timeout: float = 3) -> None:
    """The script has finished (its thread has ended), or the run fails as Streamlit's own wait fails."""
    thread = getattr(runner, "_script_thread", None)
    if thread is None:
        _original_wait(runner, timeout)
        return
    thread.join(timeout)
    if thread.is_alive() and not runner.script_stopped():  # as Streamlit's own wait ends
        runner.request_stop()
        runner.join()
        raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")


_SCRIPTS = ScriptCache()


def install() -> None:
    app_test.ScriptCache = lambda: _SCRIPTS  # type: ignore[assignment, misc]
    local_script_runner.ScriptCache = lambda: _SCRIPTS  # type: ignore[assignment, misc]
    if not isinstance(manifest_scanner.scan_component_manifests, functools._lru_cache_wrapper):
        manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)
    local_script_runner.require_widgets_deltas = wait_for_the_script
