"""Cycle over cycle: two chosen cycles side by side, per workshop and per sector (the sidebar's gmina and
sector filters apply to both)."""

import streamlit as st

from analysis import charts, glossary, metrics
from analysis.display import number, signed
from views._widgets import chart, metric, page_header

view, labels = page_header("Cykl do cyklu")
options = metrics.filter_options(view.dataset).cycles
if len(options) < 2:
    st.info(charts.EMPTY["cycle_comparison"], icon=":material/compare_arrows:")
    st.stop()

other = metrics.other_cycle(view.dataset, view.cycle)
cols = st.columns(2)
first = cols[0].selectbox("Pierwszy cykl", options, index=options.index(min(view.cycle, other)), key="compare_first",
                         placeholder="Wybierz cykl")
second = cols[1].selectbox("Drugi cykl", options, index=options.index(max(view.cycle, other)), key="compare_second",
                          placeholder="Wybierz cykl")
if first == second:
    st.info("Wybierz dwa różne cykle, aby je porównać.", icon=":material/compare_arrows:")
    st.stop()

comparison = metrics.compare_cycles(view.dataset, first, second, view.filters)
rows = [("Warsztaty odbyte", "workshops_held"), ("Uczestnicy łącznie", "participants"),
        ("Unikalni uczestnicy", "unique_participants"), ("Instytucje", "institutions"),
        ("Propozycje", "proposals"), ("Wybrane do realizacji", "selected")]
cards = [*st.columns(3), *st.columns(3)]  # two rows of three: six in one row are cut at 1280 pixels
for card, (title, column) in zip(cards, rows, strict=True):
    before, after, change = comparison.change(column)
    with card:
        metric("cycle_comparison", f"{number(before)} → {number(after)}", delta=signed(change), label=title)
# lower than on a slide: at 1280×720 the bars and their numbers show under the cards without scrolling
chart(charts.cycle_workshops_chart(comparison.per_workshop, comparison.cycles, height=400), key="cycle_workshops")
chart(charts.cycle_sectors_chart(comparison.per_sector, comparison.cycles), key="cycle_sectors")
st.caption(glossary.definition("cycle_comparison"))
