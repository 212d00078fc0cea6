"""What several pages draw the same way: the page's header, the sample banner, a number's card, a
chart, the sentences for an empty selection, and what the importer read from one file.

Data come from ``views._data``; text from files is made safe with ``analysis.display``.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from analysis import glossary
from analysis.charts import EMPTY, PLOTLY_CONFIG
from analysis.display import counted, markdown_text, number, workshop_names
from analysis.errors import UserError
from analysis.fields import ONE_WORKSHOP_KINDS
from analysis.metrics import View
from analysis.reading import (
    WORKSHOP_SOURCES,
    column_mapping,
    notice_count,
    preview_frame,
    problems_frame,
    table_summary,
)
from analysis.tables import FileResult
from analysis.vocabulary import AREAS, GMINA_LABELS, KIND_LABELS, SECTOR_LABELS
from views import _data

PROBLEMS_SHOWN = 100  # problems listed whole on the page; all of them in a downloadable file
NO_PEOPLE = ("Żaden uczestnik nie spełnia wybranych filtrów. Zmień wybór w panelu bocznym "
             "(np. usuń filtr sektora lub gminy albo dodaj warsztaty).")
NO_PROPOSALS = "Brak propozycji dla wybranych warsztatów i sektorów. Zmień wybór w panelu bocznym."


def page_header(title: str) -> tuple[View, dict[int, str]]:
    """The title, the sample-data banner, and the filtered view with its workshops' names."""
    st.title(title)
    sample_banner()
    view = _data.current_view()
    names = workshop_names(view.schedule)
    filter_note(view, names)
    return view, names


def sample_banner() -> None:
    """One line: at 1280×720 the page's first chart stays above the fold."""
    if _data.loaded().is_sample:
        st.info("**Dane przykładowe** (osoby zmyślone) — znikną przy pierwszym imporcie albo w „Historii importu”.",
                icon=":material/science:")


def filter_note(view: View, names: dict[int, str]) -> None:
    """What the sidebar's filters narrow, said at the top of the page: the filters themselves are below
    the fold of a laptop's sidebar."""
    chosen = view.filters
    parts = []
    if chosen.workshops:
        parts.append("warsztaty " + ", ".join(names.get(w, f"{w}.") for w in chosen.workshops))
    if chosen.gminas:
        parts.append("gmina pochodzenia: " + ", ".join(GMINA_LABELS.get(g, g) for g in chosen.gminas))
    if chosen.sectors:
        parts.append("sektory: " + ", ".join(SECTOR_LABELS.get(s, s) for s in chosen.sectors))
    if parts:
        st.info(f"**Filtry zawężają dane** — {markdown_text('; '.join(parts))}. Zmienisz je w panelu bocznym "
                "(„Filtry”, niżej).", icon=":material/filter_alt:")


def no_people(view: View) -> str:
    """Why there are no participants to show, in a sentence that says what to do."""
    held = set(view.held_selected)
    if view.selected_workshops and not held:
        labels = workshop_names(view.schedule)
        chosen = ", ".join(labels.get(w, str(w)) for w in view.selected_workshops)
        return (f"Wybrane warsztaty ({chosen}) jeszcze się nie odbyły — nie ma dla nich listy obecności. "
                "Wybierz w panelu bocznym warsztaty, które już się odbyły.")
    return NO_PEOPLE


def metric(key: str, value: str, delta: str | None = None, label: str | None = None) -> None:
    """A card with the glossary's definition as its help."""
    st.metric(label or glossary.label(key), value, delta=delta, help=glossary.definition(key), border=True)


def chart(fig: go.Figure, key: str | None = None) -> None:
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key, theme=None)


def chart_or_note(empty: bool, note: str, make: Callable[[], go.Figure], key: str, icon: str | None = None,
                  caption: str | None = None) -> None:
    """The chart ``make`` draws (with ``caption`` under it), or (``empty``) the sentence ``note`` that says
    why there is none."""
    if empty:
        st.info(note, icon=icon)
        return
    chart(make(), key=key)
    if caption:
        st.caption(caption)


def chart_or_sentence(empty: bool, sentence: str, make: Callable[[], go.Figure], key: str,
                      icon: str = ":material/hourglass_empty:") -> None:
    """The chart ``make`` draws, or (``empty``) the chart's empty-state sentence ``charts.EMPTY[sentence]``
    (the page writes the glossary's definition under it: the registry tests find each key written out)."""
    chart_or_note(empty, EMPTY[sentence], make, key, icon)


def render_file(result: FileResult) -> None:
    """What the importer read from one file: tables, mapping, preview, problems, notes."""
    if not result.ok:
        st.error(f"**{markdown_text(result.file)}** — nie wczytano. {result.error}", icon=":material/block:")
        return
    for table in result.tables:
        summary = table_summary(table)
        rows = int(summary["rows"])
        workshops = ", ".join(f"nr {k}" for k in summary["by_workshop"]) or "nieznany"
        source = WORKSHOP_SOURCES.get(table.workshop_source or "", "")
        told = f"; warsztat: {workshops}" if table.kind in ONE_WORKSHOP_KINDS or summary["by_workshop"] else ""
        st.markdown(
            f"**Arkusz „{markdown_text(table.sheet)}”** — {KIND_LABELS[table.kind]}, "
            f"{counted(rows, 'wiersz', 'wiersze', 'wierszy')}{told}"
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
            notices = notice_count(table)
            to_check = (f"do sprawdzenia: {number(notices)} — program uzupełnił albo nie rozpoznał wartości (np. "
                        "sektor z nazwy instytucji, miejscowość spoza listy)")
            if notices < len(table.problems):
                st.warning(f"Problemy: {number(len(table.problems) - notices)} — wiersze zachowano, popraw je w "
                           "arkuszu" + (f"; {to_check}" if notices else "") + ".", icon=":material/warning:")
            else:
                st.info(to_check[0].upper() + to_check[1:] + ". Wiersze zachowano; sprawdź w tabeli poniżej, "
                        "czy się zgadza.", icon=":material/fact_check:")
            problems = problems_frame(table)
            # a table that wraps: each sentence whole (a grid cuts long text at the column's edge)
            st.table(problems.head(PROBLEMS_SHOWN), hide_index=True)  # the row a column of its own: an index is not shown
            if len(problems) > PROBLEMS_SHOWN:
                st.caption(f"Pokazano pierwsze {PROBLEMS_SHOWN} problemów z {number(len(problems))}; wszystkie są "
                           "w pliku poniżej.")
                st.download_button("Pobierz wszystkie problemy (CSV)",
                                   problems.to_csv(index=False, sep=";").encode("utf-8-sig"),
                                   file_name=f"problemy_{table.sheet}.csv", mime="text/csv",
                                   key=f"problems_{result.content_hash}_{table.sheet}", icon=":material/download:")
        else:
            st.success("Bez problemów.", icon=":material/check_circle:")
        for note in table.notes:
            st.caption(f"Uwaga: {markdown_text(note)}")
        if table.kind != "workshops":
            with st.expander(f"Podgląd danych z arkusza „{markdown_text(table.sheet)}”"):
                st.dataframe(preview_frame(table), hide_index=True, width="stretch")
    for note in result.notes:
        st.caption(f"Uwaga: {markdown_text(note)}")


def act(action: Callable[[], object], message: str, done_key: str) -> None:
    """An office's button: run ``action``; a refusal is shown in Polish where the button is, a success is kept
    under ``done_key`` for the page to show after the rerun that follows."""
    try:
        action()
    except UserError as exc:
        st.error(exc.message, icon=":material/error:")
        return
    st.session_state[done_key] = [message]
    st.rerun()
