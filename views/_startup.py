"""What the entry script draws before it imports the data and analysis modules.

Light on purpose: Streamlit, the standard library and the CSS of ``views._styles`` only.
``dashboard.py`` calls these first, and imports pandas, SQLAlchemy and Arrow (about 1.5 s of an office
PC's processor) only afterwards.

Why the order matters: the browser loads Streamlit's chart library (4.7 MB of JavaScript, about 2 s
of a slow processor) only when the first chart reaches it. Sent first, a hidden one-bar chart makes
the browser load the library while the server is still importing and reading the data, so on the
first opening after a start (the projector in a hall) the first real chart is drawn at once, not
two seconds after it arrives (``benchmarks/cold_start.py`` at a million rows: 9.7 s → 5.9 s, against a
hello-world app's 5.3 s).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from views._styles import page_css  # the colours of analysis.display only, like this module

ICON = Path(__file__).resolve().parents[1] / "assets" / "icon.png"
PRELOAD_KEY = "chart-library-preload"
PRELOAD_META = "chart-library-preload"  # in the hidden chart's layout: tests tell it from the page's charts
PAGE_CSS = page_css(PRELOAD_KEY)


def configure_page() -> None:
    """The browser tab's title and icon, the wide layout, the page's own CSS."""
    st.set_page_config(
        page_title="Partnerstwo lokalne – powiat legionowski",
        # a file served by the dashboard itself: a ":material/…" favicon is fetched from a font server
        page_icon=str(ICON),
        layout="wide",
    )
    st.html(PAGE_CSS)


def preload_chart_library() -> None:
    """A hidden chart of one bar, so the browser starts loading its chart library now (see the module's text).

    Sent on every run, first, so the page's own elements keep their places between runs. Hidden by its
    key (``PAGE_CSS``) on its element's own box: a hidden container would still leave a gap above the title.
    Not for a voter's phone: a ballot has no charts, and a phone on the hall's Wi-Fi need not load them.
    """
    st.plotly_chart({"data": [{"type": "bar", "x": [0], "y": [0]}], "layout": {"height": 10, "meta": PRELOAD_META}},
                    config={"staticPlot": True, "displayModeBar": False}, key=PRELOAD_KEY)
