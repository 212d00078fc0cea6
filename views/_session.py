"""What a browser session keeps of its uploads, and its release soon after the browser is gone.

How Streamlit 1.67 lets go of a closed browser's session: it keeps the disconnected session (its
session state and uploaded files) for ``server.disconnectedSessionTTL`` seconds, so that a browser
coming back after a network blip finds it again. Past that time the session is only dropped from
a TTL cache, and only when the cache is next written (another browser disconnecting); its state
and files are freed when the session object is garbage-collected (``AppSession.__del__`` shuts it
down). The runtime's flush loop keeps the last session it served in a local variable until it
serves another, so with one office computer that can be never: in a test, four 16 MB uploads kept
the server at 1.1 GB after the browser closed.

So every session gets a session-scoped resource whose release hook Streamlit calls when the
browser disconnects. The hook drops the session's parsed uploads at once (the large part), and if
the browser has not come back within half of ``server.disconnectedSessionTTL`` it shuts the session
down (through ``views._streamlit_internals``: session state, uploaded files, media), then — when the session parsed
uploads — hands the freed memory back to the operating system.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import sys
import threading
from dataclasses import dataclass, field

import streamlit as st

from views import _streamlit_internals as internals

READS = "import_reads"
RETURN_AFTER = 2.0  # seconds: the closed sessions of this while share one return of memory
_frozen = threading.Event()
_freezing = threading.Lock()
_return_pending = threading.Event()
_mmap_pinned = threading.Event()


@dataclass(eq=False)
class _Session:
    id: str
    reads: dict = field(repr=False)
    uploads: bool = False  # the import page parsed uploads in it: its closing hands memory back to the system


def _return_memory() -> None:
    """Give freed memory back to the operating system: Python's cycles, Arrow's pool, glibc's heap.

    Without it the server's resident memory stays near its peak after a large import (the next
    import reuses it, but the computer does not get it back).
    """
    gc.collect()
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except ImportError:
        pass
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass


MMAP_THRESHOLD = 4 << 20  # bytes: a block this large or larger is its own mapping, unmapped when freed
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


def allocate_to_give_back() -> None:
    """Once per server process: allocate memory so that what a closed session freed goes back to the system.

    - Arrow's buffers (pandas' text columns among them) come from the C library's allocator, whose free
      memory ``_return_memory`` hands back (``malloc_trim``). Arrow's own default, mimalloc, keeps a heap per
      thread, and Streamlit runs every script run in a thread of its own, gone when the session closes: what
      a closed session's frames had taken (~200 MB after four 16 MB lists were read) stayed with the process
      even after ``release_unused()``, until another browser's run allocated through Arrow again.
    - glibc's threshold above which a block is mapped on its own (and unmapped when freed) is pinned at
      ``MMAP_THRESHOLD``. Left to itself it rises to the size of the largest mapped block freed (up to 32 MB):
      once the first import's uploads and columns were freed, the next import's went into the heap, where
      what it frees while reading stays resident: a second import of the same files peaked up to ~80 MB
      higher, and the server kept 30–50 MB more after it. At 1 MB the rounds' peaks agree as well, but the
      presentation page's first visit at 1M rows took ~20% longer (each large temporary array a new mapping);
      at 4 MB the difference is within the noise of ``benchmarks/page_speed.py``.

    ``benchmarks/session_memory.py`` measures both.
    """
    import pyarrow

    if pyarrow.default_memory_pool().backend_name != "system":
        pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    if sys.platform.startswith("linux") and not _mmap_pinned.is_set():
        try:
            ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        except (OSError, AttributeError):  # not glibc
            pass
        _mmap_pinned.set()


def freeze_startup_heap() -> None:
    """Once per server process: import what the pages use, then move every object alive now out of
    the garbage collector's sight (``gc.freeze``).

    Streamlit runs a full collection after every script run (``runner.postScriptGC``). With pandas,
    plotly, SQLAlchemy and openpyxl loaded that walks ~180 000 long-lived objects: 0.1–0.3 s of CPU
    holding the interpreter's lock, on every run of every session — a phone's tick of a checkbox and
    each second of the projector's live turnout included. A room voting at once queued behind it
    (benchmarks/vote_speed.py). Modules and their objects live as long as the process, so nothing
    collectable is hidden; a later collection walks only what sessions create, and still frees it.
    """
    if _frozen.is_set():
        return
    with _freezing:
        if _frozen.is_set():
            return
        import analysis.charts
        import analysis.report  # the report's writers, the vote's protocol and cards
        import analysis.voting.protocol  # noqa: F401

        gc.freeze()  # without a collection first: it took 0.3 s of the cold start to free ~20 objects
        _frozen.set()


def _return_memory_soon(loop: asyncio.AbstractEventLoop) -> None:
    """One return of memory for the sessions closed within ``RETURN_AFTER`` seconds (a room of phones
    leaving at once would otherwise block the event loop once per phone)."""
    if _return_pending.is_set():
        return
    _return_pending.set()

    def run() -> None:
        _return_pending.clear()
        _return_memory()

    loop.call_later(RETURN_AFTER, run)


def _close_if_gone(session_id: str, uploads: bool = True) -> None:
    """Shut the session down unless its browser came back (runs on the server's event loop); then, when it parsed
    uploads, hand the freed memory back. A phone's session (a ballot, a check-in, a look at the data) holds nothing
    large: a hall of phones leaving would otherwise stop the event loop for a full collection again and again."""
    if internals.close_session_if_gone(session_id) and uploads:
        try:
            _return_memory_soon(asyncio.get_running_loop())
        except RuntimeError:  # not on the event loop
            _return_memory()


def _released(session: _Session) -> None:
    """Called by Streamlit, on its event loop, when the browser disconnects (or the session ends)."""
    if session.reads:
        session.reads.clear()
        _return_memory()
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # not on the event loop: Streamlit's own expiry is all there is
        return
    ttl = float(st.get_option("server.disconnectedSessionTTL") or 0)
    # well before Streamlit forgets the session: after that it could no longer be shut down
    loop.call_later(max(ttl / 2, 0.5), _close_if_gone, session.id, session.uploads)


@st.cache_resource(scope="session", on_release=_released, show_spinner=False)
def _watch(session_id: str, _reads: dict) -> _Session:
    return _Session(session_id, _reads)


def _watched() -> tuple[dict, _Session | None]:
    reads: dict = st.session_state.setdefault(READS, {})
    session_id = internals.script_session_id()
    watched = _watch(session_id, reads) if session_id is not None else None  # once per connection; this same dict
    return reads, watched


def watch_session() -> dict:
    """Register this session's release (once per connection); return its parsed uploads."""
    return _watched()[0]


def import_reads() -> dict:
    """This session's parsed uploads, by (file digest, workshop, calendar); emptied on disconnect (and the memory
    handed back to the system once the session is closed)."""
    reads, watched = _watched()
    if watched is not None:
        watched.uploads = True
    return reads


def keep_reads_of(digests: set[str]) -> None:
    """Forget the reads of files no longer in the uploader."""
    reads = import_reads()
    for key in [k for k in reads if k[0] not in digests]:
        del reads[key]
