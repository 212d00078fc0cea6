"""Cached loaders and shared rendering for the pages (the only place pages get data from)."""

from __future__ import annotations

import streamlit as st

from analysis.check import WORKSHOP_SOURCES, column_mapping, preview_frame, problems_frame, table_summary
from analysis.formatting import counted, number
from analysis.importer import FileResult, read_files
from analysis.sample import sample_paths, sample_version
from analysis.vocabulary import AREAS, KIND_LABELS, SECTOR_LABELS


@st.cache_data(show_spinner="Wczytywanie danych przykładowych…")
def load_sample(version: str) -> list[FileResult]:
    """The sample cycle read by the importer; ``version`` keys the cache to the files' state."""
    return read_files([(p.name, p.read_bytes()) for p in sample_paths()])


def sample_results() -> list[FileResult]:
    return load_sample(sample_version())


def render_file(result: FileResult) -> None:
    """What the importer read from one file: tables, mapping, preview, problems, notes."""
    if not result.ok:
        st.error(f"**{result.file}** — nie wczytano. {result.error}", icon=":material/block:")
        return
    for table in result.tables:
        summary = table_summary(table)
        rows = int(summary["rows"])
        workshops = ", ".join(f"nr {k}" for k in summary["by_workshop"]) or "nieznany"
        source = WORKSHOP_SOURCES.get(table.workshop_source or "", "")
        st.markdown(
            f"**Arkusz „{table.sheet}”** — {KIND_LABELS[table.kind]}, "
            f"{counted(rows, 'wiersz', 'wiersze', 'wierszy')}; warsztat: {workshops}"
            + (f" ({source})" if source and summary["by_workshop"] else "")
        )
        cols = st.columns(2)
        with cols[0]:
            if table.kind == "workshops":
                st.caption("Warsztaty cyklu")
                st.dataframe(preview_frame(table), hide_index=True, width="stretch")
            if summary["by_sector"]:
                st.caption("Uczestnicy według sektorów")
                st.dataframe(
                    {"Sektor": [SECTOR_LABELS[k] for k in summary["by_sector"]],
                     "Liczba": [number(v) for v in summary["by_sector"].values()]},
                    hide_index=True, width="stretch",
                )
            if summary["by_area"]:
                st.caption("Propozycje według obszarów")
                st.dataframe(
                    {"Obszar": [f"{k}. {AREAS[int(k)]}" for k in summary["by_area"]],
                     "Liczba": [number(v) for v in summary["by_area"].values()]},
                    hide_index=True, width="stretch",
                )
        with cols[1]:
            st.caption("Która kolumna arkusza stała się którym polem")
            st.dataframe(column_mapping(table), hide_index=True, width="stretch")
        if table.problems:
            st.warning(f"Problemy: {number(len(table.problems))} — wiersze zachowano, popraw je w arkuszu.",
                       icon=":material/warning:")
            st.dataframe(problems_frame(table), hide_index=True, width="stretch")
        else:
            st.success("Bez problemów.", icon=":material/check_circle:")
        for note in table.notes:
            st.caption(f"Uwaga: {note}")
        if table.kind != "workshops":
            with st.expander(f"Podgląd danych z arkusza „{table.sheet}”"):
                st.dataframe(preview_frame(table), hide_index=True, width="stretch")
    for note in result.notes:
        st.caption(f"Uwaga: {note}")
