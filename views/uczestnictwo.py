"""Sector participation: who takes part, in what balance, from where, and who is missing."""

import streamlit as st

from analysis import charts, glossary, metrics
from analysis.display import percent
from analysis.vocabulary import SECTOR_LABELS
from views._widgets import chart, no_people, page_header

view, labels = page_header("Uczestnictwo sektorów")

if view.attendance.empty:
    st.info(no_people(view), icon=":material/filter_alt_off:")
    st.stop()

mode = st.segmented_control("Pokaż", ["liczby", "udziały"], default="liczby", key="sector_mode",
                            help=glossary.definition("sector_share"))
chart(charts.sector_by_workshop_chart(metrics.sector_by_workshop(view), labels, shares=mode == "udziały"),
      key="by_workshop")

chart(charts.sector_share_chart(metrics.sector_share_cycle(view)), key="share")
st.caption(glossary.definition("sector_share"))
balance = metrics.balance_by_workshop(view)
if balance.empty:
    st.info("Wśród wybranych uczestników nie ma nikogo z trzech sektorów (są tylko „Inne”).")
else:
    chart(charts.balance_chart(balance, labels), key="balance")
st.caption(glossary.definition("balance"))

chart(charts.origin_chart(metrics.origin_by_workshop(view), labels), key="origin")
st.caption(glossary.definition("origin") + " Obwódką zaznaczono gminę gospodarza warsztatu.")

st.subheader(glossary.label("sector_gaps"), help=glossary.definition("sector_gaps"))
gaps = metrics.sector_gaps(view)
if gaps.empty:
    st.info("Do porównania potrzebne są co najmniej dwa odbyte warsztaty wśród wybranych.")
else:
    last = labels[view.held_selected[-1]]
    absent = [SECTOR_LABELS[c] for c in gaps.loc[gaps["status"] == "absent", "sector"]]
    under = gaps[gaps["status"] == "under"]
    if absent:
        st.warning(f"Na warsztacie {last} zabrakło: {', '.join(absent)}.", icon=":material/person_off:")
    if not under.empty:
        st.warning("Słabo reprezentowane na warsztacie " + last + ": " + ", ".join(
            f"{SECTOR_LABELS[r.sector]} ({percent(r.share_last, 1)} wobec {percent(r.share_before, 1)} wcześniej)"
            for r in under.itertuples()) + ".", icon=":material/trending_down:")
    if not absent and under.empty:
        st.success(f"Na warsztacie {last} żaden sektor nie zniknął ani nie osłabł wyraźnie względem wcześniejszych.",
                   icon=":material/check_circle:")
    chart(charts.sector_gaps_chart(gaps, last), key="gaps")
