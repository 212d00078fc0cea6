"""A light Streamlit client: a browser session spoken over the dashboard's own websocket protocol.

What Streamlit's frontend does, without drawing anything: it connects to ``/_stcore/stream``, asks
for a script run of a page with a query string (``BackMsg.rerun_script``), receives the run's
elements as ``ForwardMsg`` deltas, and answers a click with the page's widget states (a checkbox's
value, a button's trigger). The server cannot tell it from a browser: it creates the same session,
runs the same script and sends the same messages. Used by ``benchmarks/vote_speed.py`` so that many
voters fit on a small machine beside the server (a Chromium page per voter costs more than the
server's work for it).

Only what the voting page uses is understood: checkboxes, buttons and the texts of markdown,
headings, alerts and captions.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Widget:
    id: str
    kind: str  # "checkbox" | "button"
    label: str
    disabled: bool


@dataclass
class Page:
    """What the last script run drew: its widgets (in order) and its texts."""

    widgets: list[Widget] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def button(self, label: str) -> Widget | None:
        return next((w for w in self.widgets if w.kind == "button" and w.label.endswith(label)), None)

    def checkboxes(self) -> list[Widget]:
        return [w for w in self.widgets if w.kind == "checkbox"]

    def shows(self, text: str) -> bool:
        return any(text in t for t in self.texts)


class Session:
    """One browser session of a page (``page``) opened with ``query`` (``karta=…``)."""

    def __init__(self, base_url: str, page: str, query: str = "") -> None:
        self.url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.page_name = page
        self.query = query
        self.page = Page()
        self._states: dict[str, bool] = {}  # checkbox id -> value, as the frontend keeps them
        self._ws: websockets.ClientConnection | None = None
        self._reader: asyncio.Task | None = None
        self._changed = asyncio.Condition()
        self._running = False
        self._building = Page()
        self.page_hash = ""

    async def open(self) -> None:
        self._ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**26,
                                            open_timeout=120, ping_interval=None)
        self._reader = asyncio.create_task(self._read())
        await self._rerun()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, websockets.ConnectionClosed):
                pass

    async def _read(self) -> None:
        assert self._ws is not None
        async for data in self._ws:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            async with self._changed:
                if kind == "new_session":
                    self._building = Page()
                    self._running = True
                elif kind == "navigation":  # the page st.navigation ran: the frontend asks for it again
                    self.page_hash = msg.navigation.page_script_hash
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    self._element(msg.delta.new_element)
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # st.rerun(): the next run follows at once
                    self._running = False
                    self.page = self._building
                    self._building = Page()
                    live = {w.id for w in self.page.widgets if w.kind == "checkbox"}
                    self._states = {k: v for k, v in self._states.items() if k in live}
                self._changed.notify_all()

    def _element(self, element) -> None:
        which = element.WhichOneof("type")
        page = self._building
        if which == "checkbox":
            page.widgets.append(Widget(element.checkbox.id, "checkbox", element.checkbox.label,
                                       element.checkbox.disabled))
            self._states.setdefault(element.checkbox.id, element.checkbox.default)
        elif which == "button":
            page.widgets.append(Widget(element.button.id, "button", element.button.label, element.button.disabled))
        elif which in ("markdown", "alert", "heading", "text"):
            page.texts.append(getattr(element, which).body)

    async def _rerun(self, trigger: str | None = None) -> None:
        assert self._ws is not None
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page_name
        state.page_script_hash = self.page_hash
        for widget_id, value in self._states.items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            w.bool_value = value
        if trigger is not None:
            w = state.widget_states.widgets.add()
            w.id = trigger
            w.trigger_value = True
        state.context_info.timezone = "Europe/Warsaw"
        state.context_info.locale = "pl-PL"
        self._running = True
        await self._ws.send(msg.SerializeToString())

    async def check(self, box: Widget, value: bool = True) -> None:
        """Tick a checkbox (the frontend sends a rerun with the new state at once)."""
        self._states[box.id] = value
        async with self._changed:
            self._running = True
        await self._rerun()

    async def click(self, button: Widget) -> None:
        await self._rerun(trigger=button.id)

    async def settled(self, timeout: float) -> Page:
        """The page once the server has finished running the script (after an open, a tick or a click)."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the page did not finish its run in time")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    raise TimeoutError("the page did not finish its run in time") from None
        return self.page

    async def wait_for_text(self, text: str, timeout: float) -> float:
        """Wait until an element with ``text`` arrives (drawn at once by a browser); the epoch it came."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not (self._building.shows(text) or self.page.shows(text)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {text!r} on the page in time")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    raise TimeoutError(f"no {text!r} on the page in time") from None
            return time.time()
