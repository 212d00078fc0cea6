"""The partners' survey on the voting page for the office and on the projector: open, close, the live count, the
survey's own cards to print (a workshop without a vote), the result.

At a workshop with a vote the survey is answered with the vote's cards (``views/_survey_phone.py``); without one,
with the survey's own cards: printed here (an A4 sheet of QR codes, as the ballot cards), or given on phones at
the check-in. Its numbers are ``analysis.metrics.survey``'s.
"""

from __future__ import annotations

import streamlit as st

from analysis import glossary, metrics, report
from analysis.display import counted, number
from analysis.display import workshop_name as workshop_label
from analysis.errors import UserError
from analysis.store import SurveyRow
from analysis.survey.box import Surveys
from analysis.vocabulary import SECTOR_CODES, SECTOR_LABELS
from analysis.voting.ballot_box import Vote
from views._data import current_view, loaded, store
from views._vote_shared import phone_address
from views._widgets import act

REFRESH = 1.0  # seconds between the projector's and the office's count refreshes
CARDS_FILE = "survey_cards_file"  # session: (survey id, file name, the printable sheet) made last


def surveys() -> Surveys:
    return Surveys(store())


def section(vote: Vote, editing: bool) -> None:
    """The office's part under a vote: the survey of the vote's workshop, answered with the vote's cards."""
    workshop_section(vote.cycle, vote.workshop, editing)


def without_vote(editing: bool) -> None:
    """The office's survey at a workshop where no vote is prepared: the workshop chosen, then its survey."""
    schedule = loaded().workshops
    cycle = current_view().cycle or ""
    numbers = sorted(int(w) for w in schedule.loc[schedule["cycle"] == cycle, "workshop"].unique()) or [1]
    held = st.session_state.get("survey_workshop")
    workshop = st.selectbox("Warsztat, na którym partnerzy wypełniają ankietę", numbers,
                            index=numbers.index(held) if held in numbers else len(numbers) - 1,
                            format_func=lambda w: workshop_label(schedule, cycle, w), key="survey_workshop")
    workshop_section(cycle, int(workshop), editing)


def workshop_section(cycle: str, workshop: int, editing: bool) -> None:
    """The survey of a workshop: its state, count, buttons, its own cards when it needs them, the result."""
    surveys_ = surveys()
    survey = surveys_.of_workshop(cycle, workshop)
    st.markdown("#### Ankieta partnerów")
    if survey is None:
        st.caption("Ankieta z 12 stwierdzeniami (od 1 do 5) i jednym pytaniem otwartym, anonimowa: każda karta "
                   "odpowiada raz. Gdy na warsztacie jest głosowanie, wypełnia się ją tą samą kartą co głosowanie "
                   "(pod głosem pojawi się przycisk „Wypełnij ankietę partnerów”). Bez głosowania ankieta ma własne "
                   "karty: wydrukujesz je tu po otwarciu ankiety, a przy rejestracji na telefonie uczestnik dostanie "
                   "kartę ankiety sam.")
        if editing and st.button("Otwórz ankietę partnerów", icon=":material/rate_review:", key="survey_open"):
            act(lambda: surveys_.open(cycle, workshop), "Ankieta otwarta: karty tego warsztatu ją otwierają.",
                "vote_done")
        return
    live_count(survey.id, survey.state)
    if editing:
        if survey.state == "open":
            if st.button("Zamknij ankietę", icon=":material/stop:", key="survey_close"):
                act(lambda: surveys_.close(survey.id), "Ankieta zamknięta: nie przyjmie już odpowiedzi.", "vote_done")
        elif st.button("Otwórz ankietę ponownie", icon=":material/play_arrow:", key="survey_reopen"):
            act(lambda: surveys_.open(cycle, workshop), "Ankieta znowu otwarta (odpowiedzi zachowane).",
                "vote_done")
    if surveys_.needs_own_cards(survey):
        own_cards(surveys_, survey, editing)
    result = surveys_.result(survey)
    if result.overall.respondents:
        st.dataframe(metrics.survey_table(result), hide_index=True, width="stretch")
        st.caption(f"**{glossary.label('survey_factor_mean')}** — {glossary.definition('survey_factor_mean')} "
                   f"W nawiasie liczba odpowiedzi. **{glossary.label('survey_respondents')}** — "
                   f"{glossary.definition('survey_respondents')}")


def own_cards(surveys_: Surveys, survey: SurveyRow, editing: bool) -> None:
    """The survey's own cards (no vote at its workshop): how many were made, and a form printing more."""
    made = surveys_.cards_made(survey.id)
    if made:
        listed = ", ".join(f"{SECTOR_LABELS[s]} {number(made[s])}" for s in SECTOR_CODES if made.get(s))
        st.caption(f"Karty ankiety (wydrukowane i wydane na telefonach przy rejestracji): {listed} — razem "
                   f"{number(sum(made.values()))}.")
    else:
        st.caption("Na tym warsztacie nie ma głosowania, więc ankieta ma własne karty: wydrukuj je (jedna karta na "
                   "osobę, sektor uczestnika) albo otwórz rejestrację — telefon po rejestracji dostanie kartę ankiety.")
    if not editing or survey.state != "open":
        return
    with st.form("print_survey_cards"):
        cols = st.columns([2, 1])
        sector = cols[0].selectbox("Sektor kart", SECTOR_CODES, format_func=SECTOR_LABELS.get,
                                   placeholder="Wybierz sektor")
        count = cols[1].number_input("Liczba kart", 1, 500, 10)
        address = st.text_input("Adres panelu na sali (trafi do kodów QR na kartach)", value=phone_address(None),
                                help="Adres tego komputera w sieci sali lub hotspotu telefonu, z portem panelu.")
        if st.form_submit_button("Utwórz karty ankiety do druku", icon=":material/print:"):
            try:
                cards = surveys_.issue_cards(survey.id, sector, int(count))
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                name = workshop_label(loaded().workshops, survey.cycle, survey.workshop)
                st.session_state[CARDS_FILE] = (survey.id, f"karty_ankiety_{SECTOR_LABELS[sector]}_{len(cards)}.html",
                                                report.survey_cards_html(cards, address, name))
                st.rerun()
    file = st.session_state.get(CARDS_FILE)
    if file and file[0] == survey.id:
        st.download_button(f"Pobierz karty ankiety do druku ({file[1]})", file[2].encode("utf-8"),
                           file_name=file[1].replace(" ", "_"), mime="text/html", icon=":material/download:",
                           type="primary", on_click="ignore")
        st.caption("Zapisz plik teraz i wydrukuj go (A4, skala 100%): magazyn zna tylko skróty kodów, więc tych "
                   "kart nie da się wydrukować drugi raz.")


@st.fragment(run_every=REFRESH)
def live_count(survey_id: str, shown_state: str) -> None:
    """How many have answered, refreshed every second; the page reruns when the survey opens or closes."""
    surveys_ = surveys()
    survey = surveys_.get(survey_id)
    if survey.state != shown_state:
        st.rerun(scope="app")
    n = surveys_.count(survey_id)
    state = "otwarta" if survey.state == "open" else "zamknięta"
    st.markdown(f"**Ankieta partnerów ({state}):** {counted(n, 'odpowiedź', 'odpowiedzi', 'odpowiedzi')}")


def projector_count(vote: Vote) -> None:
    """On the projector, while the vote's workshop has a survey: its live count."""
    survey = surveys().of_workshop(vote.cycle, vote.workshop)
    if survey is not None:
        live_count(survey.id, survey.state)


def projector_without_vote(vote: Vote | None) -> bool:
    """On the projector: the surveys open at workshops other than the shown vote's, each with its live count;
    whether any was shown."""
    shown = [s for s in surveys().all() if s.state == "open"
             and (vote is None or (s.cycle, s.workshop) != (vote.cycle, vote.workshop))]
    schedule = store().schedule()
    for survey in shown:
        st.markdown(f"## Ankieta partnerów — warsztat {workshop_label(schedule, survey.cycle, survey.workshop)}")
        st.markdown("Zeskanuj kod QR z karty ankiety (albo otwórz kartę z rejestracji na telefonie) i oceń "
                    "współpracę w partnerstwie. Ankieta jest anonimowa.")
        live_count(survey.id, survey.state)
    return bool(shown)
