"""Check-in at the door (the office's desk): open a workshop's check-in, check people in from the keyboard,
watch the count by sector and gmina, close it into the workshop's attendance list, print, shred the names.

A phone (``?wejscie=<check-in>``, or any browser in the hall's network before the office's password) sees only
the check-in form of the open check-in (``views/_checkin_phone.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from analysis import metrics, report
from analysis.attributes import AGE_GROUP_CHOICES, GENDER_CHOICES, choice_label
from analysis.checkin import (
    GMINA_CHOICES,
    STATE_LABELS,
    CheckIn,
    CheckIns,
    Form,
    Registered,
    cards,
    guessed_sector,
    phone,
)
from analysis.display import counted, number, workshop_name, workshop_names
from analysis.display import markdown_text as md
from analysis.errors import UserError
from analysis.folding import fold
from analysis.vocabulary import GMINA_LABELS, SECTOR_CODES, SECTOR_LABELS
from views import _checkin_phone
from views._access import editing_allowed, may_view, wants_checkin
from views._checkin_live import LIVE_REFRESH
from views._data import current_view, loaded, store
from views._vote_shared import hall_help, phone_address
from views._widgets import act, metric, sample_banner

KEEP_DAYS = 30  # the default day the names are kept until: a month after the workshop
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CLAUSE = ("Administratorem Twoich danych osobowych (imię i nazwisko, instytucja) jest Starostwo Powiatowe "
          "w Legionowie. Przetwarzamy je, aby sporządzić listę obecności warsztatu partnerstwa lokalnego "
          "(art. 6 ust. 1 lit. e RODO). Nazwiska przechowujemy do daty podanej na liście, potem je niszczymy; "
          "w zestawieniach partnerstwa jesteś tylko pseudonimem. Masz prawo dostępu do danych, ich sprostowania "
          "i usunięcia oraz skargi do Prezesa UODO.")


ADDRESS_LABEL = "Adres panelu na sali (trafi do kodu QR na plakacie)"
ADDRESS_HELP = ("Adres tego komputera w sieci sali lub hotspotu telefonu, z portem panelu — ten sam, co na kartach do "
                "głosowania. Zapisany z rejestracją: plakat wydrukowany później pokaże ten sam adres.")


def _do(action: Callable[[], object], message: str) -> None:
    act(action, message, "checkin_done")


def open_form(checkins: CheckIns, cycle: str, workshop: int, day: dt.date | None) -> None:
    st.markdown("#### Otwórz rejestrację")
    with st.form("checkin_open"):
        clause = st.text_area("Klauzula informacyjna RODO pokazywana przy rejestracji", CLAUSE, height=140)
        today = dt.date.today()
        keep = st.date_input("Nazwiska przechowujemy do", max(day or today, today) + dt.timedelta(days=KEEP_DAYS),
                             format="DD.MM.YYYY", help="Po tej dacie nazwiska z listy do podpisu zostaną zniszczone.")
        address = st.text_input(ADDRESS_LABEL, value=phone_address(None), key="checkin_open_address", help=ADDRESS_HELP)
        if st.form_submit_button("Otwórz rejestrację", type="primary", icon=":material/how_to_reg:"):
            _do(lambda: checkins.open(cycle, workshop, clause, keep, address=address),
                f"Rejestracja na warsztat {workshop} otwarta. Wpisuj osoby w formularzu poniżej.")


def answer(done: Registered, name: str) -> str:
    if done.already:
        return f"{md(name)} jest już zarejestrowana/-y — nic nie dopisano (jedna osoba, jeden wiersz)."
    if done.returning:
        times = counted(done.earlier_workshops, "warsztacie", "warsztatach", "warsztatach")
        return f"Zarejestrowano. **Witamy ponownie** — ta osoba była już na {times}."
    return "Zarejestrowano. Pierwszy warsztat tej osoby — witamy!"


FORM_KEYS = ("checkin_name", "checkin_card", "checkin_institution", "checkin_sector", "checkin_gmina")
LOOKED_UP = "checkin_looked_up"  # session: the last look-up (_LookedUp)


@dataclass
class _LookedUp:
    """A name looked up at the desk and the institution it filled in; ``shown`` once a run has drawn that institution
    in the form (set in place while the form is drawn)."""

    folded: str
    institution: str
    shown: bool = False


def _empty_form() -> None:
    state = st.session_state
    for key in FORM_KEYS:
        state[key] = "" if key in ("checkin_name", "checkin_card") else None
    state["checkin_gender"] = state["checkin_age_group"] = ""


def _register(checkins: CheckIns, checkin: CheckIn, known_names: list[str]) -> None:
    """The desk form's submit (a callback, before the page is drawn again). A name with no institution, sector or
    gmina is looked up first (``_look_up``): a returning person's institution is filled in, and the next Enter
    checks them in — also when the form sends that field still empty: a busy browser shows the value filled in a
    moment before its form takes it, and an Enter in that moment would otherwise look the person up again, as if
    the Enter were lost. Otherwise the person is checked in: on success the form is emptied for the next person, on
    a refusal it keeps what was typed (and a new institution's name may preselect its sector)."""
    state = st.session_state
    name, institution = state.get("checkin_name") or "", state.get("checkin_institution") or ""
    sector, gmina = state.get("checkin_sector"), state.get("checkin_gmina")
    code = (state.get("checkin_card") or "").strip()
    looked_up = state.pop(LOOKED_UP, None)
    if looked_up is not None and fold(name) == looked_up.folded:
        if not institution and sector is None and gmina is None and looked_up.shown:
            institution = looked_up.institution  # on the desk's screen, not yet in what the browser sent
    elif looked_up is not None and institution == looked_up.institution:
        institution = ""  # the name was changed after the look-up: that person's institution is not this one's
        state["checkin_institution"] = None
    if not institution and sector is None and gmina is None and name.strip():
        _look_up(checkins, checkin, name, code)
        return
    try:
        done = checkins.check_in(Form(checkin.id, checkin.cycle, checkin.workshop, name, institution, sector, gmina,
                                      bool(state.get("checkin_consent", True)), "desk",
                                      state.get("checkin_gender") or None, state.get("checkin_age_group") or None))
    except UserError as exc:
        if sector is None and institution and institution not in known_names:
            state["checkin_sector"] = guessed_sector(institution)
        state["checkin_answer"] = ("error", exc.message)
        return
    _answered(checkins, checkin, answer(done, name), done.person, code)


def _answered(checkins: CheckIns, checkin: CheckIn, said: str, person: str, code: str) -> None:
    """The person is on the list: the printed card scanned with them handed out (when one was), the answer said,
    the form emptied for the next person (kept, with the code, when the card was refused: fix it and Enter; emptied
    when the person has a card already — on a phone they may have lost: the answer says what they can do)."""
    state = st.session_state
    if code:  # the printed ballot card scanned with the person: handed out to their sector
        try:
            given = cards.at_desk(checkins, checkin, person, code)
        except UserError as exc:  # the person stays checked in; fix the code and press Enter again
            why = exc.message.removesuffix(" " + cards.NOT_HANDED)
            has_one = exc.code == "card_already_given"  # e.g. their card went with a lost phone: nothing to correct
            if has_one:
                why += " " + cards.LOST_PHONE
            state["checkin_answer"] = ("warning", f"{said} **Karty do głosowania nie wydano:** {why}")
            if has_one:
                _empty_form()
            return
        said += f" Wydano kartę do głosowania sektora „{given.sector_label}”."
    state["checkin_answer"] = ("success", said)
    _empty_form()


def _look_up(checkins: CheckIns, checkin: CheckIn, name: str, code: str) -> None:
    """Enter on a name alone: who it is, without checking them in. A returning person's institution (of their latest
    workshop; institutions are not personal data, and no list of names is ever shown) is filled in, so that the
    next Enter checks them in; a new person is asked for their institution. A person on the list already is told
    so — and given the printed card scanned with the name, when they have none yet."""
    state = st.session_state
    try:
        found = checkins.recognise(checkin.id, name)
    except UserError as exc:
        state["checkin_answer"] = ("error", exc.message)
        return
    if found.already:
        said = f"{md(name)} jest już zarejestrowana/-y — nic nie dopisano (jedna osoba, jeden wiersz)."
        _answered(checkins, checkin, said, found.person, code)
        return
    times = counted(found.earlier_workshops, "warsztacie", "warsztatach", "warsztatach")
    if found.institution is not None:
        state["checkin_institution"] = found.institution
        state[LOOKED_UP] = _LookedUp(fold(name), found.institution)
        state["checkin_answer"] = (
            "info", f"**Witamy ponownie** — ta osoba była już na {times}. Instytucja z jej ostatniego warsztatu: "
                    f"**{md(found.institution)}** (jeśli inna, zmień ją w polu „Instytucja”). **Enter** rejestruje.")
    elif found.returning:
        state["checkin_answer"] = ("info", f"**Witamy ponownie** — ta osoba była już na {times}, ale bez nazwy "
                                           f"instytucji. Wpisz jej instytucję, potem **Enter** rejestruje.")
    else:
        state["checkin_answer"] = ("info", "Tej osoby nie ma na wcześniejszych listach — pierwszy warsztat. Wpisz jej "
                                           "instytucję, potem **Enter** rejestruje.")


def desk_form(checkins: CheckIns, checkin: CheckIn) -> None:
    """The desk's form, keyboard only, the name first. A returning person: the name, Enter (their latest workshop's
    institution filled in), Enter. A new person: the name, Tab to the institution (type, ↓ to a known one, Enter),
    Shift+Tab back to the name, Enter (Tab and Shift+Tab twice when the card's field lies between). A new institution's
    sector and gmina below it (preselected from its name when it tells). While a vote is prepared for the workshop,
    the printed ballot card's code between the name and the institution (Tab from the name, scan or type): handed
    out to the person's sector with their check-in. Gender and age group, optional ("Nie podano" unless chosen),
    last: Enter registers without passing through them."""
    names = list(checkins.institution_names())
    st.checkbox("Osoby przy stoliku znają klauzulę informacyjną i zgadzają się na wpis na listę obecności",
                value=True, key="checkin_consent")
    # the last person's answer, above the form, in a place drawn on every run: the form then stays where it was, so
    # the browser keeps the cursor in the name's field for the next person (a form that moves is drawn anew)
    kind, text = st.session_state.pop("checkin_answer", (None, ""))
    answer_slot = st.container()
    if kind == "success":
        answer_slot.success(text, icon=":material/check_circle:")
    elif kind == "info":
        answer_slot.info(text, icon=":material/person_search:")
    elif kind == "warning":
        answer_slot.warning(text, icon=":material/how_to_vote:")
    elif kind == "error":
        answer_slot.error(text, icon=":material/error:")
    with_card = cards.vote_prepared(checkins, checkin)
    with st.form("checkin_desk", border=True):
        st.text_input("Imię i nazwisko (Enter: osobie powracającej wpiszemy instytucję, drugi Enter rejestruje)",
                      max_chars=120, placeholder="np. Anna Kowalska", key="checkin_name")
        if with_card:
            st.text_input("Karta do głosowania: zeskanuj albo wpisz jej kod (Enter jak w polu nazwiska)",
                          max_chars=200, placeholder="XXXX-XXXX-X", key="checkin_card")
        st.selectbox("Instytucja (zacznij pisać, ↓ wybiera znaną, Enter zatwierdza)", names, index=None,
                     accept_new_options=True, placeholder="Wpisz nazwę instytucji", key="checkin_institution")
        if (looked_up := st.session_state.get(LOOKED_UP)) is not None:
            looked_up.shown = True  # sent to the desk's screen
        left, right = st.columns(2)
        left.selectbox("Sektor (dla nowej instytucji)", SECTOR_CODES, index=None, format_func=SECTOR_LABELS.get,
                       placeholder="jak instytucja", key="checkin_sector")
        right.selectbox("Gmina (dla nowej instytucji)", GMINA_CHOICES, index=None, format_func=GMINA_LABELS.get,
                        placeholder="jak instytucja", key="checkin_gmina")
        left, right = st.columns(2)
        left.selectbox("Płeć (nieobowiązkowo)", GENDER_CHOICES, format_func=choice_label, key="checkin_gender")
        right.selectbox("Grupa wieku (nieobowiązkowo)", AGE_GROUP_CHOICES, format_func=choice_label,
                        key="checkin_age_group")
        st.form_submit_button("Zarejestruj", type="primary", icon=":material/how_to_reg:",
                              on_click=_register, args=(checkins, checkin, names))
    st.caption("Osoba powracająca: imię i nazwisko, **Enter** (wpisze się instytucja z jej ostatniego warsztatu), "
               "**Enter**. Nowa osoba: imię i nazwisko, **Tab** do instytucji, wybierz ją, **Shift+Tab** z powrotem do "
               "nazwiska" + (" (po dwa razy: między nimi jest pole karty)" if with_card else "") + " i **Enter**."
               + (" Karta papierowa: po imieniu i nazwisku **Tab**, zeskanuj kod, **Enter**." if with_card else ""))


@st.fragment(run_every=LIVE_REFRESH)
def live_count(checkin_id: str) -> None:
    """The count by sector and gmina, looked at again every few seconds."""
    _, people = CheckIns(store()).live(checkin_id)
    counts = metrics.checked_in(people)
    metric("checked_in", number(counts.people))
    by_sector, by_gmina = st.columns(2)
    for column, by, heading in ((by_sector, "sector", "Sektor"), (by_gmina, "gmina", "Gmina")):
        table = metrics.checked_in_table(counts, by)
        column.dataframe(table[["label", "people"]].rename(columns={"label": heading, "people": "Osoby"}),
                         hide_index=True, width="stretch")


def poster_section(checkin: CheckIn, name: str, when: str) -> None:
    """The hall's address for phones and the A4 poster with the QR code of this check-in's form."""
    st.markdown("#### Telefony: plakat z kodem QR")
    st.text_input(ADDRESS_LABEL, value=checkin.address or phone_address(None), key=f"checkin_address_{checkin.id}",
                  help=ADDRESS_HELP + " Zmieniony adres zapisuje się po Enter.", on_change=_address_changed,
                  args=(checkin,))
    if refused := st.session_state.pop("checkin_address_refused", None):
        st.error(refused, icon=":material/error:")
    address = checkin.address or phone_address(None)
    network = st.text_input("Nazwa sieci Wi-Fi sali (opcjonalnie, pojawi się na plakacie)", key="checkin_network",
                            max_chars=60)
    hall_help("formularz rejestracji", address, "Plakat wskazuje",
              "wszystko poza formularzem rejestracji i kartami do głosowania", "podaj osobom adres")
    st.markdown(f"Bez aparatu telefon otworzy formularz pod adresem **{md(phone.page_url(address))}** (gdy otwarta "
                "jest jedna rejestracja). Telefon widzi tylko formularz — bez menu, danych i hasła.")
    st.download_button("Pobierz plakat A4 z kodem QR (do druku)", lambda: report.checkin_poster_html(
        phone.phone_url(address, checkin.id), phone.page_url(address), name, when, network,
        f"{checkin.keep_until:%d.%m.%Y}").encode("utf-8"), file_name=f"plakat_rejestracja_warsztat_{checkin.workshop}.html",
        mime="text/html", icon=":material/qr_code_2:", on_click="ignore")


def _address_changed(checkin: CheckIn) -> None:
    """The address typed on the poster's field, kept with the check-in (a callback, before the page is drawn)."""
    typed = st.session_state.get(f"checkin_address_{checkin.id}") or ""
    if typed.strip().rstrip("/") == (checkin.address or ""):
        return
    try:
        CheckIns(store()).set_address(checkin.id, typed)
    except UserError as exc:
        st.session_state["checkin_address_refused"] = exc.message
    else:
        st.session_state["checkin_done"] = ["Zapisano adres panelu na sali: plakat go pokaże."]


def _day(value: object) -> dt.date | None:
    """The schedule's day of a workshop, None when it has none (NaT != NaT)."""
    return value if isinstance(value, dt.date) and value == value else None


def _when(day: dt.date | None, venue: object) -> str:
    """"8.10.2026, Ratusz": the workshop's day and venue for the poster (what the schedule has of them)."""
    parts = [f"{day:%d.%m.%Y}" if day is not None else "", venue.strip() if isinstance(venue, str) else ""]
    return ", ".join(p for p in parts if p)


def closed_section(checkins: CheckIns, checkin: CheckIn, names_of: dict[int, str]) -> None:
    batch = store().batch(checkin.batch_id) if checkin.batch_id else None
    if batch is not None:
        st.markdown(f"Lista obecności z rejestracji jest w magazynie: {counted(batch.rows, 'osoba', 'osoby', 'osób')}"
                    f" (partia z {batch.imported_at:%d.%m.%Y %H:%M}; cofnąć ją można na stronie „Historia importu”). "
                    f"Warsztat {names_of.get(checkin.workshop, checkin.workshop)} jest odbyty.")
    elif checkin.state == "closed":
        st.info("Listę z tej rejestracji cofnięto. Możesz otworzyć rejestrację ponownie — osoby już zarejestrowane "
                "zostają.", icon=":material/undo:")
    if checkin.state == "shredded":
        st.markdown(f"Nazwiska zniszczono {checkin.shredded_at:%d.%m.%Y %H:%M}. W magazynie zostały tylko pseudonimy.")
        return
    st.markdown(f"Nazwiska (lista do podpisu) są w folderze danych: `{checkin.folder}` — przechowywane do "
                f"**{checkin.keep_until:%d.%m.%Y}**.")
    if checkin.list_file.is_file():
        st.download_button("Pobierz listę obecności do podpisu (Excel)", checkin.list_file.read_bytes(),
                           file_name=checkin.list_file.name, mime=XLSX, icon=":material/download:")
    if st.button("Zapisz listę do podpisu ponownie", icon=":material/refresh:",
                 help="Gdy pliku listy brakuje albo ktoś go zmienił: zapisze go od nowa z rejestracji."):
        _do(lambda: checkins.export(checkin.id), "Zapisano listę do podpisu w folderze danych.")
    early = checkin.keep_until >= dt.date.today()
    sure = st.checkbox("Tak, zniszcz nazwiska teraz, przed terminem" if early else "Tak, zniszcz nazwiska",
                       key="checkin_shred_ok")
    if st.button("Zniszcz nazwiska z tej rejestracji", icon=":material/delete_forever:", disabled=not sure):
        _do(lambda: checkins.shred(checkin_id=checkin.id, early=early),
            "Nazwiska zniszczone: usunięto pliki z nazwiskami tej rejestracji.")


if wants_checkin() or not may_view():  # a phone at the door (the poster's QR code, or the hall's network)
    _checkin_phone.page()
    st.stop()
st.title("Rejestracja")
sample_banner()
for message in st.session_state.pop("checkin_done", []):
    st.success(message, icon=":material/check_circle:")
st.write("Rejestracja przy wejściu: lista obecności powstaje od razu czysta — bez przepisywania. W magazynie danych "
         "nie ma nazwisk, tylko pseudonimy; nazwiska do podpisu trafiają do pliku w folderze danych i są niszczone "
         "po terminie.")
if not editing_allowed():
    st.stop()
checkins = CheckIns(store())
view = current_view()
schedule = loaded().workshops
cycle = view.cycle
workshops = [int(w) for w in schedule.loc[schedule["cycle"] == cycle, "workshop"]] if cycle else []
if not workshops:
    st.info("Nie ma harmonogramu warsztatów. Zaimportuj go na stronie „Import danych”.", icon=":material/event:")
    st.stop()
names_of = workshop_names(schedule[schedule["cycle"] == cycle])
by_workshop = {c.workshop: c for c in checkins.all() if c.cycle == cycle}
opened = [w for w in workshops if w in by_workshop and by_workshop[w].state == "open"]
upcoming = [w for w in workshops if w not in set(view.held_selected)]
first = (opened or upcoming or workshops)[0]  # an open check-in, else the next workshop


def _label(w: int) -> str:
    return f"{names_of.get(w, w)} · rejestracja {STATE_LABELS[by_workshop[w].state] if w in by_workshop else 'nieotwarta'}"


chosen = st.selectbox("Warsztat", workshops, index=workshops.index(first), key="checkin_workshop", format_func=_label,
                      placeholder="Wybierz warsztat")
checkin = by_workshop.get(chosen)
st.caption(f"Cykl {md(cycle)} · {workshop_name(schedule, cycle, chosen)}")
planned = schedule.loc[(schedule["cycle"] == cycle) & (schedule["workshop"] == chosen)].iloc[0]
day = _day(planned["date"])
if checkin is None or (checkin.state == "closed" and checkin.batch_id is None):
    if checkin is not None:
        closed_section(checkins, checkin, names_of)
    open_form(checkins, cycle, chosen, day)
    st.stop()
if checkin.state == "open":
    desk_form(checkins, checkin)
    st.markdown("#### Na sali")
    live_count(checkin.id)
    with st.expander("Klauzula informacyjna tej rejestracji", icon=":material/policy:"):
        st.markdown(md(checkin.clause))
    poster_section(checkin, names_of.get(chosen, str(chosen)), _when(day, planned["venue"]))
    st.markdown("#### Zamknij rejestrację")
    confirm = st.checkbox("Tak, zamykam — lista obecności trafi do magazynu (jak import; można ją cofnąć)",
                          key="checkin_close_ok")
    if st.button("Zamknij rejestrację i zapisz listę obecności", type="primary", icon=":material/stop:",
                 disabled=not confirm):
        _do(lambda: checkins.close(checkin.id), "Rejestracja zamknięta: lista obecności jest w magazynie, a lista do "
                                                "podpisu w folderze danych.")
else:
    live_count(checkin.id)
    closed_section(checkins, checkin, names_of)
