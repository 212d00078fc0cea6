"""The partners' survey on the voting page for the office and on the projector: open, close, the live count, the
survey's own cards to print (a workshop without a vote), the result.

At a workshop with a vote the survey is answered with the vote's cards (``views/_survey_phone.py``); without one,
with the survey's own cards: printed here (an A4 sheet of QR codes, as the ballot cards), or given on phones at
the check-in. Its numbers are ``analysis.metrics.survey``'s.
"""

from __future__ import annotations

import streamlit as st

from analysis import glossary, metrics, report
from analysis.display import counted
from analysis.display import workshop_name as workshop_label
from analysis.store import SurveyRow
from analysis.survey.box import Surveys
from analysis.voting.ballot_box import Vote
from views._data import current_view, loaded, store
from views._vote_shared import by_sector, printed_cards
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
        st.caption(f"Karty ankiety (wydrukowane i wydane na telefonach przy rejestracji): {by_sector(made)}.")
    else:
        st.caption("Na tym warsztacie nie ma głosowania, więc ankieta ma własne karty: wydrukuj je (jedna karta na "
                   "osobę, sektor uczestnika) albo otwórz rejestrację — telefon po rejestracji dostanie kartę ankiety.")
    if not editing or survey.state != "open":
        return
    printed_cards(survey.id, "karty ankiety", lambda sector, count: surveys_.issue_cards(survey.id, sector, count),
                  lambda cards, address: report.survey_cards_html(
                      cards, address or "", workshop_label(loaded().workshops, survey.cycle, survey.workshop)),
                  form="print_survey_cards", file_key=CARDS_FILE, ask_address=True)


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
