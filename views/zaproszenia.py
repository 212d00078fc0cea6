"""Whom to invite next: sectors and gminas below their reference, the office's target mix, the
institutions that stopped coming (a downloadable list; institutions, never people)."""

import pandas as pd
import streamlit as st

from analysis import charts, glossary, metrics
from analysis.display import counted, percent_points, share, share_of_points
from analysis.errors import UserError
from analysis.report import INVITE_COLUMNS, invite_table, invite_xlsx
from analysis.vocabulary import GMINA_LABELS, SECTOR_LABELS
from views._access import editing_allowed
from views._data import store
from views._widgets import chart, page_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_LABELS = {"sector": ("Sektor", SECTOR_LABELS, metrics.NAMED_SECTORS),
               "gmina": ("Gmina pochodzenia", GMINA_LABELS, metrics.INVITE_GMINAS)}

view, labels = page_header("Kogo zaprosić")
for message in st.session_state.pop("targets_done", []):
    st.success(message, icon=":material/check_circle:")

upcoming = metrics.invite_for(view)
held = view.held_selected
if not held:
    st.info(charts.EMPTY["invite"], icon=":material/filter_alt_off:")
    st.stop()
last_name = labels[held[-1]]
next_name = labels.get(upcoming, "") if upcoming else ""
if upcoming:
    st.markdown(f"Przed warsztatem **{next_name}**: kogo było mniej na ostatnim warsztacie ({last_name}) niż "
                "w odniesieniu — w udziale docelowym biura albo w całym dotychczasowym cyklu.")
else:
    st.markdown(f"Ostatni odbyty warsztat ({last_name}) zamyka cykl; porównanie pomoże zaprosić na kolejny cykl.")
if view.filters.gminas or view.filters.sectors:
    st.caption("Filtry gmin i sektorów nie zmieniają tej strony: porównanie dotyczy wszystkich uczestników.")



def representation(kind: str, label: str, definition: str) -> None:
    """One kind's section: the weak ones named, the chart, the definition."""
    st.subheader(label, help=definition)
    frame = metrics.representation(view, kind)
    _, names_of, _ = KIND_LABELS[kind]
    weak = frame[frame["status"] != "ok"]
    if weak.empty:
        st.success(f"Na warsztacie {last_name} nikogo nie zabrakło względem odniesienia.",
                   icon=":material/check_circle:")
    else:
        st.warning("Zaproś więcej: " + ", ".join(
            f"{names_of.get(r.code, r.code)} ({share(r.last_share)} wobec {share(r.reference)}"
            + (f", brakuje {counted(int(r.shortfall), 'osoby', 'osób', 'osób')}" if r.shortfall else "") + ")"
            for r in weak.itertuples()) + ".", icon=":material/person_add:")
    chart(charts.invite_chart(frame, kind, last_name, next_name or "kolejny"), key=f"invite_{kind}")
    st.caption(definition)


representation("sector", glossary.label("invite_sectors"), glossary.definition("invite_sectors"))
representation("gmina", glossary.label("invite_gminas"), glossary.definition("invite_gminas"))

with st.expander(glossary.label("targets"), icon=":material/target:"):
    st.caption(glossary.definition("targets"))
    if editing_allowed():
        tabs = st.tabs(["Sektory", "Gminy"])
        for tab, kind in zip(tabs, ("sector", "gmina"), strict=True):
            heading, names_of, codes = KIND_LABELS[kind]
            saved = metrics.targets(view, kind)
            table = pd.DataFrame({"code": list(codes), heading: [names_of[c] for c in codes],
                                  "Udział docelowy (%)": [percent_points(saved[c]) if c in saved else None
                                                          for c in codes]})
            with tab:
                edited = st.data_editor(
                    table, hide_index=True, width="stretch", key=f"targets_{kind}", disabled=["code", heading],
                    column_config={"code": None, "Udział docelowy (%)": st.column_config.NumberColumn(
                        min_value=0.0, max_value=100.0, step=0.5, format="%.1f",
                        help="Puste pole: bez celu (porównanie z dotychczasowym cyklem).")})
                if st.button("Zapisz udziały docelowe", key=f"targets_save_{kind}", icon=":material/save:"):
                    shares = {code: share_of_points(value) for code, value in
                              zip(edited["code"], edited["Udział docelowy (%)"], strict=True) if pd.notna(value)}
                    try:
                        store().save_targets(str(view.cycle), kind, shares)
                    except UserError as exc:
                        st.error(exc.message, icon=":material/error:")
                    else:
                        st.session_state["targets_done"] = [f"Zapisano udziały docelowe ({heading.lower()}) "
                                                            f"dla cyklu {view.cycle}."]
                        st.rerun()

st.subheader(glossary.label("invite_institutions"), help=glossary.definition("invite_institutions"))
gone = metrics.invite_institutions(view)
if gone.empty:
    st.info(charts.EMPTY["invite_institutions"], icon=":material/check_circle:")
else:
    st.markdown(f"Nie było ich na warsztacie {last_name}: "
                f"{counted(len(gone), 'instytucja', 'instytucje', 'instytucji')}.")
    # widths that add up to the page's width at 1280 pixels (no column cut off at the edge), the count
    # before the list of workshops, the one cell that may be long
    widths = dict(zip(INVITE_COLUMNS, (215, 185, 90, 165, 130), strict=True))
    st.dataframe(invite_table(gone, labels), hide_index=True, width="stretch",
                 column_order=[*INVITE_COLUMNS[:3], INVITE_COLUMNS[4], INVITE_COLUMNS[3]],
                 column_config={name: st.column_config.Column(width=px) for name, px in widths.items()})
    heading = (f"Instytucje do ponownego zaproszenia na warsztat {next_name}" if next_name else
               "Instytucje do ponownego zaproszenia") + f" (cykl {view.cycle})"
    st.download_button("Pobierz listę (xlsx)", lambda: invite_xlsx(gone, labels, heading),
                       file_name=f"kogo_zaprosic_{view.cycle}.xlsx", mime=XLSX, icon=":material/download:",
                       key="invite_download")
st.caption(glossary.definition("invite_institutions"))
