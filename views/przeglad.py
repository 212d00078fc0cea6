"""Overview: the cycle at a glance."""

import streamlit as st

from analysis import charts, metrics
from analysis.checkin import CheckIns
from analysis.display import counted, number, signed
from views import _checkin_live
from views._data import store
from views._styles import CHECKIN_LIVE_CSS, TURNOUT_CSS
from views._widgets import chart, metric, no_people, page_header

view, labels = page_header("Przegląd")
summary = metrics.overview(view)
arriving = CheckIns(store()).open_now(view.cycle)
if arriving:  # people checking in at the door now: their count, live
    st.html(f"<style>{TURNOUT_CSS}{CHECKIN_LIVE_CSS}</style>")
    for checkin in arriving:
        _checkin_live.overview_section(checkin)

row1 = st.columns(3)
with row1[0]:
    metric("workshops_held", f"{summary.workshops_held} z {summary.workshops_planned}")
with row1[1]:
    if summary.last_workshop is None:
        metric("participants_last", "—")
    else:
        delta = signed(summary.change_from_previous) if summary.change_from_previous is not None else None
        metric("participants_last", number(summary.participants_last), delta=delta,
               label=f"Uczestnicy ({labels[summary.last_workshop]})")
with row1[2]:
    metric("unique_participants", number(summary.unique_participants))
row2 = st.columns(3)
with row2[0]:
    metric("institutions", number(summary.institutions))
with row2[1]:
    metric("sectors_represented", f"{summary.sectors_represented} z {summary.sectors_total}")
with row2[2]:
    metric("proposals", number(summary.proposals))

chart(charts.timeline_chart(metrics.timeline(view), labels), key="timeline")

upcoming = metrics.next_workshop(view)
missing = metrics.missing_lists(view)
if upcoming is not None:
    when = upcoming.date.strftime("%d.%m.%Y") if hasattr(upcoming.date, "strftime") else "termin do ustalenia"
    where = f", {upcoming.venue}" if upcoming.venue else ""
    vote = (f" Do głosowania: {counted(upcoming.proposals_to_vote, 'propozycja', 'propozycje', 'propozycji')} "
            "z poprzednich warsztatów." if upcoming.proposals_to_vote else "")
    late = " Termin już minął, a lista obecności nie jest wgrana." if upcoming.status == "missing" else ""
    st.info(f"**Następny warsztat: {labels[upcoming.workshop]}** — {when}{where}.{late}{vote}", icon=":material/event:")
elif not missing:
    st.success("Wszystkie warsztaty cyklu już się odbyły.", icon=":material/flag:")
if missing:
    st.warning("Lista obecności nie jest wgrana, choć warsztat już się odbył: "
               + ", ".join(labels[w] for w in missing) + ". Bez niej liczby cyklu są niepełne.",
               icon=":material/assignment_late:")
    st.page_link("views/dane.py", label="Wgraj brakujące listy obecności", icon=":material/upload_file:")

per_workshop = metrics.participants_by_workshop(view)
if view.attendance.empty:
    st.info(no_people(view), icon=":material/filter_alt_off:")
else:
    chart(charts.participants_bar(per_workshop, labels), key="participants")
filtered = any((view.filters.workshops, view.filters.gminas, view.filters.sectors))
if filtered:
    st.caption("Liczby uwzględniają filtry z panelu bocznego; „Warsztaty odbyte” i oś czasu pokazują cały cykl.")
