"""Import history: every saved batch, with undo (asked first, then said); and the removal of the sample data."""

import streamlit as st

from analysis.display import counted, markdown_text
from analysis.errors import UserError
from analysis.store import Batch
from analysis.vocabulary import KIND_LABELS
from views._access import editing_allowed
from views._data import store
from views._widgets import sample_banner


def describe(batch: Batch) -> str:
    workshop = f", warsztat {batch.workshop}" if batch.workshop else ""
    return (f"**{markdown_text(batch.file)}** — arkusz „{markdown_text(batch.sheet)}”: {KIND_LABELS[batch.kind]}{workshop}, "
            f"{counted(batch.rows, 'wiersz', 'wiersze', 'wierszy')}")


st.title("Historia importu")
sample_banner()
st.write("Każdy zapisany plik (a w nim każdy arkusz) to osobna partia. Cofnięcie partii usuwa z magazynu "
         "wszystko, co z niej pochodzi; pozostałe dane zostają bez zmian.")
for message in st.session_state.pop("history_done", []):
    st.success(message, icon=":material/undo:")

batches = store().history()
if not batches:
    st.info("Magazyn jest pusty. Dane dodasz na stronie „Import danych”.", icon=":material/inbox:")
    st.stop()

allowed = editing_allowed()
asked = st.session_state.get("undo_asked")
if allowed and asked:
    batch = store().batch(asked)
    if batch is None:
        st.session_state.pop("undo_asked", None)
    else:
        with st.container(border=True):
            st.markdown(f"#### Cofnąć tę partię?\n{describe(batch)}, zapisana {batch.imported_at:%d.%m.%Y %H:%M}.")
            st.markdown(f"Z magazynu zostanie usunięte: {counted(batch.rows, 'wiersz', 'wiersze', 'wierszy')} "
                        f"({KIND_LABELS[batch.kind]}).")
            for restored in store().restores(batch.id):
                st.markdown(f"Wróci lista, którą ta partia zastąpiła: {describe(restored)}.")
            yes, no = st.columns([1, 1])
            if yes.button("Tak, cofnij", type="primary", icon=":material/undo:", key="undo_confirm"):
                restored = store().restores(batch.id)
                try:
                    store().undo(batch.id)
                except UserError as exc:
                    st.error(exc.message)
                else:
                    done = [f"Cofnięto partię {describe(batch)}."]
                    done += [f"Przywrócono wcześniejszą listę: {describe(b)}." for b in restored]
                    st.session_state["history_done"] = done
                st.session_state.pop("undo_asked", None)
                st.rerun()
            if no.button("Nie, zostaw", key="undo_cancel"):
                st.session_state.pop("undo_asked", None)
                st.rerun()

if any(b.is_sample for b in batches):
    with st.container(border=True):
        st.markdown("**Dane przykładowe** (cykl 2018, osoby zmyślone) są teraz w magazynie.")
        if allowed and st.button("Usuń dane przykładowe", icon=":material/delete:", key="remove_sample"):
            try:
                removed = store().remove_sample()
            except UserError as exc:
                st.error(exc.message)
            else:
                st.session_state["history_done"] = [
                    f"Usunięto dane przykładowe ({counted(removed, 'partia', 'partie', 'partii')})."]
                st.rerun()

for batch in batches:
    with st.container(border=True):
        cols = st.columns([5, 1])
        sample = " · dane przykładowe" if batch.is_sample else ""
        cols[0].markdown(f"{describe(batch)}, problemów: {batch.problems}{sample}  \n"
                         f"zapisano {batch.imported_at:%d.%m.%Y %H:%M} · identyfikator `{batch.id}`")
        if allowed and cols[1].button("Cofnij…", key=f"undo_{batch.id}", icon=":material/undo:",
                                      help="Najpierw zobaczysz, co zostanie usunięte, i potwierdzisz."):
            st.session_state["undo_asked"] = batch.id
            st.rerun()
