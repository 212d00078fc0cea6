"""The slide show for a workshop hall: one self-contained HTML file driven by a keyboard or a remote.

The same ``Report`` that makes the HTML, Excel and PowerPoint reports becomes a show: a cover and
one 16:9 page per slide shown on the projector (the vote list already paged by ``slides``). Each page is laid
out on a 1280×720 stage that the browser scales to its window, so a page fits every projector
(letterboxed, never cut) and its text grows with the screen. Navigation happens in the browser:

    → PageDown Space ↓ N   next            ← PageUp ↑ Backspace P   previous
    Home / End              first / last    number + Enter           that slide
    B or .                  black screen    F                        full screen on / off
    Esc                     leaves full screen; on the dashboard page it hands the keys back

Embedded in the dashboard (a same-origin iframe) the show also listens on the page around it, so
the keys work as soon as the page opens, without a click; it ignores keys typed into the page's
fields and lets the page have them when the show is scrolled out of sight.

Text from uploaded files stays text: every string is cleaned of control characters and
HTML-escaped here (``display.html_text``); the charts' data travel as JSON inside a non-executable
script element with ``<``, ``>`` and ``&`` escaped, and their labels are plotly-escaped by ``charts``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any, cast

import plotly.graph_objects as go
import plotly.io as pio

from analysis.display import (
    AREA_COLORS,
    BACKGROUND,
    BLACKOUT,
    BORDER,
    GRID,
    INK,
    MUTED,
    NEUTRAL,
    PARTNERSHIP,
    PRIMARY,
    SECONDARY_TEXT,
    WARNING_INK,
    counted,
    html_text,
    plot_lines,
    printable_json,
    rgba,
)
from analysis.report.model import RankItem, Report, Slide

WIDTH, HEIGHT = 1280, 720  # the stage every page is laid out on (CSS px), scaled to the window
BODY_PX = 28  # the smallest body text on a 1280×720 screen
SMALL_PX = 24  # the smallest text of all (a chart's ticks, the footer) on a 1280×720 screen
CHART_FONT_PX = SMALL_PX
TALL_ROWS = 6  # a chart of more horizontal bars (of all its series) than this takes the slide's whole height
RANK_LINE_CHARS = 38  # a title in a vote's ranking takes a line per this many characters (a cautious count)
RANK_LINES = 13  # the ranking's lines on a slide (titles and bars)
CATEGORY_LINE_CHARS = 16  # a category's label under a bar wraps after about this many characters

KEYS_HINT = ("→ / PageDown / spacja — dalej · ← / PageUp — wstecz · Home / End — początek / koniec · "
             "B — czarny ekran · F — pełny ekran")


def _lettered(part: object, smallest: int) -> object:
    """``part`` of a figure's JSON with every font (tick, legend, annotation, bar text…) at least ``smallest`` px."""
    if isinstance(part, dict):
        grown = {key: _lettered(value, smallest) for key, value in part.items()}
        for key, value in grown.items():
            if key.endswith("font") and isinstance(value, dict):
                size = value.get("size")
                if isinstance(size, list):
                    value["size"] = [max(s, smallest) if isinstance(s, int | float) else smallest for s in size]
                else:
                    value["size"] = max(size, smallest) if isinstance(size, int | float) else smallest
        return grown
    if isinstance(part, list):
        return [_lettered(value, smallest) for value in part]
    return part


def _figure(figure: go.Figure) -> dict[str, Any]:
    """The slide's chart, sized by the show (its box) and lettered for the back of a hall.

    Every text of the chart is at least ``CHART_FONT_PX`` on the 1280×720 stage (and grows with
    the screen as the stage does): a bar's text is never shrunk to fit outside its bar, and a
    number that does not fit inside its bar at that size is left out (the axis and the slide's
    table say it) rather than drawn small.
    """
    shown = go.Figure(figure)
    shown.update_layout(title={"text": ""}, height=None, width=None, autosize=True,
                        font={"size": CHART_FONT_PX}, uniformtext={"minsize": CHART_FONT_PX, "mode": "hide"})
    margin = shown.layout.margin
    shown.update_layout(margin={"t": 16 if (margin.t or 0) <= 70 else margin.t - 40, "l": 16, "r": 24, "b": 16})
    shown.update_traces(constraintext="inside", selector={"type": "bar"})
    drawn = cast(dict[str, Any], _lettered(printable_json(json.loads(pio.to_json(shown, validate=False))),
                                           CHART_FONT_PX))
    for trace in drawn.get("data", []):  # categories under vertical bars and boxes: wrapped, never slanted
        if trace.get("type") in ("bar", "box") and trace.get("orientation") != "h" and isinstance(trace.get("x"), list):
            trace["x"] = [_wrapped(x) for x in trace["x"]]
    for name, axis in drawn.get("layout", {}).items():
        if name.startswith("xaxis") and isinstance(axis, dict) and isinstance(axis.get("categoryarray"), list):
            axis["categoryarray"] = [_wrapped(x) for x in axis["categoryarray"]]
    return drawn


def _wrapped(label: object, width: int = CATEGORY_LINE_CHARS) -> object:
    """A category's label in lines of about ``width`` characters."""
    return plot_lines(label, width) if isinstance(label, str) and len(label) > width else label


def _script_json(value: object) -> str:
    """JSON that cannot close or comment out the script element holding it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _footer(report: Report, sample: bool) -> str:
    parts = [f"warsztat {report.workshop_name}", f"cykl {report.cycle}"]
    if sample:
        parts.append("Dane przykładowe (osoby zmyślone)")
    return " · ".join(html_text(p) for p in parts)


def _cover(report: Report, sample: bool) -> str:
    sample_line = "<p class='sample body'>Dane przykładowe (osoby zmyślone)</p>" if sample else ""
    return (
        "<section class='slide cover' data-key='cover'>"
        f"<p class='kicker body'>{html_text(PARTNERSHIP)}</p>"
        f"<h1 class='title'>Warsztat {html_text(report.workshop_name)}</h1>"
        f"<p class='body'>cykl {html_text(report.cycle)} · dane z {report.made_at:%d.%m.%Y, %H:%M}</p>"
        f"{sample_line}<p class='hint'>{html_text(KEYS_HINT)}</p></section>"
    )


def _tall(figure: dict[str, Any]) -> bool:
    """Whether a chart needs the slide's whole height: many horizontal bars, or a map (its shape kept)."""
    rows = sum(len(trace.get("y") or []) for trace in figure.get("data", [])
               if trace.get("type") == "bar" and trace.get("orientation") == "h")  # grouped bars: each its own row
    mapped = any(isinstance(axis, dict) and axis.get("scaleanchor") for name, axis in figure.get("layout", {}).items()
                 if name.startswith("xaxis"))
    return rows > TALL_ROWS or mapped


def rank_item_lines(item: RankItem) -> int:
    """How many lines of the ranking ``item`` takes: its title's lines and its bar's."""
    return max(1, math.ceil(len(item.title) / RANK_LINE_CHARS)) + 1


def _leaders(items: list[RankItem]) -> list[RankItem]:
    """The first of ``items`` that fit the ranking's lines (the first always: its title wraps as long as it is)."""
    shown: list[RankItem] = []
    used = 0
    for item in items:
        used += rank_item_lines(item)
        if shown and used > RANK_LINES:
            break
        shown.append(item)
    return shown


def _ranking(items: list[RankItem]) -> str:
    """A vote's leaders as a list: place, number, the whole title, a bar and the votes in words."""
    top = max((item.votes for item in items), default=0) or 1
    return "<ol class='ranking'>" + "".join(
        f"<li><span class='rank body'>{item.rank}.</span>"
        f"<span class='num' style='--c:{AREA_COLORS.get(item.area_code or 0, MUTED)}'>{html_text(item.number)}</span>"
        f"<div class='rtext'><p class='vtitle body'>{html_text(item.title)}</p>"
        f"<div class='rbar' style='--c:{AREA_COLORS.get(item.area_code or 0, MUTED)}'>"
        f"<span style='width:{70 * item.votes / top:.1f}%'></span>"
        f"<b class='body'>{html_text(counted(item.votes, 'głos', 'głosy', 'głosów'))}</b></div></div></li>"
        for item in _leaders(items)) + "</ol>"


def _page(slide: Slide, chart: int | None, footer: str, side: bool = False) -> str:
    head = f"<header><h1 class='title'>{html_text(slide.title)}</h1></header>"
    if slide.ranking:  # the leaders with their titles whole, beside the headline
        return (f"<section class='slide side' data-key='{html_text(slide.key)}'>{head}"
                f"<div class='lead'><p class='headline'>{html_text(slide.headline)}</p>"
                f"<p class='message body'>{html_text(slide.message)}</p></div>{_ranking(slide.ranking)}"
                f"<footer><span>{footer}</span><span class='count'></span></footer></section>")
    if slide.votes:
        listing = "".join(
            f"<li><span class='num' style='--c:{AREA_COLORS.get(item.area_code or 0, MUTED)}'>"
            f"{html_text(item.number)}</span><div><p class='vtitle body'>{html_text(item.title)}</p>"
            f"<p class='varea body'>{html_text(item.area)}</p></div></li>"
            for item in slide.votes)
        page = f"{slide.page[0]} z {slide.page[1]}" if slide.page else ""
        return (f"<section class='slide list' data-key='{html_text(slide.key)}'>{head}"
                f"<p class='pageinfo'>{html_text(slide.headline)} · strona {html_text(page)}</p>"
                f"<ol class='votes'>{listing}</ol><footer><span>{footer}</span><span class='count'></span></footer>"
                "</section>")
    body = (f"<div class='chart' data-chart='{chart}' role='img' aria-label='{html_text(slide.title)}'></div>"
            if chart is not None else "<p class='empty body'>Brak danych do wykresu na tym slajdzie.</p>")
    return (f"<section class='slide{' side' if side else ''}' data-key='{html_text(slide.key)}'>{head}"
            f"<div class='lead'><p class='headline'>{html_text(slide.headline)}</p>"
            f"<p class='message body'>{html_text(slide.message)}</p></div>{body}"
            f"<footer><span>{footer}</span><span class='count'></span></footer></section>")


def plotly_file_name() -> str:
    """The name under which ``publish_plotly`` stores the plotly.js of the installed plotly."""
    import plotly

    return f"plotly-{plotly.__version__}.min.js"


def publish_plotly(folder: Path) -> str | None:
    """plotly.js written once into ``folder`` (a web server's static folder); its name, or None.

    The dashboard serves it beside the page, so the show embedded there loads the library as a
    file the browser caches instead of 4.6 MB inside the page's data. None when the folder cannot
    be written (the show then embeds the library).
    """
    from plotly.offline import get_plotlyjs

    name = plotly_file_name()
    target = folder / name
    if target.is_file():
        return name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    except OSError:
        return None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(get_plotlyjs())
        os.chmod(temporary, 0o644)  # a served file, like the rest of the app's folder
        os.replace(temporary, target)  # whole or not at all, even with two sessions at once
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return None
    return name


def to_show(report: Report, sample: bool = False, plotly_src: str | None = None) -> str:
    """The show as one HTML document; with plotly.js embedded it runs offline from a file.

    ``plotly_src`` is the address of plotly.js to load instead of embedding it (the dashboard
    serves the file itself; the downloaded show always embeds it).
    """
    # plotly.js loads after the first slide shows (the cover has no chart): a deferred file, or
    # embedded as inert text that the show runs once it is on the screen
    if plotly_src is None:
        from plotly.offline import get_plotlyjs

        library = ("<script type='text/plain' id='plotly-source'>"
                   + get_plotlyjs().replace("</script", "<\\/script") + "</script>")
    else:
        library = f"<script id='plotly-file' src='{html_text(plotly_src)}' defer></script>"
    footer = _footer(report, sample)
    figures: list[dict[str, Any]] = []
    pages = [_cover(report, sample)]
    for slide in (slide for slide in report.slides if slide.projector):
        chart, side = None, False
        if slide.figure is not None and not slide.votes and not slide.ranking:
            chart = len(figures)
            figures.append(_figure(slide.figure))
            side = _tall(figures[-1])  # the headline and message beside the chart, not above it
        pages.append(_page(slide, chart, footer, side))
    data = _script_json(figures)
    body = "".join(pages)
    digest = hashlib.sha256((body + data).encode("utf-8")).hexdigest()[:16]
    return (
        "<!doctype html><html lang='pl'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html_text(PARTNERSHIP)} – pokaz na warsztat {html_text(report.workshop_name)}</title>"
        f"<style>{_CSS}</style></head>"
        f"<body><main id='stage' data-show='{digest}'>{body}"
        "<nav id='controls' aria-label='Sterowanie pokazem'>"
        "<button type='button' data-do='prev' title='Poprzedni (←, PageUp)'>◀</button>"
        "<span class='count' id='where'></span>"
        "<button type='button' data-do='next' title='Następny (→, PageDown, spacja)'>▶</button>"
        "<button type='button' data-do='full' title='Pełny ekran (F)'>⛶</button></nav>"
        "<p id='paused' hidden>Pokaz wstrzymany — klawisze obsługuje strona. Kliknij slajd, aby wrócić.</p>"
        "</main><div id='black' hidden></div>"
        f"{library}<script type='application/json' id='figures'>{data}</script>"
        f"<script>{_JS}</script></body></html>"
    )


_CSS = f"""
*{{box-sizing:border-box;margin:0;padding:0}}
html,body{{width:100%;height:100%;overflow:hidden;background:{BLACKOUT};
  font-family:Arial,'Liberation Sans',Helvetica,sans-serif;color:{INK}}}
#stage{{position:absolute;left:0;top:0;width:{WIDTH}px;height:{HEIGHT}px;transform-origin:0 0;background:{BACKGROUND};
  overflow:hidden}}
.slide{{position:absolute;inset:0;display:flex;flex-direction:column;padding:26px 56px 0;visibility:hidden;
  background:{BACKGROUND};--k:1}}
.slide.current{{visibility:visible}}
.title{{font-size:44px;line-height:1.15;font-weight:700;color:{PRIMARY}}}
.body{{font-size:max({BODY_PX}px,calc(32px*var(--k)));line-height:1.25}}
.lead{{display:flex;flex-wrap:wrap;align-items:baseline;column-gap:40px;row-gap:2px;margin-top:8px}}
.headline{{font-size:calc(72px*var(--k));font-weight:800;color:{PRIMARY};line-height:1.1;white-space:nowrap}}
.message{{flex:1 1 400px}}
.chart{{flex:1 1 auto;min-height:0;margin:10px 0 6px;position:relative;overflow:hidden}}
.side{{display:grid;grid-template-columns:340px minmax(0,1fr);grid-template-rows:auto minmax(0,1fr) 48px;column-gap:36px}}
.side header,.side footer{{grid-column:1 / 3}}
.side .lead{{flex-direction:column;flex-wrap:nowrap;row-gap:16px;margin-top:18px;min-height:0}}
.side .headline{{white-space:normal;font-size:calc(64px*var(--k))}}
.side .message{{flex:0 0 auto}}
.side .chart{{margin:10px 0 6px}}
.ranking{{list-style:none;min-height:0;display:flex;flex-direction:column;gap:14px;margin:18px 0 8px}}
.ranking li{{display:flex;gap:16px;align-items:flex-start}}
.ranking .rank{{flex:0 0 48px;text-align:right;color:{MUTED};line-height:56px}}
.ranking .num{{flex:0 0 72px}}
.rtext{{flex:1 1 auto;min-width:0}}
.rbar{{display:flex;align-items:center;gap:12px;margin-top:4px}}
.rbar b{{white-space:nowrap}}
.rbar>span{{display:block;height:24px;border-radius:4px;background:var(--c);min-width:4px}}
.empty{{flex:1 1 auto;margin-top:24px;color:{MUTED}}}
footer{{flex:0 0 48px;margin-top:auto;display:flex;justify-content:space-between;align-items:center;gap:24px;
  font-size:{SMALL_PX}px;color:{MUTED};border-top:2px solid {GRID}}}
.cover{{justify-content:center;text-align:center;padding:56px 96px}}
.cover .title{{font-size:72px;margin:28px 0}}
.cover .kicker{{color:{PRIMARY};font-weight:700}}
.cover .sample{{margin-top:24px;color:{WARNING_INK}}}
.cover .hint{{position:absolute;left:56px;right:56px;bottom:24px;font-size:{SMALL_PX}px;color:{MUTED}}}
.pageinfo{{font-size:{BODY_PX}px;color:{MUTED};margin-top:4px}}
.votes{{list-style:none;flex:1 1 auto;min-height:0;display:flex;flex-direction:column;gap:14px;margin:18px 0 8px}}
.votes li{{display:flex;gap:24px;align-items:flex-start}}
.num{{flex:0 0 84px;height:56px;border-radius:10px;background:var(--c);color:{BACKGROUND};font-size:40px;font-weight:800;
  display:flex;align-items:center;justify-content:center}}
.vtitle{{font-weight:700}}
.varea{{font-size:max({BODY_PX}px,calc(28px*var(--k)));color:{SECONDARY_TEXT}}}
#controls{{position:absolute;right:20px;bottom:54px;display:flex;gap:8px;align-items:center;padding:6px 10px;
  background:{rgba(BACKGROUND, 0.92)};border:1px solid {BORDER};border-radius:10px;opacity:0;transition:opacity .3s;
  z-index:5}}
body.moving #controls,#controls:focus-within{{opacity:1}}
#controls button{{font:inherit;font-size:{SMALL_PX}px;min-width:52px;height:44px;border:1px solid {NEUTRAL};border-radius:8px;
  background:{BACKGROUND};color:{INK};cursor:pointer}}
#controls .count{{font-size:{SMALL_PX}px;color:{MUTED};padding:0 6px}}
#paused{{position:absolute;left:50%;top:12px;transform:translateX(-50%);z-index:6;padding:8px 18px;
  font-size:{SMALL_PX}px;background:{INK};color:{BACKGROUND};border-radius:8px}}
#black{{position:fixed;inset:0;background:{BLACKOUT};z-index:10;cursor:none}}
body.idle{{cursor:none}}
"""

_JS = r"""
(function () {
  "use strict";
  var W = __WIDTH__, H = __HEIGHT__;
  var stage = document.getElementById("stage");
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var black = document.getElementById("black");
  var pausedNote = document.getElementById("paused");
  var figures = JSON.parse(document.getElementById("figures").textContent);
  var storeKey = "pokaz-" + stage.getAttribute("data-show");
  var frame = null, host = null;
  try { if (window.frameElement && window.parent.document) { frame = window.frameElement; host = window.parent; } }
  catch (e) { frame = null; host = null; }
  var state = {index: 0, black: false, paused: false, scale: 1, digits: "", library: false};

  function layout() {
    var s = Math.min(window.innerWidth / W, window.innerHeight / H);
    state.scale = s;
    stage.style.transform = "translate(" + (window.innerWidth - W * s) / 2 + "px," + (window.innerHeight - H * s) / 2 +
      "px) scale(" + s + ")";
  }

  function overflows(slide) {
    var box = slide.getBoundingClientRect();
    return slide.scrollHeight > slide.clientHeight + 1 ||
      Array.prototype.some.call(slide.querySelectorAll(".lead, .votes li, .ranking li, .chart, footer"), function (el) {
        return el.getBoundingClientRect().bottom > box.bottom + 1;
      });
  }

  function fit(slide) {  // a safety net: the pages are made to fit; shrink the text a little if one does not
    var k = 1;
    while (overflows(slide) && k > 0.8) { k -= 0.025; slide.style.setProperty("--k", k.toFixed(3)); }
  }

  function draw(el) {
    if (!state.library || el.getAttribute("data-drawn")) return;
    el.setAttribute("data-drawn", "1");
    var figure = figures[Number(el.getAttribute("data-chart"))];
    if (!window.Plotly || !figure) { el.textContent = "Wykres niedostępny."; return; }
    var look = Object.assign({}, figure.layout || {}, {width: el.clientWidth, height: el.clientHeight, autosize: false});
    window.Plotly.newPlot(el, figure.data || [], look,
      {displayModeBar: false, responsive: false, scrollZoom: false, doubleClick: false});
  }

  function go(i) {
    state.index = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (slide, n) { slide.classList.toggle("current", n === state.index); });
    var label = (state.index + 1) + " / " + slides.length;
    Array.prototype.forEach.call(document.querySelectorAll(".count"), function (el) { el.textContent = label; });
    var chart = slides[state.index].querySelector(".chart");
    if (chart) draw(chart);
    try { sessionStorage.setItem(storeKey, String(state.index)); } catch (e) { /* storage may be off */ }
  }

  function setBlack(on) {
    state.black = on;
    black.hidden = !on;
  }

  function setPaused(on) {
    state.paused = on;
    pausedNote.hidden = !on;
  }

  function fullscreenDoc() { return host ? host.document : document; }

  function toggleFullscreen() {
    var doc = fullscreenDoc();
    var el = frame || document.documentElement;
    if (doc.fullscreenElement) { doc.exitFullscreen(); return; }
    if (el.requestFullscreen) { el.requestFullscreen().catch(function () { /* refused: stay in the window */ }); }
  }

  function typing(target) {
    return !!(target && target.closest && target.closest(
      "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='combobox'], " +
      "[role='listbox'], [role='textbox'], [role='dialog']"));
  }

  function inSight() {  // at least half of the show is on the page's screen
    var box = frame.getBoundingClientRect();
    var seen = Math.min(box.bottom, host.innerHeight) - Math.max(box.top, 0);
    return box.height > 0 && seen >= 0.5 * Math.min(box.height, host.innerHeight);
  }

  function onKey(e, fromHost) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    var key = e.key;
    if (frame && !inSight()) return;  // scrolled away on the page: the keys are the page's
    if (fromHost) {
      if (state.paused || typing(e.target)) return;
      if ((key === " " || key === "Enter") && e.target && e.target.closest &&
          e.target.closest("button, a, summary, [role='button'], [role='tab'], [role='switch']")) return;
    }
    var next = key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === "n" || key === "N" ||
      (key === " " && !e.shiftKey);
    var prev = key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || key === "Backspace" ||
      key === "p" || key === "P" || (key === " " && e.shiftKey);
    var handled = true;
    if (key === "b" || key === "B" || key === ".") {
      setBlack(!state.black);
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
    } else if (key === "Escape") {
      setBlack(false);
      if (fullscreenDoc().fullscreenElement) { fullscreenDoc().exitFullscreen(); }
      else if (frame) { setPaused(true); }
      else { handled = false; }
    } else if (state.black && (next || prev || key === "Home" || key === "End" || key === "Enter")) {
      setBlack(false);
    } else if (/^[0-9]$/.test(key)) {
      state.digits = (state.digits + key).slice(-3);
    } else if (key === "Enter" && state.digits) {
      go(Number(state.digits) - 1);
      state.digits = "";
    } else if (next || key === "Enter") {
      go(state.index + 1);
    } else if (prev) {
      go(state.index - 1);
    } else if (key === "Home") {
      go(0);
    } else if (key === "End") {
      go(slides.length - 1);
    } else {
      handled = false;
    }
    if (!/^[0-9]$/.test(key) && key !== "Enter") state.digits = "";
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }

  document.addEventListener("keydown", function (e) { onKey(e, false); });
  if (host) {
    var hostDoc = host.document;
    var onHostKey = function (e) {
      if (!window.frameElement || !window.frameElement.isConnected) {  // the show left the page
        hostDoc.removeEventListener("keydown", onHostKey);
        return;
      }
      onKey(e, true);
    };
    hostDoc.addEventListener("keydown", onHostKey);
    window.addEventListener("pagehide", function () { hostDoc.removeEventListener("keydown", onHostKey); });
    document.addEventListener("pointerdown", function () { setPaused(false); });
  }

  var idle = null;
  document.addEventListener("mousemove", function () {
    document.body.classList.add("moving");
    document.body.classList.remove("idle");
    clearTimeout(idle);
    idle = setTimeout(function () { document.body.classList.remove("moving"); document.body.classList.add("idle"); },
      2500);
  });
  document.getElementById("controls").addEventListener("click", function (e) {
    var what = e.target.closest("button") && e.target.closest("button").getAttribute("data-do");
    if (what === "prev") go(state.index - 1);
    if (what === "next") go(state.index + 1);
    if (what === "full") toggleFullscreen();
  });

  window.addEventListener("resize", layout);
  layout();
  slides.forEach(fit);
  var start = 0;
  try { start = Number(sessionStorage.getItem(storeKey)) || 0; } catch (e) { start = 0; }
  go(start);

  function drawCharts() {  // plotly.js is in: the current slide's chart, then the others one by one
    state.library = true;
    var rest = Array.prototype.slice.call(document.querySelectorAll(".chart"));
    var current = slides[state.index].querySelector(".chart");
    if (current) draw(current);
    (function drawNext() {
      var el = rest.shift();
      if (!el) { document.body.setAttribute("data-ready", "1"); return; }
      draw(el);
      window.setTimeout(drawNext, 20);
    })();
  }

  var file = document.getElementById("plotly-file");
  if (file) {  // a deferred script: it runs after this one ("error": the server did not serve it)
    file.addEventListener("load", drawCharts);
    file.addEventListener("error", drawCharts);
  } else {
    window.setTimeout(function () {  // the embedded library, run once the first slide is on the screen
      var source = document.getElementById("plotly-source");
      if (source && !window.Plotly) {
        var run = document.createElement("script");
        run.textContent = source.textContent;
        document.head.appendChild(run);
      }
      drawCharts();
    }, 50);
  }

  window.shownAt = performance.now();
  window.show = {
    get index() { return state.index; }, get count() { return slides.length; },
    get black() { return state.black; }, get paused() { return state.paused; },
    get scale() { return state.scale; }, go: go
  };
})();
""".replace("__WIDTH__", str(WIDTH)).replace("__HEIGHT__", str(HEIGHT))
