"""Presentation mode: the slide show for the projector, with its settings and the reports below it.

The show (``analysis.report.show``) is one self-contained HTML document in a same-origin iframe that
fills the screen: slides change in the browser (keyboard, a presenter's remote), never through a
rerun, and the keys work as soon as the page opens. It is built once per state of the store and
choice of workshop and slides (cached); on a rerun the browser already holds it (Streamlit sends
a cached element by reference). plotly.js comes from the app's static folder as a file the
browser caches (``_plotly_src``); the downloadable show is the same document with it embedded.
"""

from pathlib import Path

import streamlit as st

from analysis import report
from analysis.display import workshop_names
from analysis.voting.ballot_box import Votes
from views._data import current_view, loaded, store
from views._styles import show_css
from views._widgets import sample_banner

SHOW_TITLE = "Pokaz slajdów"
STATIC = Path(__file__).resolve().parents[1] / "static"  # served at app/static (server.enableStaticServing)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

@st.cache_resource(show_spinner=False)
def _plotly_src() -> str | None:
    """plotly.js as a file the server serves (relative to the page), or None to embed it in the show.

    Embedded, its 4.6 MB travel inside the page's first message and hold the show back for
    seconds; served as a file, the browser fetches it once and caches it.
    """
    if not st.get_option("server.enableStaticServing"):
        return None
    name = report.publish_plotly(STATIC)
    return f"app/static/{name}" if name else None


@st.cache_resource(show_spinner="Przygotowywanie pokazu…", max_entries=4)
def _show(version: str, workshop: int, keys: tuple[str, ...], closed: tuple[str, ...],
          cycle: str | None = None) -> tuple[report.Report, str]:
    """The slides and the show, made once per state of the store (``version``), of its closed votes and settings."""
    data = loaded()
    made = report.build(data, workshop, list(keys), cycle=cycle, sources=[b.as_dict() for b in store().history()],
                        votes=Votes(store()))
    return made, report.to_show(made, sample=data.is_sample, plotly_src=_plotly_src())


dataset = loaded()
cycle = current_view().cycle  # the sidebar's cycle: the show is of the cycle chosen there
names = workshop_names(dataset.workshops[dataset.workshops["cycle"] == cycle])
upcoming = report.for_workshop(dataset, cycle=cycle)[1]
options = sorted(set(names) | {upcoming})
workshop = st.session_state.get("show_workshop", upcoming)
workshop = workshop if workshop in options else upcoming
keys = [k for k in st.session_state.get("show_slides", list(report.SLIDES)) if k in report.SLIDES]

st.html(show_css(SHOW_TITLE, st.session_state.get("show_fullscreen", True)))  # the sidebar off on the projector

made = None
page = ""
if keys:
    closed = tuple(f"{v.id}@{v.closed_at}" for v in Votes(store()).all() if v.closed_at)  # a vote closed: a new show
    made, page = _show(store().version(), workshop, tuple(keys), closed, cycle)
    st.iframe(page, height=720, alt=SHOW_TITLE)
else:
    st.info("Nie wybrano żadnego slajdu. Wybierz slajdy w ustawieniach pokazu poniżej.")

with st.container(key="show_settings"):
    st.title("Prezentacja i raporty")
    sample_banner()
    st.caption("Pokaz powyżej wypełnia ekran rzutnika. Klawisze (także pilota): → / PageDown / spacja — dalej, "
               "← / PageUp — wstecz, Home / End — pierwszy / ostatni slajd, B lub kropka — czarny ekran, "
               "F — pełny ekran, Esc — wyjście z pełnego ekranu, a poza nim oddanie klawiszy stronie "
               "(kliknięcie slajdu przywraca sterowanie). Z filtrów w panelu bocznym pokaz bierze tylko cykl: "
               "pokazuje cały ten cykl do wybranego warsztatu.")
    cols = st.columns([1, 2, 1])
    cols[0].selectbox("Warsztat, na którym pokazujesz", options, index=options.index(workshop),
                      format_func=lambda w: names.get(w, f"{w}."), key="show_workshop",
                      placeholder="Wybierz warsztat")
    cols[1].multiselect("Slajdy", list(report.SLIDES), default=list(report.SLIDES),
                        format_func=lambda k: report.SLIDES[k].title, key="show_slides",
                        placeholder="Wybierz slajdy")
    cols[2].toggle("Ukryj panel boczny (na rzutnik)", value=True, key="show_fullscreen",
                   help="Wyłącz, aby wrócić do menu i filtrów.")
    if made is not None:
        stem = f"partnerstwo_warsztat_{made.workshop}"
        shown = made
        downloads = st.columns(4)
        sample = dataset.is_sample
        downloads[0].download_button("Pokaz slajdów (HTML, offline)",
                                     lambda: report.to_show(shown, sample=sample).encode("utf-8"),
                                     file_name=f"{stem}_pokaz.html", mime="text/html", on_click="ignore",
                                     icon=":material/slideshow:",
                                     help="Ten sam pokaz w jednym pliku: otwórz go w przeglądarce na dowolnym "
                                          "laptopie, bez internetu; te same klawisze.")
        downloads[1].download_button("Raport HTML (offline)", lambda: report.to_html(shown).encode("utf-8"),
                                     file_name=f"{stem}.html", mime="text/html", on_click="ignore",
                                     icon=":material/download:")
        downloads[2].download_button("Raport Excel", lambda: report.to_xlsx(shown),
                                     file_name=f"{stem}.xlsx", mime=XLSX, on_click="ignore",
                                     icon=":material/download:")
        downloads[3].download_button("Prezentacja PowerPoint", lambda: report.to_pptx(shown),
                                     file_name=f"{stem}.pptx", mime=PPTX, on_click="ignore",
                                     icon=":material/download:")
    st.download_button("Ocena partnerstwa za cykl (HTML do druku)",
                       lambda: report.evaluation_html(report.build_evaluation(
                           dataset, cycle, [b.as_dict() for b in store().history()], Votes(store()))).encode("utf-8"),
                       file_name=f"ocena_partnerstwa_{cycle}.html", mime="text/html", on_click="ignore",
                       icon=":material/print:",
                       help="Roczna ocena partnerstwa za cały cykl wybrany w panelu bocznym: podsumowanie, "
                            "uczestnictwo, powroty, współpraca sektorów, od propozycji do projektu, głosowania "
                            "z zasadą 49% i cykl obok poprzedniego. Otwórz plik w przeglądarce i wydrukuj go "
                            "(Ctrl+P, „Zapisz jako PDF”): każdy rozdział zaczyna się na nowej stronie.")
