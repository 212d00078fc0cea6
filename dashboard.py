"""Entry point: page config and navigation over the views in ``pages/``.

Run with ``streamlit run dashboard.py``.
"""

import streamlit as st

st.set_page_config(
    page_title="Partnerstwo lokalne – powiat legionowski",
    page_icon=":material/groups:",
    layout="wide",
)

navigation = st.navigation(
    [
        st.Page("pages/dane.py", title="Dane źródłowe", icon=":material/table_view:", default=True),
    ]
)
st.sidebar.caption("Partnerstwo lokalne na rzecz ożywienia gospodarczego w powiecie legionowskim")
navigation.run()
