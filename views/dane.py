"""Import: upload files, see what was recognised, correct the workshop, save them as batches."""

import hashlib

import streamlit as st

from analysis import config
from analysis.dataset import calendar_of
from analysis.display import counted, workshop_names
from analysis.display import markdown_text as md
from analysis.errors import UserError
from analysis.fields import CORRECTABLE_FIELDS, FIELD_LABELS, ONE_WORKSHOP_KINDS
from analysis.reading import read_again, read_files, sheet_columns
from analysis.schedule import Calendar
from analysis.store import ConflictError, Upload
from analysis.tables import FileResult, Table
from analysis.vocabulary import GMINA_LABELS, GMINAS
from analysis.xlsx_templates import TEMPLATES, template_bytes
from views._access import editing_allowed
from views._data import loaded, store
from views._session import import_reads, keep_reads_of
from views._widgets import render_file, sample_banner

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("Import danych")
sample_banner()
st.write(
    "Wgraj listy obecności, tabele propozycji albo harmonogram (xlsx, xlsm, xls, xlsb, ods lub csv, do "
    f"{config.max_upload_mb()} MB każdy). Najpierw zobaczysz, co program odczytał; zapisanie to osobny krok. "
    "Imiona i nazwiska nie są zapisywane — panel przechowuje tylko ich zaszyfrowany skrót (pseudonim)."
)

with st.expander("Szablony do wypełnienia (z listami wyboru sektora, gminy, obszaru i statusu)"):
    cols = st.columns(len(TEMPLATES))
    for col, (kind, (label, file_name)) in zip(cols, TEMPLATES.items(), strict=True):
        col.download_button(label, template_bytes(kind), file_name=file_name, mime=XLSX, key=f"template_{kind}",
                            icon=":material/download:")

# the right to import comes before the uploader: nothing is uploaded, parsed or kept for a viewer
if not editing_allowed():
    st.stop()

for kind, message in st.session_state.pop("import_done", []):  # what the last save did, after the page restarted
    (st.success if kind == "success" else st.info)(message, icon=":material/check:" if kind == "success" else None)
if st.session_state.get("import_round"):
    st.caption("Zapisane dane widać już we wszystkich widokach. Możesz wgrać kolejne pliki.")

def _localities(unknown: list[str]) -> None:
    """The office's own localities: one the program does not know, assigned to a gmina (a batch of the
    store, undone in the history); the files above are read again with it."""
    label = "Miejscowości spoza listy programu" + (f" — nierozpoznane w tych plikach: {len(unknown)}" if unknown else "")
    with st.expander(label, expanded=bool(unknown), icon=":material/location_on:"):
        st.caption("Program zna miejscowości pięciu gmin powiatu. Miejscowość, której nie zna, liczy jako spoza "
                   "powiatu i pokazuje w problemach. Przypisz ją do gminy — pliki powyżej zostaną odczytane ponownie, "
                   "a każdy kolejny import ją rozpozna. Listy zapisane wcześniej liczą się tak, jak je odczytano: "
                   "by przeliczyć taką listę, cofnij jej partię w „Historii importu” i wgraj plik ponownie. "
                   "Dodanie cofniesz w „Historii importu”.")
        with st.form("locality_form", border=False):
            left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
            # keyed by the places offered: a widget keeps its value under one key, even when its options change
            offered = hashlib.sha256("\n".join(unknown).encode()).hexdigest()[:12]
            place = left.selectbox("Miejscowość", unknown, index=0 if unknown else None, accept_new_options=True,
                                   placeholder="Wpisz nazwę miejscowości", key=f"locality_place_{offered}")
            gmina = middle.selectbox("Gmina", [*GMINAS, "outside"], index=None, format_func=GMINA_LABELS.get,
                                     placeholder="Wybierz gminę", key="locality_gmina")
            if right.form_submit_button("Dodaj", icon=":material/add_location_alt:"):
                try:
                    added = store().save_locality(place or "", gmina or "")
                except UserError as exc:
                    st.error(exc.message, icon=":material/block:")
                else:
                    st.session_state["import_done"] = [("success", f"Dodano: {md(added.file)}. Pliki odczytano "
                                                                   "ponownie z tą miejscowością.")]
                    st.rerun()
        pairs = store().locality_pairs()
        if pairs:
            st.caption("Miejscowości dodane przez biuro")
            st.dataframe({"Miejscowość": [name for _, name, _, _ in pairs],
                          "Gmina": [GMINA_LABELS[g] for _, _, g, _ in pairs],
                          "Dodano": [f"{b.imported_at:%d.%m.%Y %H:%M}" for _, _, _, b in pairs]},
                         hide_index=True, width="stretch")


def _read(name: str, data: bytes, digest: str, workshop: int | None, calendar: Calendar,
          places: dict[str, str]) -> FileResult:
    """What the importer reads from an upload, kept for this session so reruns do not read again.

    One read per file in the uploader: a read for another workshop, calendar or set of the office's
    localities replaces it.
    """
    import copy

    reads = import_reads()
    key = (digest, workshop, repr(calendar), tuple(sorted(places.items())))
    if key not in reads:
        for old in [k for k in reads if k[0] == digest]:
            del reads[old]
        bar = st.progress(0.0, text=f"Odczytywanie: {name}")
        reads[key] = read_files([(name, data)], calendar=calendar, workshop=workshop, places=places,
                                progress=lambda done, text: bar.progress(done, text=text))[0]
        bar.empty()
    return copy.copy(reads[key])


def _corrected(file: str, table: Table, digest: str, workshop: int | None, calendar: Calendar,
               places: dict[str, str]) -> Table:
    """The table again, read by the importer, if the person moved a field to another column of the sheet."""
    located = table.located
    if located is None:
        return table
    columns = sheet_columns(located)
    options = [None, *columns]
    chosen: dict[str, int | None] = {}
    with st.expander(f"Popraw przypisanie kolumn — arkusz „{md(table.sheet)}”"):
        st.caption("Jeśli program przypisał kolumnę źle (albo jej nie znalazł), wybierz właściwą.")
        grid = st.columns(3)
        for index, fld in enumerate(CORRECTABLE_FIELDS[table.kind]):
            current = located.columns.get(fld)
            chosen[fld] = grid[index % 3].selectbox(
                FIELD_LABELS[fld], options, index=options.index(current) if current in options else 0,
                format_func=lambda i, c=columns: "— brak —" if i is None else c[i],
                key=f"col_{digest}_{table.sheet}_{fld}", placeholder="Wybierz kolumnę",
            )
    if all(chosen[f] == located.columns.get(f) for f in chosen):
        return table
    fixed = read_again(file, table, chosen, calendar, workshop, places)
    st.info(f"Arkusz „{md(table.sheet)}” odczytano ponownie z poprawionymi kolumnami.", icon=":material/edit:")
    return fixed


def _reviewed(uploads: list) -> list[Upload]:
    """Each upload read (once per session), shown with what was recognised, corrected by the person."""
    dataset = loaded()
    calendar = calendar_of(dataset)
    names = workshop_names(dataset.workshops[dataset.workshops["cycle"] == calendar.cycle])
    files = []
    for upload in uploads:
        data = upload.getvalue()
        files.append((upload, data, hashlib.sha256(data).hexdigest()))
    keep_reads_of({digest for _, _, digest in files})
    places = store().localities()
    prepared: list[Upload] = []
    for upload, data, digest in files:
        choice = st.session_state.get(f"workshop_{digest}", "auto")
        workshop = None if choice == "auto" else int(choice)
        result = _read(upload.name, data, digest, workshop, calendar, places)
        with st.container(border=True):
            st.subheader(md(upload.name))
            if result.ok and any(t.kind in ONE_WORKSHOP_KINDS for t in result.tables):
                st.selectbox(
                    "Warsztat, którego dotyczy plik", ["auto", *names], key=f"workshop_{digest}",
                    format_func=lambda w: "jak odczytano z pliku" if w == "auto" else names[w],
                    help="Zmień, jeśli program odczytał warsztat źle albo go nie znalazł.", placeholder="Wybierz warsztat",
                )
            if result.ok:
                result.tables = [_corrected(upload.name, t, digest, workshop, calendar, places)
                                 for t in result.tables]
            render_file(result)
        prepared.append(Upload(upload.name, digest, result))
    return prepared


CHOICES = {"Zastąp istniejącą listę": "replace", "Dopisz do istniejącej": "add"}
# files of one upload for the same workshop: replacing is refused (one would replace the other)
TOGETHER = {"Zapisz pliki razem (dopisz jeden do drugiego)": "add"}
ADD_ALL = {"Dopisz pliki do istniejących danych": "add"}


def _save(prepared: list[Upload]) -> None:
    """The save step: why it cannot be saved yet, said beside the button; what already exists, asked before."""
    refused = [u.file for u in prepared if not u.result.ok]
    unknown = [f"„{md(u.file)}” (arkusz „{md(t.sheet)}”)" for u in prepared if u.result.ok for t in u.result.tables
               if t.kind in ONE_WORKSHOP_KINDS and t.frame["workshop"].isna().all()]
    blocked = ""
    if refused:
        blocked = ("Nie można zapisać: popraw albo usuń z listy odrzucone pliki: " + ", ".join(md(f) for f in refused)
                   + ".")
    elif unknown:
        blocked = ("Nie można zapisać: nie wiadomo, którego warsztatu dotyczy " + ", ".join(unknown)
                   + ". Wybierz go w polu „Warsztat, którego dotyczy plik” przy tym pliku powyżej.")
    mode = "ask"
    if not blocked:
        preview = store().preview(prepared)
        for file, batch in preview.duplicates:
            st.info(f"Plik „{md(file)}” zapisano już {batch.imported_at:%d.%m.%Y %H:%M} — nie zostanie zapisany "
                    "drugi raz.", icon=":material/content_copy:")
        if preview.sample_removed:
            st.info("Zapisanie usunie dane przykładowe — od tej chwili panel pokaże tylko Twoje dane.",
                    icon=":material/science:")
        if preview.conflicts:
            choices = CHOICES
            question = "Co zrobić z istniejącymi danymi tego warsztatu?"
            if any(c.other_file for c in preview.conflicts):  # files of this upload meet: nothing to replace
                choices = TOGETHER if all(c.other_file for c in preview.conflicts) else ADD_ALL
                question = "Co zrobić z tymi plikami?"
                sentences = "; ".join(c.sentence() for c in preview.conflicts)
                st.warning(md(f"{sentences[:1].upper()}{sentences[1:]}. Można je zapisać razem; jeśli to dwie wersje "
                              "tego samego pliku, anuluj i usuń jedną z listy plików."), icon=":material/warning:")
            else:
                st.warning(md(ConflictError(preview.conflicts).message), icon=":material/warning:")
            choice = st.radio(question, [*choices, "Anuluj"], index=None, key="conflict_choice")
            if choice is None:
                blocked = "Wybierz powyżej, co zrobić, zanim zapiszesz."
            elif choice == "Anuluj":
                blocked = "Anulowano — nic nie zostanie zapisane. Usuń pliki z listy albo wybierz inną możliwość."
            else:
                mode = choices[choice]
    button, reason = st.columns([2, 3], vertical_alignment="center")  # the button's label whole at 1280 pixels
    clicked = button.button("Zapisz w magazynie danych", type="primary", icon=":material/save:",
                            disabled=bool(blocked))
    if blocked:
        reason.warning(blocked, icon=":material/block:")
    if not clicked or blocked:
        return
    try:
        with st.spinner("Zapisywanie…"):
            outcome = store().import_uploads(prepared, on_existing=mode)
    except ConflictError as exc:  # someone saved a list of this workshop in the meantime: ask again
        st.warning(md(exc.message), icon=":material/warning:")
        return
    except UserError as exc:
        st.error(exc.message, icon=":material/block:")
        return
    done = []
    if outcome.sample_removed:
        done.append(("info", "Usunięto dane przykładowe — od teraz panel pokazuje tylko Twoje dane."))
    done += [("info", f"Zastąpiono wcześniejszą listę z pliku „{md(b.file)}”.") for b in outcome.replaced]
    done += [("success", f"Zapisano {md(b.file)}, arkusz „{md(b.sheet)}”: "
                         f"{counted(b.rows, 'wiersz', 'wiersze', 'wierszy')}.") for b in outcome.saved]
    done += [("info", f"Plik „{md(f)}” zapisano już {b.imported_at:%d.%m.%Y %H:%M} — nie zapisano go drugi raz.")
             for f, b in outcome.duplicates]
    st.session_state["import_done"] = done
    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1  # an empty uploader
    st.rerun()


def _review_and_save(uploads: list) -> None:
    prepared = _reviewed(uploads)
    _localities(sorted({p.value for u in prepared if u.result.ok for t in u.result.tables for p in t.problems
                        if p.code == "locality_unknown"}))
    _save(prepared)


def _page() -> None:
    """The uploader and what follows from it. The uploaded files and their tables live only in these
    functions and in the session's reads, never in the page's globals: the globals of the last run stay
    referenced (widgets' format functions, the script's module) after the browser has gone."""
    uploads = st.file_uploader("Pliki do importu", type=["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"],
                               accept_multiple_files=True, key=f"import_upload_{st.session_state.get('import_round', 0)}")
    if not uploads:
        keep_reads_of(set())
        st.info("Wybierz pliki powyżej albo przeciągnij je tutaj.", icon=":material/upload_file:")
        _localities([])
        return
    _review_and_save(uploads)


_page()
