"""Data access for the pages: the store, the cached dataset, the sidebar's filters and the filtered view.

The only place pages get data from. Shared drawing is in ``views._widgets``; who may look and
edit in ``views._access``.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from analysis.dataset import Dataset
from analysis.display import workshop_names
from analysis.errors import UserError
from analysis.metrics import Filters, View, filter_options, prepare
from analysis.store import Store, open_store, store_url
from analysis.vocabulary import GMINA_CODES, GMINA_LABELS, SECTOR_CODES, SECTOR_LABELS


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
    return store().cached_dataset()


def loaded() -> Dataset:
    return _dataset(store().version())


_preparing = threading.Lock()
PREPARING_THREAD = "partnerstwo-prepare"


def prepare_numbers() -> None:
    """Once per loaded dataset, after the page is drawn: the server computes every page's numbers for the
    current cycle without filters in the background (``metrics.prepare``), so opening another page later
    does not wait for a million rows to be counted."""
    dataset = loaded()
    with _preparing:
        if "prepared" in dataset.memo:
            return
        dataset.memo["prepared"] = done = threading.Event()
    threading.Thread(target=_prepare, args=(dataset, done), name=PREPARING_THREAD, daemon=True).start()


def _prepare(dataset: Dataset, done: threading.Event) -> None:
    try:
        prepare(dataset)
        # the show's numbers too (the view of the workshop it is made for): the presentation page's first visit reads
        # them; imported here, in the background, so that no page run waits for the report's modules
        from analysis import report

        report.build(dataset)
    except Exception:  # a page computes what it needs itself; nobody waits for this thread
        logging.getLogger(__name__).exception("preparing the pages' numbers failed")
    finally:
        done.set()


def sidebar_filters() -> Filters:
    """The filters every view obeys, drawn in the sidebar by the entry script."""
    dataset = loaded()
    options = filter_options(dataset, st.session_state.get("f_cycle"))
    sidebar = st.sidebar
    sidebar.header("Filtry")
    current = options.cycles.index(options.current) if options.current in options.cycles else None
    cycle = sidebar.selectbox("Cykl", options.cycles, index=current, key="f_cycle", placeholder="Wybierz cykl",
                              help="Rok (edycja) cyklu warsztatów; domyślnie cykl, który trwa.")
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
