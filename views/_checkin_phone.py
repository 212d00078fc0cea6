"""Self check-in on a phone: the check-in form of the workshop whose check-in is open, and nothing else.

A phone opens ``/rejestracja?wejscie=<check-in>`` (the poster's QR code) or ``/rejestracja`` (typed; the
open check-in's form). Like a ballot card on the voting page, it needs no password and sees no menu and
no data: name, institution (the partnership's known ones suggested, their sector and gmina filled in and
changeable), sector and gmina, the office's RODO clause, consent — then "Zarejestrowano" (and "Witamy
ponownie" with the number of earlier workshops). The same person again (a double tap, a retry, a second
phone) is the row stored already, by the database; the page says so. When a vote is prepared for the
workshop, the answer holds the person's ballot card (``analysis.checkin.cards``): its token only in this
browser's session, so a retry here shows the same card and nowhere else can it be shown again. At a workshop
with the partners' survey open and no vote, the answer holds a survey card instead, the same way. One browser
checks in a few people in a row; past them, the next goes to the desk (``_access.limit_checkins``).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis.attributes import AGE_GROUP_CHOICES, GENDER_CHOICES, choice_label
from analysis.checkin import GMINA_CHOICES, CheckIn, CheckIns, Form, Registered, cards, guessed_sector, phone
from analysis.display import counted
from analysis.display import markdown_text as md
from analysis.errors import UserError
from analysis.folding import fold
from analysis.survey.box import SURVEY_PARAMETER
from analysis.vocabulary import GMINA_LABELS, SECTOR_CODES, SECTOR_LABELS
from analysis.voting import codes
from views import _access
from views._checkin_live import name_of
from views._data import store
from views._styles import CHECKIN_PHONE_CSS, PHONE_CSS

FORM = "phone_form"  # session: (check-in id, cycle, workshop) of the form this phone shows
DONE = "phone_done"  # session: (check-in id, Registered) once this phone has checked someone in
REFUSED = "phone_refused"  # session: why the last submit was refused, shown once
BALLOTS = "phone_ballots"  # session: "<check-in>:<person>" -> (the ballot card given, why none was): this browser's
FIELDS = ("phone_name", "phone_institution", "phone_sector", "phone_gmina", "phone_gender", "phone_age_group",
          "phone_consent")
WAITING_REFRESH = 3.0  # seconds between a waiting phone's looks for an open check-in


def checkins() -> CheckIns:
    return CheckIns(store())


def page() -> None:
    """The phone's page: the form of the check-in it asked for (or of the one open), or why there is none."""
    st.html(f"<style>{PHONE_CSS}{CHECKIN_PHONE_CSS}</style>")
    st.title("Rejestracja")
    checkin = _chosen()
    if checkin is not None:
        st.caption(f"Warsztat {md(name_of(checkin))} · lista obecności")
        door(checkin)
    else:
        st.session_state.pop(REFUSED, None)
    with st.expander("Dla biura: hasło", icon=":material/lock:"):
        _access.editing_allowed()


@st.fragment
def door(checkin: CheckIn) -> None:
    """The form, or the answer once this phone has checked someone in. A fragment: a field filled in, the submit and
    "Zarejestruj inną osobę" run only this part again, not the whole page (the app's frame, the check-in chosen)."""
    refused = st.session_state.pop(REFUSED, None)  # the last submit's refusal: said once, above its form
    done = st.session_state.get(DONE)
    if done is not None and done[0] == checkin.id:
        answer(done[1])
        given, refused_card = st.session_state.get(BALLOTS, {}).get(_held(checkin.id, done[1]), (None, None))
        card(given, refused_card)
        st.button("Zarejestruj inną osobę", width="stretch", icon=":material/person_add:", key="phone_next",
                  on_click=_another)
    else:
        form(checkin, refused)


def _chosen() -> CheckIn | None:
    """The check-in whose form is shown: the one the address names, else the only one open; None after saying why."""
    wanted = st.query_params.get(phone.PARAMETER)
    found = checkins()
    if wanted:
        try:
            checkin = found.get(wanted)
        except UserError as exc:
            st.error(exc.message, icon=":material/error:")
            _others(found, None)
            return None
        if checkin.state != "open":
            st.warning(f"Rejestracja na warsztat {md(name_of(checkin))} jest już zamknięta — nikogo nie zapisano. "
                       "Zgłoś się do stolika organizatorów, aby wpisać się na listę obecności.", icon=":material/lock:")
            _others(found, checkin.id)
            return None
        return checkin
    open_now = found.open_now()
    if len(open_now) == 1:
        return open_now[0]
    if not open_now:
        st.info(phone.NOT_OPEN, icon=":material/hourglass_top:")
        _wait_until_open()
        return None
    _others(found, None, phone.SCAN)
    return None


def _others(found: CheckIns, shown: str | None, sentence: str | None = None) -> None:
    """The check-ins open now (other than ``shown``), one button each: a stale poster leads to today's form."""
    open_now = [c for c in found.open_now() if c.id != shown]
    if not open_now:
        return
    st.markdown(sentence or "Teraz trwa rejestracja na:")
    for checkin in open_now:
        st.button(f"Warsztat {name_of(checkin)}", width="stretch", type="primary", icon=":material/how_to_reg:",
                  key=f"phone_go_{checkin.id}", on_click=_go, args=(checkin.id,))


def _go(checkin_id: str) -> None:
    st.query_params[phone.PARAMETER] = checkin_id


@st.fragment(run_every=WAITING_REFRESH)
def _wait_until_open() -> None:
    if checkins().open_now():
        st.rerun(scope="app")


def form(checkin: CheckIn, refused: str | None = None) -> None:
    """The form itself (no ``st.form``: choosing an institution fills in its sector and gmina at once)."""
    state = st.session_state
    if state.get(FORM, (None,))[0] != checkin.id:
        state[FORM] = (checkin.id, checkin.cycle, checkin.workshop)
    if refused:
        st.error(refused, icon=":material/error:")
    names = list(checkins().institution_names())
    st.text_input("Imię i nazwisko", placeholder="np. Anna Kowalska", key="phone_name", autocomplete="name")
    st.selectbox("Instytucja (zacznij pisać — podpowiemy znane)", names, index=None, accept_new_options=True,
                 placeholder="Nazwa instytucji", key="phone_institution", on_change=_institution_chosen)
    st.selectbox("Sektor", SECTOR_CODES, index=None, format_func=SECTOR_LABELS.get, placeholder="Wybierz sektor",
                 key="phone_sector")
    st.selectbox("Gmina", GMINA_CHOICES, index=None, format_func=GMINA_LABELS.get, placeholder="Wybierz gminę",
                 key="phone_gmina")
    st.caption("Dla znanej instytucji sektor i gmina są już wybrane — możesz je zmienić. Dla nowej wybierz je z list.")
    # a few choices each: one tap on a phone, every choice in sight, no keyboard popping up over a list
    st.caption("Płeć i wiek są dobrowolne: liczymy z nich tylko udziały w całej grupie, nigdy przy nazwisku. "
               "Możesz zostawić „Nie podano”.")
    st.radio("Płeć (nieobowiązkowo)", GENDER_CHOICES, format_func=choice_label, key="phone_gender", horizontal=True)
    st.radio("Grupa wieku (nieobowiązkowo)", AGE_GROUP_CHOICES, format_func=choice_label, key="phone_age_group",
             horizontal=True)
    with st.expander("Klauzula informacyjna RODO", icon=":material/policy:"):
        st.markdown(md(checkin.clause))
    st.checkbox("Zapoznałam/-em się z klauzulą informacyjną i zgadzam się na wpisanie na listę obecności",
                key="phone_consent")
    st.button("Zarejestruj się", type="primary", width="stretch", icon=":material/how_to_reg:", key="phone_submit",
              on_click=_submit)


def _institution_chosen() -> None:
    """A known institution brings its sector and gmina; a new one the sector its name tells (if it does)."""
    state = st.session_state
    institution = state.get("phone_institution") or ""
    known = checkins().institutions().get(fold(institution)) if institution else None
    if known is not None:
        state["phone_sector"], state["phone_gmina"] = known.sector, known.gmina
    elif institution:
        state["phone_sector"] = guessed_sector(institution) or state.get("phone_sector")


def _submit() -> None:
    """The button's callback: Streamlit runs it before the page is drawn again, so the answer is drawn at once."""
    state = st.session_state
    held = state.get(FORM)
    if held is None:
        return
    checkin_id, cycle, workshop = held
    given = Form(checkin_id, cycle, workshop, state.get("phone_name") or "", state.get("phone_institution") or "",
                 state.get("phone_sector"), state.get("phone_gmina"), bool(state.get("phone_consent")), "phone",
                 state.get("phone_gender") or None, state.get("phone_age_group") or None)
    found: dict[str, Registered] = {}

    def check_in() -> bool:  # counted against this browser's limit when someone new is stored
        found["done"] = checkins().check_in(given)
        return not found["done"].already

    # the count of this browser's check-ins, the check-in and its card: one turn at the store, so that the card does
    # not wait a second time behind the check-ins of a room of phones pressing at once
    with checkins().in_turn():
        try:
            wait = _access.limit_checkins(check_in)
        except UserError as exc:
            state[REFUSED] = exc.message
            return
        if wait:
            state[REFUSED] = phone.too_many(wait).message
            return
        done = found["done"]
        earlier = state.get(DONE)
        if done.already and earlier is not None and earlier[0] == checkin_id and earlier[1].person == done.person:
            return  # a double tap: the first answer stays
        state[DONE] = (checkin_id, done)
        _give_ballot(checkin_id, done)


def _held(checkin_id: str, done: Registered) -> str:
    return f"{checkin_id}:{done.person}"


def _give_ballot(checkin_id: str, done: Registered) -> None:
    """The person's ballot card, when a vote is prepared: the one this browser was given (kept in its session
    only), else a new one from the store — or none, when they were given one elsewhere. Without a vote, and with
    the workshop's survey open, the person's survey card the same way."""
    held = st.session_state.setdefault(BALLOTS, {})
    if held.get(_held(checkin_id, done), (None, None))[0] is not None:
        return  # a retry on this phone: the same card again
    checkin = checkins().get(checkin_id)
    try:
        given: cards.Ballot | cards.SurveyTicket | None = cards.at_phone(checkins(), checkin, done.person)
    except UserError as exc:  # the person is checked in; only the card could not be given
        held[_held(checkin_id, done)] = (None, exc.message)
        return
    if given is None:
        try:
            given = cards.survey_at_phone(checkins(), checkin, done.person)
        except UserError as exc:
            held[_held(checkin_id, done)] = (cards.SurveyTicket("", "", None), exc.message)
            return
    held[_held(checkin_id, done)] = (given, None)


def _another() -> None:
    """The next person on this phone: an empty form."""
    state = st.session_state
    state.pop(DONE, None)
    for key in FIELDS:
        state[key] = False if key == "phone_consent" else ("" if key in ("phone_name", "phone_gender",
                                                                         "phone_age_group") else None)


def answer(done: Registered) -> None:
    """What the person is told: registered (welcome back, with the number of earlier workshops), or already."""
    if done.already:
        st.info(f"**Jesteś już na liście obecności tego warsztatu** (od {done.checked_at:%H:%M}) — nic nie dopisano. "
                "Dziękujemy!", icon=":material/how_to_reg:")
        return
    st.success("**Zarejestrowano.** Dziękujemy — jesteś na liście obecności warsztatu.", icon=":material/check_circle:")
    if done.returning:
        times = counted(done.earlier_workshops, "warsztacie", "warsztatach", "warsztatach")
        st.markdown(f"### Witamy ponownie!\nByłaś/-eś już na {times} partnerstwa.")


@dataclass(frozen=True)
class _CardTexts:
    """What the answer says of one kind of card given with the check-in."""

    icon: str
    refused: str  # with {refused}: why none was given
    before: str  # given before, elsewhere
    key: str  # the card's container
    heading: str  # with {sector}
    link: str
    code: str  # with {code}
    survey: bool  # the link opens the survey, not the ballot


BALLOT = _CardTexts(
    ":material/how_to_vote:", "Karty do głosowania nie wydano: {refused} Zgłoś się po kartę do stolika organizatorów.",
    "**Karta do głosowania:** ta osoba dostała już kartę (na innym telefonie albo przy stoliku) — drugiej nie "
    "wydajemy. Jeśli jej nie masz, zgłoś się do stolika organizatorów.",
    "phone_ballot", "### Twoja karta do głosowania\nSektor: **{sector}**. Karta jest tylko na tym telefonie — nie "
    "potrzebujesz papierowej. Zagłosujesz nią, gdy prowadzący otworzy głosowanie.",
    "Otwórz moją kartę do głosowania", "Kod karty: **{code}** — zapisz go (albo zrób zrzut ekranu). Gdyby ta strona "
    "się zamknęła, wpiszesz go na stronie „Głosowanie”.", survey=False)
SURVEY_CARD = _CardTexts(
    ":material/rate_review:", "Karty ankiety nie wydano: {refused} Poproś o kartę ankiety przy stoliku organizatorów.",
    "**Ankieta partnerów:** ta osoba dostała już kartę ankiety (na innym telefonie) — drugiej nie wydajemy.",
    "phone_survey_card", "### Ankieta partnerów\nOceń, jak działa partnerstwo: krótkie stwierdzenia od 1 do 5 i jedno "
    "pytanie otwarte, kilka minut. Ankieta jest anonimowa, a ta karta wypełnia ją raz.",
    "Wypełnij ankietę partnerów", "Kod karty: **{code}** — gdyby ta strona się zamknęła, wpiszesz go na stronie "
    "„Głosowanie”.", survey=True)


def card(given: cards.Ballot | cards.SurveyTicket | None, refused: str | None = None) -> None:
    """The person's card, under "Zarejestrowano": its ballot's (or, at a workshop with the survey open and no vote,
    the survey's) button and its code; or why there is none; nothing when no card comes with the check-in."""
    says = SURVEY_CARD if isinstance(given, cards.SurveyTicket) else BALLOT
    if refused:
        st.warning(says.refused.format(refused=refused), icon=says.icon)
    if refused or given is None:
        return
    if given.given_before:
        st.info(says.before, icon=says.icon)
        return
    with st.container(border=True, key=says.key):
        st.markdown(says.heading.format(sector=md(given.sector_label)))
        st.page_link("views/glosowanie.py", label=says.link, icon=says.icon, width="stretch",
                     query_params={codes.TOKEN_PARAMETER: str(given.token), **({SURVEY_PARAMETER: "1"} if says.survey else {})})
        st.caption(says.code.format(code=given.code))
