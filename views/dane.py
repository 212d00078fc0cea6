"""Source data: what the importer read from the sample cycle, and a check of one's own files."""

import streamlit as st

from analysis import config
from analysis.importer import read_files
from views._data import loaded, render_file

st.title("Dane źródłowe")
results, dataset = loaded()
if dataset.is_sample:
    st.info(
        "**Dane przykładowe** — ilustracyjny cykl warsztatów 2018 (osoby są zmyślone). "
        "Poniżej widać, co program odczytał z każdego pliku.",
        icon=":material/science:",
    )
st.caption("Filtry z panelu bocznego nie dotyczą tej strony: pokazuje ona pliki takie, jakie są.")

for result in results:
    with st.container(border=True):
        st.subheader(result.file)
        render_file(result)

st.header("Sprawdź własny plik")
st.write(
    "Wybierz listę obecności, tabelę propozycji albo harmonogram (xlsx, xlsm, xls, xlsb, ods lub csv, "
    f"do {config.max_upload_mb()} MB). Program pokaże, co z nich odczyta. **Nic nie zostanie zapisane.**"
)
uploads = st.file_uploader(
    "Pliki do sprawdzenia",
    type=["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"],
    accept_multiple_files=True,
    key="check_upload",
)
if uploads:
    with st.spinner("Sprawdzanie plików…"):
        results = read_files([(u.name, u.getvalue()) for u in uploads])
    for result in results:
        with st.container(border=True):
            st.subheader(result.file)
            render_file(result)
