"""A light Streamlit client: a browser session spoken over the dashboard's own websocket protocol.

What Streamlit's frontend does, without drawing anything: it connects to ``/_stcore/stream``, asks
for a script run of a page with a query string (``BackMsg.rerun_script``), receives the run's
elements as ``ForwardMsg`` deltas, and answers a click with the page's widget states (a checkbox's
value, a button's trigger). The server cannot tell it from a browser: it creates the same session,
runs the same script and sends the same messages. Used by ``benchmarks/vote_speed.py``,
``benchmarks/hall_speed.py`` and ``benchmarks/survey_speed.py`` so that many phones fit on a small machine
beside the server (a Chromium page per phone costs more than the server's work for it).

Only what the voting page, the survey and the check-in form use is understood: checkboxes, buttons, text inputs
and areas, select boxes and radio buttons (their values sent as the frontend sends them: the option's label; a
form's values set with ``put`` and sent with its submit button), the texts of markdown, headings, alerts and
captions, and page links (label and query string: the ballot card a phone is given at check-in). A value the
script sets (``st.session_state`` in a callback) is taken over as the frontend takes it over, and sent back
with the next run. A widget drawn inside an ``st.fragment`` asks, as in the frontend, for a run of that fragment only
(its id in ``rerun_script.fragment_id``, taken from the widget's delta); such a run's new elements replace only
what that fragment drew before.
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
    kind: str  # "checkbox" | "button" | "text_input" | "text_area" | "selectbox" | "radio"
    label: str
    disabled: bool
    options: tuple[str, ...] = ()  # a select box's options as labels
    fragment: str = ""  # the fragment that drew it ("": the page's run): a change reruns that fragment only


@dataclass
class Page:
    """What the last script run drew: its widgets (in order) and its texts."""

    widgets: list[Widget] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # page links: (label, query string)
    text_fragments: list[str] = field(default_factory=list)  # the fragment of each text ("": the page's run)
    link_fragments: list[str] = field(default_factory=list)

    def outside(self, fragments: set[str]) -> Page:
        """What stays on the page while ``fragments`` run again: everything they did not draw."""
        kept = Page([w for w in self.widgets if w.fragment not in fragments])
        for text, fragment in zip(self.texts, self.text_fragments, strict=True):
            if fragment not in fragments:
                kept.texts.append(text)
                kept.text_fragments.append(fragment)
        for link, fragment in zip(self.links, self.link_fragments, strict=True):
            if fragment not in fragments:
                kept.links.append(link)
                kept.link_fragments.append(fragment)
        return kept

    def button(self, label: str) -> Widget | None:
        return next((w for w in self.widgets if w.kind == "button" and w.label.endswith(label)), None)

    def checkboxes(self) -> list[Widget]:
        return [w for w in self.widgets if w.kind == "checkbox"]

    def widget(self, label: str) -> Widget | None:
        """The first widget whose label starts with ``label``."""
        return next((w for w in self.widgets if w.label.startswith(label)), None)

    def shows(self, text: str) -> bool:
        return any(text in t for t in self.texts)

    def link(self, label: str) -> str | None:
        """The query string of the first page link whose label starts with ``label`` (None: no such link)."""
        return next((query for text, query in self.links if text.startswith(label)), None)


class Session:
    """One browser session of a page (``page``) opened with ``query`` (``karta=…``)."""

    def __init__(self, base_url: str, page: str, query: str = "") -> None:
        self.url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.page_name = page
        self.query = query
        self.page = Page()
        self._states: dict[str, bool | str | None] = {}  # widget id -> value, as the frontend keeps them
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
                if kind == "new_session":  # a fragment's run draws only that fragment again: the rest stays
                    fragments = set(msg.metadata.run.fragment_ids)
                    self._building = self.page.outside(fragments) if fragments else Page()
                    self._running = True
                elif kind == "navigation":  # the page st.navigation ran: the frontend asks for it again
                    self.page_hash = msg.navigation.page_script_hash
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    self._element(msg.delta.new_element, msg.delta.fragment_id)
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # st.rerun(): the next run follows at once
                    self._running = False
                    self.page = self._building
                    self._building = Page()
                    live = {w.id for w in self.page.widgets if w.kind != "button"}
                    self._states = {k: v for k, v in self._states.items() if k in live}
                self._changed.notify_all()

    def _element(self, element, fragment: str) -> None:
        which = element.WhichOneof("type")
        page = self._building
        if which == "checkbox":
            box = element.checkbox
            page.widgets.append(Widget(box.id, "checkbox", box.label, box.disabled, fragment=fragment))
            self._take(box.id, box.default, box.set_value, box.value)
        elif which == "text_input":
            text = element.text_input
            page.widgets.append(Widget(text.id, "text_input", text.label, text.disabled, fragment=fragment))
            self._take(text.id, text.default if text.HasField("default") else None, text.set_value,
                       text.value if text.HasField("value") else None)
        elif which == "text_area":
            area = element.text_area
            page.widgets.append(Widget(area.id, "text_area", area.label, area.disabled, fragment=fragment))
            self._take(area.id, area.default if area.HasField("default") else None, area.set_value,
                       area.value if area.HasField("value") else None)
        elif which in ("selectbox", "radio"):  # both send the chosen option's label
            select = getattr(element, which)
            options = tuple(select.options)
            default = options[select.default] if select.HasField("default") and select.default < len(options) else None
            page.widgets.append(Widget(select.id, which, select.label, select.disabled, options, fragment))
            self._take(select.id, default, select.set_value,
                       select.raw_value if select.HasField("raw_value") else None)
        elif which == "button":
            page.widgets.append(Widget(element.button.id, "button", element.button.label, element.button.disabled,
                                       fragment=fragment))
        elif which == "page_link":
            page.links.append((element.page_link.label, element.page_link.query_string))
            page.link_fragments.append(fragment)
        elif which in ("markdown", "alert", "heading", "text"):
            page.texts.append(getattr(element, which).body)
            page.text_fragments.append(fragment)

    def _take(self, widget_id: str, default: bool | str | None, set_value: bool,
              value: bool | str | None = None) -> None:
        """A widget's value as the frontend keeps it: its default at first, the script's when it sets one."""
        if set_value:
            self._states[widget_id] = value
        else:
            self._states.setdefault(widget_id, default)

    async def _rerun(self, trigger: str | None = None, fragment: str = "") -> None:
        """A script run as the frontend asks for one: every widget's value, a button's trigger, and — for a widget
        drawn by a fragment — that fragment's id (the server then runs only the fragment)."""
        assert self._ws is not None
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page_name
        state.page_script_hash = self.page_hash
        if fragment:
            state.fragment_id = fragment
        for widget_id, value in self._states.items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            if isinstance(value, bool):
                w.bool_value = value
            elif value is not None:  # a text or a select box's option (its label); nothing chosen: no value
                w.string_value = value
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
        await self.set(box, value)

    async def set(self, widget: Widget, value: bool | str | None) -> None:
        """Give a widget a value: a checkbox's tick, a text typed (sent on Enter or leaving the field), a select
        box's option by its label (or any text, where new options are accepted)."""
        self._states[widget.id] = value
        async with self._changed:
            self._running = True
        await self._rerun(fragment=widget.fragment)

    def put(self, widget: Widget, value: bool | str | None) -> None:
        """Give a widget of a form a value without a rerun (a form sends its values with its submit button)."""
        self._states[widget.id] = value

    async def click(self, button: Widget) -> None:
        await self._rerun(trigger=button.id, fragment=button.fragment)

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

    async def wait_for_text(self, text: str | tuple[str, ...], timeout: float) -> float:
        """Wait until an element with ``text`` (or any of several) arrives (drawn at once by a browser); the epoch
        it came."""
        texts = (text,) if isinstance(text, str) else text
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not any(self._building.shows(t) or self.page.shows(t) for t in texts):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {' or '.join(map(repr, texts))} on the page in time")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    raise TimeoutError(f"no {' or '.join(map(repr, texts))} on the page in time") from None
            return time.time()
