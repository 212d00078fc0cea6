"""Progress of the cycle: participants, newcomers and returning people, flow, proposals, what remains."""

import streamlit as st

from analysis import charts, glossary, metrics
from analysis.display import number
from views._widgets import chart, chart_or_note, chart_or_sentence, metric, no_people, page_header

view, labels = page_header("Postęp cyklu")

left_over = metrics.remaining(view)
cols = st.columns(3)
with cols[0]:
    metric("remaining", number(left_over.workshops_left), label="Warsztaty do końca cyklu")
with cols[1]:
    metric("remaining", labels[left_over.planned[0]] if left_over.planned else "—", label="Następny warsztat")
with cols[2]:
    metric("remaining", number(left_over.proposals_to_vote), label="Do głosowania (cały cykl)")

if view.attendance.empty:
    st.info(no_people(view), icon=":material/filter_alt_off:")
else:
    chart(charts.participants_bar(metrics.participants_by_workshop(view), labels), key="participants")
    st.caption(glossary.definition("participants"))
    chart(charts.cumulative_chart(metrics.cumulative_unique(view), labels), key="cumulative")
    st.caption(glossary.definition("cumulative_unique"))
    chart(charts.new_returning_chart(metrics.new_and_returning(view), labels), key="new_returning")
    st.caption(glossary.definition("returning_participants"))
    moves = metrics.flow(view)
    chart_or_note(moves.empty, "Przepływ między warsztatami widać, gdy wybrano co najmniej dwa odbyte warsztaty.",
                  lambda: charts.flow_chart(moves, labels), "flow")
    st.caption(glossary.definition("flow"))

    # who comes back: of those at a workshop, how many came to each later one
    st.subheader("Kto wraca")
    people, institutions = metrics.cohort(view), metrics.cohort_institutions(view)
    if people.empty:
        st.info(charts.EMPTY["cohort"])
    else:
        chart(charts.cohort_chart(people, labels, "people"), key="cohort")
        st.caption(glossary.definition("cohort"))
        chart(charts.cohort_chart(institutions, labels, "institutions"), key="cohort_institutions")
        st.caption(glossary.definition("cohort_institutions"))
    rates = metrics.return_rate_by_sector(view)
    chart_or_sentence(rates.empty, "return_rate", lambda: charts.return_rate_chart(rates), "return_rate",
                      icon=":material/info:")
    st.caption(glossary.definition("return_rate_by_sector"))

if view.proposals.empty:
    st.info("Brak propozycji dla wybranych warsztatów i sektorów.")
else:
    chart(charts.proposals_cumulative_chart(metrics.proposals_cumulative_by_area(view), labels), key="proposals")
