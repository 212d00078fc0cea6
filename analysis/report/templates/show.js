(function () {
  "use strict";
  var W = {{ width }}, H = {{ height }};
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
