"""The glossary: the definition of every number the dashboard shows."""

import streamlit as st

from analysis.glossary import GLOSSARY
from views._widgets import sample_banner

st.title("Słownik pojęć")
sample_banner()
st.write("Tak liczone są wszystkie liczby w panelu — te same definicje pokazują się jako podpowiedź (ikona ?) "
         "przy każdej liczbie.")
for term, text in GLOSSARY.values():
    st.markdown(f"**{term}** — {text}")
