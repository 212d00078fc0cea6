"""Sector participation: who takes part, in what balance, from where (per 10 000 residents, on the county's
map; the gmina table edited here), and who is missing."""

import pandas as pd
import streamlit as st

from analysis import charts, config, glossary, metrics
from analysis.display import figure_source, number, percent
from analysis.errors import UserError
from analysis.vocabulary import GMINA_LABELS, GMINAS, SECTOR_LABELS
from views._access import editing_allowed
from views._data import store
from views._widgets import chart, chart_or_note, no_people, page_header

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
chart_or_note(balance.empty, "Wśród wybranych uczestników nie ma nikogo z trzech sektorów (są tylko „Inne”).",
              lambda: charts.balance_chart(balance, labels), "balance")
st.caption(glossary.definition("balance"))

chart(charts.origin_chart(metrics.origin_by_workshop(view), labels), key="origin")
st.caption(glossary.definition("origin") + " Obwódką zaznaczono gminę gospodarza warsztatu.")

st.subheader(glossary.label("sector_gaps"), help=glossary.definition("sector_gaps"))
gaps = metrics.sector_gaps(view)
if gaps.empty:
    st.info("Do porównania potrzebne są co najmniej dwa odbyte warsztaty wśród wybranych.")
else:
    last = labels[view.held_selected[-1]]
    weak = metrics.sector_gaps_at_last(view)
    if weak.absent:
        st.warning(f"Na warsztacie {last} zabrakło: {', '.join(SECTOR_LABELS[c] for c in weak.absent)}.",
                   icon=":material/person_off:")
    if weak.under:
        st.warning("Słabo reprezentowane na warsztacie " + last + ": " + ", ".join(
            f"{SECTOR_LABELS[sector]} ({percent(at_last, 1)} wobec {percent(before, 1)} wcześniej)"
            for sector, at_last, before in weak.under) + ".", icon=":material/trending_down:")
    if not weak.absent and not weak.under:
        st.success(f"Na warsztacie {last} żaden sektor nie zniknął ani nie osłabł wyraźnie względem wcześniejszych.",
                   icon=":material/check_circle:")
    chart(charts.sector_gaps_chart(gaps, last), key="gaps")

# --- optional gender and age group: shares only, small groups suppressed -----------------------------------
st.subheader(glossary.label("attribute_shares"), help=glossary.definition("attribute_shares"))
attribute_shares = metrics.attribute_shares(view, config.min_group_size())
if attribute_shares.empty:
    st.info("Na listach obecności wybranych warsztatów nikt nie podał płci ani wieku (to dane dobrowolne: kolumny "
            "„Płeć” i „Grupa wieku” na liście albo pola w rejestracji przy wejściu).", icon=":material/wc:")
else:
    for attribute in ("gender", "age_group"):
        table = metrics.attribute_table(attribute_shares, attribute, labels)
        if not table.empty:
            st.dataframe(table, hide_index=True, width="stretch", key=f"attribute_{attribute}")
    st.caption("Udział wśród uczestników (liczba osób w nawiasie). „<3”: mniej niż 3 osoby; „ukryto”: grupa ukryta, "
               "by z sumy nie dało się odtworzyć małej grupy. Nigdy nie pokazujemy tych danych przy osobie.")

# --- participants per 10 000 residents, on the county's schematic map; the gmina table ----------------------
st.subheader(glossary.label("participants_per_10k"), help=glossary.definition("participants_per_10k"))
per_10k = metrics.participants_per_10k(view)
if per_10k["per_10k"].isna().all():
    st.info(charts.EMPTY["participants_per_10k"], icon=":material/map:")
else:
    chart(charts.per_10k_map(per_10k), key="per_10k")
    # written out in Polish (space for thousands, decimal comma), "—" where a figure does not exist
    st.dataframe(pd.DataFrame({
        "Gmina pochodzenia": [GMINA_LABELS.get(g, g) for g in per_10k["gmina"]],
        "Uczestnicy (osoby)": [number(int(n)) for n in per_10k["participants"]],
        "Mieszkańcy": ["—" if pd.isna(v) else number(int(v)) for v in per_10k["population"]],
        "Źródło liczby mieszkańców": [figure_source(s, y) or "—" for s, y in zip(per_10k["source"], per_10k["year"],
                                                                                  strict=True)],
        "Na 10 000 mieszkańców": ["bez przeliczenia" if pd.isna(v) else number(float(v), 1)
                                  for v in per_10k["per_10k"]],
    }), hide_index=True, width="stretch")
st.caption(glossary.definition("participants_per_10k"))

with st.expander(f"Tabela gmin cyklu {view.cycle} (liczba mieszkańców)", icon=":material/table_edit:"):
    current = metrics.gmina_table(view).set_index("gmina")
    table = pd.DataFrame({
        "gmina": list(GMINAS),
        "population": pd.array([current["population"].get(g) for g in GMINAS], dtype="Int64"),
        "year": pd.array([current["year"].get(g) for g in GMINAS], dtype="Int64"),
        "source": [str(current["source"].get(g) or "") for g in GMINAS],
    })
    st.caption("Liczby mieszkańców, z których liczymy uczestników na 10 000 mieszkańców. Tabelę można też wgrać "
               "jako plik na stronie „Import danych” (szablon jest tam do pobrania). Zapis to nowa partia — cofniesz "
               "ją na stronie „Historia importu”.")
    if editing_allowed():
        edited = st.data_editor(
            table, hide_index=True, width="stretch", key="gmina_editor", disabled=["gmina"],
            column_config={"gmina": st.column_config.SelectboxColumn("Gmina", options=list(GMINAS),
                                                                     format_func=GMINAS.get),
                           "population": st.column_config.NumberColumn("Liczba mieszkańców", min_value=1, step=1,
                                                                       format="%d"),
                           "year": st.column_config.NumberColumn("Rok danych", min_value=1990, max_value=2100,
                                                                 step=1, format="%d"),
                           "source": st.column_config.TextColumn("Źródło", help="np. GUS, Bank Danych Lokalnych")})
        if st.button("Zapisz tabelę gmin", type="primary", icon=":material/save:", key="gmina_save"):
            try:
                saved = store().save_gminas(view.cycle, edited)
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                st.session_state["gminas_saved"] = (f"Zapisano tabelę gmin cyklu {view.cycle} "
                                                    f"({saved.rows} gmin).")
                st.rerun()
for message in [st.session_state.pop("gminas_saved", None)]:
    if message:
        st.success(message, icon=":material/check_circle:")
