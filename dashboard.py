"""Entry point: page config, navigation over the views in ``views/``, the shared sidebar filters.

Run with ``streamlit run dashboard.py``.
"""

from pathlib import Path

import streamlit as st

from analysis.display import PARTNERSHIP
from views._access import may_view, viewing_allowed
from views._data import prepare_numbers, sidebar_filters
from views._session import freeze_startup_heap, watch_session
from views._voting import wants_ballot

freeze_startup_heap()  # once per process: Streamlit's collection after every run walks only what sessions make

st.set_page_config(
    page_title="Partnerstwo lokalne – powiat legionowski",
    # a file served by the dashboard itself: a ":material/…" favicon is fetched from a font server
    page_icon=str(Path(__file__).resolve().parent / "assets" / "icon.png"),
    layout="wide",
)

# our own CSS only: Streamlit's ~6rem above the title pushed the first chart below a projector's fold
st.html("<style>.stMainBlockContainer{padding-top:3.2rem}</style>")
watch_session()  # a closed browser's session is released soon, not when the server stops
voter = wants_ballot()  # a ballot card opens only its own ballot: no menu, no data, no password
navigation = st.navigation(
    {
        "Analizy": [
            st.Page("views/przeglad.py", title="Przegląd", icon=":material/dashboard:", default=True),
            st.Page("views/uczestnictwo.py", title="Uczestnictwo sektorów", icon=":material/groups:"),
            st.Page("views/propozycje.py", title="Propozycje projektów", icon=":material/lightbulb:"),
            st.Page("views/postep.py", title="Postęp cyklu", icon=":material/timeline:"),
            st.Page("views/zaproszenia.py", title="Kogo zaprosić", icon=":material/person_add:"),
            st.Page("views/cykle.py", title="Cykl do cyklu", icon=":material/compare_arrows:"),
            st.Page("views/prezentacja.py", title="Prezentacja i raporty", icon=":material/slideshow:"),
        ],
        "Warsztat": [
            st.Page("views/glosowanie.py", title="Głosowanie", icon=":material/how_to_vote:"),
        ],
        "Dane": [
            st.Page("views/dane.py", title="Import danych", icon=":material/upload_file:"),
            st.Page("views/historia.py", title="Historia importu", icon=":material/history:"),
            st.Page("views/slownik.py", title="Słownik pojęć", icon=":material/menu_book:"),
        ],
    },
    position="sidebar" if may_view() and not voter else "hidden",
)
if navigation.url_path == "glosowanie" and (voter or not may_view()):
    navigation.run()  # the voting page decides itself: a card's ballot, or the code box and the password
    st.stop()
if not viewing_allowed():
    st.stop()

st.session_state["filters"] = sidebar_filters()
st.sidebar.caption(PARTNERSHIP)
navigation.run()
prepare_numbers()  # once per dataset, after the page is drawn: every page's first numbers, in the background
