"""Presentation mode: the dashboard as a slide show for the projector, and the offline reports.

The slide comes first on the page (a projector shows 720 lines); the show's settings and the
report downloads are below it and keep their values in the session.
"""

import streamlit as st

from analysis import report
from analysis.charts import workshop_names
from views._data import chart, loaded, md, store


@st.cache_data(show_spinner="Przygotowywanie raportów…", max_entries=8)
def _reports(version: str, workshop: int, keys: tuple[str, ...]) -> tuple[bytes, bytes, bytes]:
    """The three reports, made once per state of the store (not on every click of "Następny")."""
    data = loaded()
    made = report.build(data, workshop, list(keys), sources=[b.as_dict() for b in store().history()])
    return report.to_html(made).encode("utf-8"), report.to_xlsx(made, data), report.to_pptx(made)


dataset = loaded()
names = workshop_names(dataset.workshops)
upcoming = report.for_workshop(dataset)[1]
options = sorted(set(names) | {upcoming})
workshop = st.session_state.get("show_workshop", upcoming)
keys = st.session_state.get("show_slides", list(report.SLIDES))
hide = st.session_state.get("show_fullscreen", True)
made = report.build(dataset, workshop if workshop in options else upcoming, keys)

# our own CSS only (no text from files): large type for the back of the hall
big = ("[data-testid='stMetricValue']{font-size:4rem;font-weight:800;color:#1f4e79;line-height:1.05}"
       "h1{font-size:2.4rem !important;padding:0 !important}h4{font-size:1.4rem !important}"
       ".block-container{padding-top:1rem !important}")
if hide:  # the sidebar out of the way on the projector
    big += "[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']{display:none}"
st.markdown(f"<style>{big}</style>", unsafe_allow_html=True)

if made.slides:
    index = min(st.session_state.get("slide_index", 0), len(made.slides) - 1)
    nav = st.columns([1, 6, 1])
    if nav[0].button("◀ Poprzedni", disabled=index == 0, width="stretch", key="slide_prev"):
        index -= 1
    if nav[2].button("Następny ▶", disabled=index == len(made.slides) - 1, width="stretch", key="slide_next"):
        index += 1
    st.session_state["slide_index"] = index
    sample = " · Dane przykładowe (osoby zmyślone)" if dataset.is_sample else ""
    nav[1].caption(f"Slajd {index + 1} z {len(made.slides)} · warsztat {made.workshop_name}{sample} · "
                   "ustawienia pokazu i raporty pod slajdem")
    slide = made.slides[index]
    st.title(slide.title)
    st.metric(slide.title, slide.headline, label_visibility="collapsed")
    st.markdown(f"#### {md(slide.message)}")
    if slide.figure is not None:
        slide.figure.update_layout(height=360, font={"size": 20}, title={"text": ""}, margin={"t": 10, "b": 10})
        chart(slide.figure, key=f"chart_of_slide_{slide.key}")
    else:
        st.info("Brak danych do wykresu na tym slajdzie.")
    if slide.key == "vote" and slide.items:
        st.dataframe({"Propozycje do głosowania": slide.items}, hide_index=True, width="stretch")
else:
    st.info("Nie wybrano żadnego slajdu. Wybierz slajdy w ustawieniach pokazu poniżej.")

st.divider()
st.toggle("Ukryj panel boczny (na rzutnik)", value=True, key="show_fullscreen",
          help="Wyłącz, aby wrócić do menu i filtrów. Pokaz nie używa filtrów: pokazuje cały cykl "
               "do wybranego warsztatu.")
with st.expander("Ustawienia pokazu i raporty (warsztat, slajdy, pobieranie)", expanded=False):
    cols = st.columns(2)
    cols[0].selectbox("Warsztat, na którym pokazujesz", options, index=options.index(made.workshop)
                      if made.workshop in options else 0,
                      format_func=lambda w: names.get(w, f"{w}."), key="show_workshop")
    cols[1].multiselect("Slajdy", list(report.SLIDES), default=list(report.SLIDES),
                        format_func=report.SLIDES.get, key="show_slides")
    html, xlsx, pptx = _reports(store().version(), made.workshop, tuple(keys))
    downloads = st.columns(3)
    stem = f"partnerstwo_warsztat_{made.workshop}"
    downloads[0].download_button("Raport HTML (offline)", html, file_name=f"{stem}.html", mime="text/html",
                                 icon=":material/download:")
    downloads[1].download_button("Raport Excel", xlsx, file_name=f"{stem}.xlsx",
                                 mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 icon=":material/download:")
    downloads[2].download_button("Prezentacja PowerPoint", pptx, file_name=f"{stem}.pptx",
                                 mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                 icon=":material/download:")
