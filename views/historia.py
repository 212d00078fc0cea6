"""Import history: every saved batch, with undo; and the removal of the sample data."""

import streamlit as st

from analysis.errors import UserError
from analysis.formatting import counted
from analysis.vocabulary import KIND_LABELS
from views._access import editing_allowed
from views._data import md, sample_banner, store

st.title("Historia importu")
sample_banner()
st.write("Każdy zapisany plik (a w nim każdy arkusz) to osobna partia. Cofnięcie partii usuwa z magazynu "
         "wszystko, co z niej pochodzi; pozostałe dane zostają bez zmian.")
batches = store().history()
if not batches:
    st.info("Magazyn jest pusty. Dane dodasz na stronie „Import danych”.", icon=":material/inbox:")
    st.stop()

allowed = editing_allowed()
if any(b.is_sample for b in batches):
    with st.container(border=True):
        st.markdown("**Dane przykładowe** (cykl 2018, osoby zmyślone) są teraz w magazynie.")
        if allowed and st.button("Usuń dane przykładowe", icon=":material/delete:", key="remove_sample"):
            removed = store().remove_sample()
            st.success(f"Usunięto dane przykładowe ({removed} partii).")
            st.rerun()

for batch in batches:
    with st.container(border=True):
        cols = st.columns([5, 1])
        workshop = f", warsztat {batch.workshop}" if batch.workshop else ""
        sample = " · dane przykładowe" if batch.is_sample else ""
        cols[0].markdown(f"**{md(batch.file)}** — arkusz „{md(batch.sheet)}”: {KIND_LABELS[batch.kind]}{workshop}, "
                         f"{counted(batch.rows, 'wiersz', 'wiersze', 'wierszy')}, problemów: {batch.problems}{sample}  \n"
                         f"zapisano {batch.imported_at:%d.%m.%Y %H:%M} · identyfikator `{batch.id}`")
        if allowed and cols[1].button("Cofnij", key=f"undo_{batch.id}", icon=":material/undo:"):
            try:
                store().undo(batch.id)
            except UserError as exc:
                st.error(exc.message)
            else:
                st.rerun()
