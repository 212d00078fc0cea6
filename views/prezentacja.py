"""Presentation mode: the dashboard as a slide show for the projector, and the offline reports.

The slide comes first on the page (a projector shows 720 lines); the show's settings and the
report downloads are below it and keep their values in the session.
"""

import logging

import streamlit as st

from analysis import report
from analysis.charts import workshop_names
from views._data import chart, loaded, md, store

# format: button label, MIME type, the sentence shown instead of the button when the report fails
DOWNLOADS = {
    "html": ("Raport HTML (offline)", "text/html",
             "Nie udało się przygotować raportu HTML z obecnych danych."),
    "xlsx": ("Raport Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "Nie udało się przygotować raportu Excel z obecnych danych."),
    "pptx": ("Prezentacja PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "Nie udało się przygotować prezentacji PowerPoint z obecnych danych."),
}


@st.cache_data(show_spinner="Przygotowywanie raportów…", max_entries=8)
def _reports(version: str, workshop: int, keys: tuple[str, ...]) -> dict[str, bytes | None]:
    """The reports, made once per state of the store (not on every click of "Następny").

    A report that cannot be made is None: its sentence replaces its button, the others stay.
    """
    data = loaded()
    writers = {"html": lambda made: report.to_html(made).encode("utf-8"),
               "xlsx": lambda made: report.to_xlsx(made, data), "pptx": report.to_pptx}
    try:
        made = report.build(data, workshop, list(keys), sources=[b.as_dict() for b in store().history()])
    except Exception:  # noqa: BLE001 - no traceback on the page; each report says it is missing
        logging.getLogger(__name__).exception("reports for workshop %s", workshop)
        return dict.fromkeys(writers)
    out: dict[str, bytes | None] = {}
    for fmt, write in writers.items():
        try:
            out[fmt] = write(made)
        except Exception:  # noqa: BLE001 - one report failing must not take the other buttons away
            logging.getLogger(__name__).exception("%s report for workshop %s", fmt, workshop)
            out[fmt] = None
    return out


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
    files = _reports(store().version(), made.workshop, tuple(keys))
    stem = f"partnerstwo_warsztat_{made.workshop}"
    for column, (fmt, (label, mime, failed)) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS.items(), strict=True):
        if files.get(fmt) is None:
            column.warning(f"{failed} Pozostałe raporty można pobrać; zgłoś ten problem administratorowi.",
                           icon=":material/error:")
        else:
            column.download_button(label, files[fmt], file_name=f"{stem}.{fmt}", mime=mime,
                                   icon=":material/download:")
