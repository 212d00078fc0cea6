"""Project proposals: areas, workshops, groups, lead sectors, a searchable table, votes, statuses."""

import pandas as pd
import streamlit as st

from analysis import charts, glossary, metrics
from analysis.display import number, percent
from analysis.vocabulary import AREA_SHORT_LABELS, SECTOR_LABELS, STATUSES
from views._widgets import NO_PROPOSALS, chart, metric, page_header

view, labels = page_header("Propozycje projektów")

if view.proposals.empty:
    st.info(NO_PROPOSALS, icon=":material/filter_alt_off:")
    st.stop()
if view.filters.gminas:
    st.caption("Filtr gmin pochodzenia dotyczy uczestników, nie propozycji.")

chart(charts.area_chart(metrics.proposals_by_area(view)), key="areas")
st.caption(glossary.definition("proposals_by_area"))
chart(charts.area_by_workshop_chart(metrics.area_by_workshop(view), labels), key="area_workshop")
chart(charts.group_chart(metrics.proposals_by_group(view), labels), key="groups")
lead = metrics.lead_sector_by_area(view)
if lead.empty:
    st.info("Propozycje nie mają wpisanego podmiotu wiodącego, więc nie wiadomo, które sektory je prowadzą.")
else:
    chart(charts.lead_sector_chart(lead), key="lead")

# how sectors work together (issue 12): leads and partners of the proposals
st.subheader("Jak sektory współpracują")
spanned = metrics.multi_sector(view)
cols = st.columns(3)
with cols[0]:
    metric("proposals_multi_sector_2", percent(spanned.share_2 or 0.0), label="Co najmniej 2 sektory")
with cols[1]:
    metric("proposals_multi_sector_3", percent(spanned.share_3 or 0.0), label="Co najmniej 3 sektory")
with cols[2]:
    ei = metrics.ei_index(view)
    metric("ei_index", "—" if ei is None else number(ei, 2), label="Indeks E-I")
st.caption(f"Propozycje z podmiotem wiodącym i partnerami z co najmniej 2 sektorów: {spanned.at_least_2} "
           f"z {spanned.proposals}; z co najmniej 3 sektorów: {spanned.at_least_3} z {spanned.proposals}.")
chart(charts.multi_sector_chart(metrics.multi_sector_by(view, "area"), "area", labels), key="multi_area")
chart(charts.multi_sector_chart(metrics.multi_sector_by(view, "workshop"), "workshop", labels), key="multi_workshop")
st.caption(glossary.definition("proposals_multi_sector_2"))
matrix = metrics.sector_matrix(view)
if matrix.empty:
    st.info(charts.EMPTY["sector_pairs"])
else:
    chart(charts.sector_matrix_chart(matrix), key="sector_pairs")
st.caption(glossary.definition("sector_pairs"))
chart(charts.diversity_chart(metrics.ei_by_workshop(view), metrics.blau_by_workshop(view), labels), key="diversity")
st.caption(glossary.definition("ei_index") + " " + glossary.definition("blau_index"))

st.subheader("Wszystkie propozycje")
search_cols = st.columns([2, 1, 1])
text = search_cols[0].text_input("Szukaj w tytule, opisie, podmiocie i partnerach", key="proposal_search",
                                 placeholder="np. inkubator")
areas = search_cols[1].multiselect("Obszar", list(AREA_SHORT_LABELS), format_func=AREA_SHORT_LABELS.get,
                                   key="proposal_areas", placeholder="Wszystkie")
statuses = search_cols[2].multiselect("Status", list(STATUSES), format_func=STATUSES.get, key="proposal_statuses",
                                      placeholder="Wszystkie")
found = metrics.search_proposals(view, text, tuple(areas), tuple(statuses))
if found.empty:
    st.info("Żadna propozycja nie pasuje do wyszukiwania. Zmień tekst lub wybrane obszary i statusy.")
else:
    table = found.assign(
        workshop=found["workshop"].map(lambda w: labels.get(int(w), str(w))),
        area=found["area"].map(lambda a: AREA_SHORT_LABELS.get(a, "") if a == a and a is not None else ""),
        lead_sector=found["lead_sector"].map(lambda s: SECTOR_LABELS.get(s, "") if isinstance(s, str) else ""),
        status=found["status"].map(STATUSES.get),
        votes=[None if v is pd.NA else int(v) for v in found["votes"]],
        number=[None if v is pd.NA else int(v) for v in found["number"]],
    )[["workshop", "number", "group", "area", "title", "lead", "lead_sector", "partners", "votes", "status"]]
    st.dataframe(
        table, hide_index=True, width="stretch",
        column_config={
            "workshop": "Warsztat", "number": st.column_config.NumberColumn("Nr", format="%d"), "group": "Grupa",
            "area": "Obszar", "title": st.column_config.TextColumn("Tytuł", width="large"), "lead": "Podmiot wiodący",
            "lead_sector": "Sektor podmiotu", "partners": "Partnerzy",
            "votes": st.column_config.NumberColumn("Głosy", format="%d", help=glossary.definition("votes")),
            "status": "Status",
        },
    )
    st.caption(f"Pokazano {len(found)} z {len(view.proposals)} propozycji.")

ranking = metrics.ranking_by_votes(view)
if ranking.empty:
    st.info("Żadna z wybranych propozycji nie była jeszcze głosowana.")
else:
    chart(charts.ranking_chart(ranking, labels), key="ranking")
    st.caption(glossary.definition("votes"))
chart(charts.status_chart(metrics.proposals_by_status(view)), key="status")
