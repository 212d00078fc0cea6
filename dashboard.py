"""Entry point: page config, navigation over the views in ``views/``, the shared sidebar filters.

Run with ``streamlit run dashboard.py``.
"""

import streamlit as st

from views._data import sidebar_filters

st.set_page_config(
    page_title="Partnerstwo lokalne – powiat legionowski",
    page_icon=":material/groups:",
    layout="wide",
)

navigation = st.navigation(
    {
        "Analizy": [
            st.Page("views/przeglad.py", title="Przegląd", icon=":material/dashboard:", default=True),
            st.Page("views/uczestnictwo.py", title="Uczestnictwo sektorów", icon=":material/groups:"),
            st.Page("views/propozycje.py", title="Propozycje projektów", icon=":material/lightbulb:"),
            st.Page("views/postep.py", title="Postęp cyklu", icon=":material/timeline:"),
        ],
        "Dane": [
            st.Page("views/dane.py", title="Dane źródłowe", icon=":material/table_view:"),
            st.Page("views/slownik.py", title="Słownik pojęć", icon=":material/menu_book:"),
        ],
    }
)
st.session_state["filters"] = sidebar_filters()
st.sidebar.caption("Partnerstwo lokalne na rzecz ożywienia gospodarczego w powiecie legionowskim")
navigation.run()
