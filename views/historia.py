"""Import history: every saved batch, with undo (asked first, then said); and the removal of the sample data."""

import streamlit as st

from analysis.display import counted, markdown_text, workshop_name
from analysis.errors import UserError
from analysis.store import Batch
from analysis.vocabulary import KIND_LABELS, STATUSES
from views._access import editing_allowed
from views._data import loaded, store
from views._widgets import sample_banner


def describe(batch: Batch) -> str:
    """What a batch is, in the clerk's words: its file (or what was done on a page), kind, workshop, size."""
    where = f", warsztat {workshop_name(loaded().workshops, batch.cycle, batch.workshop)}" if batch.workshop else ""
    if batch.kind == "votes":  # its sheet names the vote by its internal id: never shown
        return (f"**Wynik głosowania**{where}, cykl {markdown_text(batch.cycle)}: "
                f"{counted(batch.rows, 'propozycja', 'propozycje', 'propozycji')} z liczbą głosów")
    if batch.kind == "status":
        status = STATUSES.get(batch.sheet.removeprefix("status "), batch.sheet)
        return f"**{markdown_text(batch.file)}** — nowy status „{status}”{where}"
    if batch.kind == "locality":
        return f"**{markdown_text(batch.file)}** — miejscowość dodana przez biuro"
    return (f"**{markdown_text(batch.file)}** — arkusz „{markdown_text(batch.sheet)}”: {KIND_LABELS[batch.kind]}{where}, "
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
            for going in store().goes_with(batch.id):
                st.markdown(f"Razem z nią zniknie (dotyczy propozycji, których po cofnięciu nie będzie): "
                            f"{describe(going)}.")
            yes, no = st.columns([1, 1])
            if yes.button("Tak, cofnij", type="primary", icon=":material/undo:", key="undo_confirm"):
                restored, going = store().restores(batch.id), store().goes_with(batch.id)
                try:
                    store().undo(batch.id)
                except UserError as exc:
                    st.error(exc.message)
                else:
                    done = [f"Cofnięto partię {describe(batch)}."]
                    done += [f"Przywrócono wcześniejszą listę: {describe(b)}." for b in restored]
                    done += [f"Usunięto też: {describe(b)}." for b in going]
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
                         f"zapisano {batch.imported_at:%d.%m.%Y %H:%M}")
        if allowed and cols[1].button("Cofnij…", key=f"undo_{batch.id}", icon=":material/undo:",
                                      help="Najpierw zobaczysz, co zostanie usunięte, i potwierdzisz."):
            st.session_state["undo_asked"] = batch.id
            st.rerun()
