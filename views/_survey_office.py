"""The partners' survey on the vote's office page and on the projector: open, close, the live count, the result.

The survey belongs to the vote's workshop and is answered with the same cards (``views/_survey_phone.py``);
its numbers are ``analysis.metrics.survey``'s.
"""

from __future__ import annotations

import streamlit as st

from analysis import glossary, metrics
from analysis.display import counted
from analysis.survey.box import Surveys
from analysis.voting.ballot_box import Vote
from views._data import store
from views._widgets import act

REFRESH = 1.0  # seconds between the projector's and the office's count refreshes


def surveys() -> Surveys:
    return Surveys(store())


def section(vote: Vote, editing: bool) -> None:
    """The office's part: the survey of the vote's workshop, its state, count, buttons and result."""
    surveys_ = surveys()
    survey = surveys_.of_workshop(vote.cycle, vote.workshop)
    st.markdown("#### Ankieta partnerów")
    if survey is None:
        st.caption("Ankieta z 12 stwierdzeniami (od 1 do 5) i jednym pytaniem otwartym. Uczestnicy wypełniają ją "
                   "na telefonie tą samą kartą co głosowanie: pod głosem pojawi się przycisk „Wypełnij ankietę "
                   "partnerów”. Każda karta odpowiada raz, anonimowo.")
        if editing and st.button("Otwórz ankietę partnerów", icon=":material/rate_review:", key="survey_open"):
            act(lambda: surveys_.open(vote.cycle, vote.workshop), "Ankieta otwarta: karty tego warsztatu ją otwierają.",
                "vote_done")
        return
    live_count(survey.id, survey.state)
    if editing:
        if survey.state == "open":
            if st.button("Zamknij ankietę", icon=":material/stop:", key="survey_close"):
                act(lambda: surveys_.close(survey.id), "Ankieta zamknięta: nie przyjmie już odpowiedzi.", "vote_done")
        elif st.button("Otwórz ankietę ponownie", icon=":material/play_arrow:", key="survey_reopen"):
            act(lambda: surveys_.open(vote.cycle, vote.workshop), "Ankieta znowu otwarta (odpowiedzi zachowane).",
                "vote_done")
    result = surveys_.result(survey)
    if result.overall.respondents:
        st.dataframe(metrics.survey_table(result), hide_index=True, width="stretch")
        st.caption(f"**{glossary.label('survey_factor_mean')}** — {glossary.definition('survey_factor_mean')} "
                   f"W nawiasie liczba odpowiedzi. **{glossary.label('survey_respondents')}** — "
                   f"{glossary.definition('survey_respondents')}")


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
