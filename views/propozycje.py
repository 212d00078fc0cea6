"""Project proposals: areas, workshops, groups, lead sectors, a searchable table, votes, statuses, and the way
from idea to project (stages reached, statuses over time, votes' spread, one proposal's history, a new status)."""

import datetime as dt

import pandas as pd
import streamlit as st

from analysis import charts, glossary, metrics
from analysis.dataset import whole_or_none
from analysis.display import number, percent
from analysis.errors import UserError
from analysis.vocabulary import AREA_SHORT_LABELS, SECTOR_LABELS, STATUSES
from views._access import editing_allowed
from views._data import store
from views._widgets import NO_PROPOSALS, chart, chart_or_note, chart_or_sentence, metric, page_header

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

# how sectors work together: leads and partners of the proposals
st.subheader("Jak sektory współpracują")
spanned = metrics.multi_sector(view)
partnered = metrics.proposals_with_partners(view)
if spanned.proposals and not partnered:
    st.info(charts.EMPTY["no_partners"], icon=":material/group_off:")
cols = st.columns(3) if partnered else []
if partnered:  # without any partner every share is 0% and the matrix empty: the sentence above says why
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
    chart(charts.multi_sector_chart(metrics.multi_sector_by(view, "workshop"), "workshop", labels),
          key="multi_workshop")
    st.caption(glossary.definition("proposals_multi_sector_2"))
    matrix = metrics.sector_matrix(view)
    chart_or_sentence(matrix.empty, "sector_pairs", lambda: charts.sector_matrix_chart(matrix), "sector_pairs",
                      icon=":material/info:")
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
        area=[AREA_SHORT_LABELS.get(whole_or_none(a) or 0, "") for a in found["area"]],
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
chart_or_note(ranking.empty, "Żadna z wybranych propozycji nie była jeszcze głosowana.",
              lambda: charts.ranking_chart(ranking, labels), "ranking", caption=glossary.definition("votes"))
chart(charts.status_chart(metrics.proposals_by_status(view)), key="status")

# --- from idea to project: stages reached, statuses over time, votes' spread, one proposal's history ------
st.subheader(glossary.label("status_reached"), help=glossary.definition("status_reached"))
reached = metrics.status_reached_by_area(view)
chart_or_sentence(not reached["proposals"].any(), "status_reached", lambda: charts.status_reached_chart(reached),
                  "reached")
st.caption(glossary.definition("status_reached"))
over_time = metrics.status_over_time(view)
chart_or_sentence(over_time.empty, "status_over_time", lambda: charts.status_over_time_chart(over_time), "over_time")
st.caption(glossary.definition("status_over_time"))

spread = metrics.votes_spread(view)
if spread.empty:
    st.info(charts.EMPTY["votes_spread"], icon=":material/hourglass_empty:")
else:
    chart(charts.votes_spread_chart(spread), key="spread")
    # written out in Polish, one decimal everywhere (quartiles fall between two proposals' votes)
    st.dataframe(pd.DataFrame({
        "Obszar": [AREA_SHORT_LABELS.get(a, "Wszystkie obszary") for a in spread["area"]],
        "Propozycje z głosami": [number(int(v)) for v in spread["proposals"]],
        "Głosy razem": [number(int(v)) for v in spread["total"]],
        "Najmniej": [number(int(v)) for v in spread["lowest"]],
        "Dolny kwartyl": [number(float(v), 1) for v in spread["q1"]],
        "Mediana": [number(float(v), 1) for v in spread["median"]],
        "Górny kwartyl": [number(float(v), 1) for v in spread["q3"]],
        "Najwięcej": [number(int(v)) for v in spread["highest"]],
        "Średnia": [number(float(v), 1) for v in spread["mean"]],
    }), hide_index=True, width="stretch")
st.caption(glossary.definition("votes_spread"))

st.subheader(glossary.label("status_history"), help=glossary.definition("status_history"))
history = metrics.status_history(view)
titles = metrics.history_titles(view)
keys = list(titles)


def _proposal_name(key: tuple[int, int]) -> str:
    return f"{labels.get(key[0], key[0])}, nr {key[1]}: {titles.get(key, '')[:80]}"


picked = st.selectbox("Propozycja", keys, format_func=_proposal_name, key="history_proposal",
                      placeholder="Wybierz propozycję") if keys else None
if picked is not None:
    steps = history[(history["workshop"] == picked[0]) & (history["number"] == picked[1])]
    st.dataframe(pd.DataFrame({"Data": [d.strftime("%d.%m.%Y") if hasattr(d, "strftime") else "—"
                                        for d in steps["date"]],
                               "Status": [STATUSES.get(s, s) for s in steps["status"]]}),
                 hide_index=True, width="content")
st.caption(glossary.definition("status_history"))

with st.expander("Zapisz nowy status propozycji", icon=":material/edit_note:"):
    if editing_allowed() and keys:
        with st.form("status_change"):
            chosen = st.selectbox("Propozycja", keys, format_func=_proposal_name, key="status_proposal",
                                  placeholder="Wybierz propozycję")
            new_status = st.selectbox("Nowy status", list(STATUSES), format_func=STATUSES.get, key="status_new",
                                      placeholder="Wybierz status",
                                      index=list(STATUSES).index("in_progress"))
            day = st.date_input("Data zmiany statusu", value=dt.date.today(), format="DD.MM.YYYY", key="status_day")
            if st.form_submit_button("Zapisz status", type="primary", icon=":material/save:"):
                try:
                    saved = store().save_status(view.cycle, chosen[0], chosen[1], new_status, day)
                except UserError as exc:
                    st.error(exc.message, icon=":material/error:")
                else:
                    st.session_state["status_saved"] = (f"Zapisano status „{STATUSES[new_status]}” z dniem "
                                                        f"{day:%d.%m.%Y} ({saved.file}). Wcześniejszy status został "
                                                        "w historii; zmianę cofniesz na stronie „Historia importu”.")
                    st.rerun()
for message in [st.session_state.pop("status_saved", None)]:
    if message:
        st.success(message, icon=":material/check_circle:")
