"""Cached loaders, the sidebar's filters and shared rendering: the only place pages get data from."""

from __future__ import annotations

import re

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from analysis import glossary
from analysis.charts import PLOTLY_CONFIG
from analysis.check import WORKSHOP_SOURCES, column_mapping, preview_frame, problems_frame, table_summary
from analysis.dataset import Dataset
from analysis.display import counted, number, workshop_names
from analysis.errors import UserError
from analysis.importer import FileResult
from analysis.metrics import Filters, View, filter_options
from analysis.store import Store, open_store, store_url
from analysis.vocabulary import AREAS, GMINA_CODES, GMINA_LABELS, KIND_LABELS, SECTOR_CODES, SECTOR_LABELS

PROBLEMS_SHOWN = 100  # problems listed whole on the page; all of them in a downloadable file
NO_PEOPLE = ("Żaden uczestnik nie spełnia wybranych filtrów. Zmień wybór w panelu bocznym "
             "(np. usuń filtr sektora lub gminy albo dodaj warsztaty).")
NO_PROPOSALS = "Brak propozycji dla wybranych warsztatów i sektorów. Zmień wybór w panelu bocznym."


@st.cache_resource(show_spinner="Otwieranie magazynu danych…")
def _store(url: str) -> Store:
    return open_store(url)


def store() -> Store:
    """The store of this app (DATABASE_URL or the SQLite file in the data folder)."""
    try:
        return _store(store_url())
    except UserError as exc:
        st.error(exc.message, icon=":material/error:")
    except (SQLAlchemyError, OSError):
        st.error("Nie można otworzyć magazynu danych. Sprawdź ustawienie DATABASE_URL (adres, użytkownik, hasło) "
                 "albo prawo zapisu do folderu danych (PARTNERSTWO_DATA_DIR), a potem uruchom panel ponownie.",
                 icon=":material/error:")
    st.stop()


@st.cache_resource(show_spinner="Wczytywanie danych…", max_entries=2)
def _dataset(version: str) -> Dataset:
    """The store's canonical tables; ``version`` changes with every saved or undone batch.

    A shared resource rather than ``st.cache_data``: cache_data would unpickle a copy of every
    frame (100 000 rows) on each rerun. The views only read it (pandas copy-on-write keeps it
    unchanged), so one shared copy is safe.
    """
    return store().dataset()


def loaded() -> Dataset:
    return _dataset(store().version())


def sidebar_filters() -> Filters:
    """The filters every view obeys, drawn in the sidebar by the entry script."""
    dataset = loaded()
    options = filter_options(dataset, st.session_state.get("f_cycle"))
    sidebar = st.sidebar
    sidebar.header("Filtry")
    cycle = sidebar.selectbox("Cykl", options.cycles, index=len(options.cycles) - 1 if options.cycles else None,
                              key="f_cycle", help="Rok (edycja) cyklu pięciu warsztatów.")
    schedule = dataset.workshops[dataset.workshops["cycle"] == cycle]
    names = workshop_names(schedule)
    valid = [w for w in st.session_state.get("f_workshops", []) if w in options.workshops]
    if valid != st.session_state.get("f_workshops", []):
        st.session_state["f_workshops"] = valid
    workshops = sidebar.multiselect("Warsztaty", options.workshops, key="f_workshops", placeholder="Wszystkie",
                                    format_func=lambda w: names.get(w, f"{w}."))
    gminas = sidebar.multiselect("Gmina pochodzenia uczestników", GMINA_CODES, key="f_gminas",
                                 placeholder="Wszystkie", format_func=GMINA_LABELS.get)
    sectors = sidebar.multiselect("Sektory", SECTOR_CODES, key="f_sectors", placeholder="Wszystkie",
                                  format_func=SECTOR_LABELS.get,
                                  help="Dotyczy uczestników oraz sektora podmiotu wiodącego propozycji.")
    return Filters(cycle=cycle, workshops=tuple(workshops) or None, gminas=tuple(gminas) or None,
                   sectors=tuple(sectors) or None)


def current_view() -> View:
    dataset = loaded()
    return View(dataset, st.session_state.get("filters", Filters()))


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """Text from a file, made inert for st.markdown (no links, emphasis or HTML out of it)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def page_header(title: str) -> tuple[View, dict[int, str]]:
    """The title, the sample-data banner, and the filtered view with its workshops' names."""
    st.title(title)
    sample_banner()
    view = current_view()
    return view, names(view)


def no_people(view: View) -> str:
    """Why there are no participants to show, in a sentence that says what to do."""
    held = set(view.held_selected)
    if view.selected_workshops and not held:
        labels = workshop_names(view.schedule)
        chosen = ", ".join(labels.get(w, str(w)) for w in view.selected_workshops)
        return (f"Wybrane warsztaty ({chosen}) jeszcze się nie odbyły — nie ma dla nich listy obecności. "
                "Wybierz w panelu bocznym warsztaty, które już się odbyły.")
    return NO_PEOPLE


def names(view: View) -> dict[int, str]:
    return workshop_names(view.schedule)


def sample_banner() -> None:
    if loaded().is_sample:
        st.info("**Dane przykładowe** — ilustracyjny cykl warsztatów 2018 (osoby są zmyślone). Usuniesz je "
                "na stronie „Historia importu”; pierwszy import prawdziwych danych usuwa je sam.",
                icon=":material/science:")


def metric(key: str, value: str, delta: str | None = None, label: str | None = None) -> None:
    """A card with the glossary's definition as its help."""
    st.metric(label or glossary.label(key), value, delta=delta, help=glossary.definition(key), border=True)


def chart(fig, key: str | None = None) -> None:  # noqa: ANN001 - a plotly figure
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key, theme=None)


def signed(value: int) -> str:
    return f"+{number(value)}" if value > 0 else number(value)


def render_file(result: FileResult) -> None:
    """What the importer read from one file: tables, mapping, preview, problems, notes."""
    if not result.ok:
        st.error(f"**{md(result.file)}** — nie wczytano. {result.error}", icon=":material/block:")
        return
    for table in result.tables:
        summary = table_summary(table)
        rows = int(summary["rows"])
        workshops = ", ".join(f"nr {k}" for k in summary["by_workshop"]) or "nieznany"
        source = WORKSHOP_SOURCES.get(table.workshop_source or "", "")
        st.markdown(
            f"**Arkusz „{md(table.sheet)}”** — {KIND_LABELS[table.kind]}, "
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
            problems = problems_frame(table)
            # a table that wraps: each sentence whole (a grid cuts long text at the column's edge)
            st.table(problems.head(PROBLEMS_SHOWN).set_index("Wiersz"))
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
            st.caption(f"Uwaga: {md(note)}")
        if table.kind != "workshops":
            with st.expander(f"Podgląd danych z arkusza „{md(table.sheet)}”"):
                st.dataframe(preview_frame(table), hide_index=True, width="stretch")
    for note in result.notes:
        st.caption(f"Uwaga: {md(note)}")
