"""The partners' survey on a phone: a card of the workshop opens it, without the office's password.

A phone opens ``/glosowanie?karta=<token>&ankieta=1`` (a ballot card's address with the survey's parameter, or
the QR code of a survey's own card at a workshop without a vote), "Wypełnij ankietę partnerów" under its
ballot, or types a survey card's code on the voting page. It answers 1–5 to each statement and, if it wants, the open
question, and sends once; a card that has answered, a closed survey or a workshop without one is told why in
Polish (``analysis.survey.box``).
"""

from __future__ import annotations

import streamlit as st

from analysis.display import markdown_text as md
from analysis.display import workshop_name
from analysis.errors import UserError
from analysis.survey.box import ANSWERED, CLOSED, NO_SURVEY, SURVEY_PARAMETER, SurveyCard, Surveys
from analysis.survey_statements import OPEN_LIMIT, SCALE, statement_set
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import codes
from views._data import store
from views._styles import PHONE_CSS, SURVEY_PHONE_CSS
from views._vote_shared import CARD, find

DONE = "survey_done"  # session: the card hashes whose answer this session sent
REFUSED = "survey_refused"  # session: why the send button's answer was refused, shown once


def surveys() -> Surveys:
    return Surveys(store())


def wanted() -> bool:
    """Whether the card opens the survey rather than its ballot (the survey's parameter in the address)."""
    return SURVEY_PARAMETER in st.query_params


def open_survey() -> None:
    """The ballot's button: the same card, the survey's page."""
    st.query_params[SURVEY_PARAMETER] = "1"


def to_survey(card: SurveyCard, param: str | None) -> None:
    """A survey's own card opened on the voting page (its code typed, or its address without the survey's
    parameter): the same card on the survey's page."""
    st.session_state[CARD] = (param, card.hash)
    st.query_params[SURVEY_PARAMETER] = "1"
    st.rerun()


def offer(card_hash: str) -> None:
    """Under a ballot: a button to the survey when the card's workshop has one open."""
    found = surveys().card(codes.Secret("token", card_hash))
    if found.survey is not None and found.survey.state == "open" and not found.answered:
        st.button("Wypełnij ankietę partnerów", width="stretch", icon=":material/rate_review:", key="survey_offer",
                  on_click=open_survey)


def _card() -> SurveyCard | None:
    """The card of the address's token (through the throttle of wrong guesses) or of this session."""
    param = st.query_params.get(codes.TOKEN_PARAMETER)
    held = st.session_state.get(CARD)
    try:
        if param and (held is None or held[0] != param):
            found = find(param, surveys().card)
            st.session_state[CARD] = (param, found.hash)
            card_hash = found.hash
        elif held is not None:
            card_hash = held[1]
        else:
            raise UserError(codes.UNKNOWN, "card_unknown")
        return surveys().card(codes.Secret("token", card_hash))
    except UserError as exc:
        st.error(exc.message, icon=":material/error:")
        st.session_state.pop(CARD, None)
        return None


def page() -> None:
    st.html(f"<style>{PHONE_CSS}{SURVEY_PHONE_CSS}</style>")
    st.title("Ankieta partnerów")
    card = _card()
    if card is None:
        return
    survey = card.survey
    name = workshop_name(store().schedule(), card.cycle, card.workshop)
    st.caption(f"Warsztat {md(name)} · sektor karty: {SECTOR_LABELS.get(card.sector, card.sector)} · ankieta jest "
               "anonimowa")
    if card.hash in st.session_state.get(DONE, ()):
        st.success("**Ankieta wysłana. Dziękujemy!** Wyniki pokaże biuro w raporcie z oceny partnerstwa.",
                   icon=":material/check_circle:")
        return
    if survey is None:
        st.info(NO_SURVEY, icon=":material/hourglass_top:")
        return
    if card.answered:
        st.info(ANSWERED, icon=":material/rate_review:")
        return
    if survey.state == "closed":
        st.warning(CLOSED, icon=":material/lock:")
        return
    statements = statement_set(survey.set_id)
    refused = st.session_state.pop(REFUSED, None)  # the send button's answer, refused in its callback
    if refused:
        st.error(refused, icon=":material/error:")
    st.markdown("Zaznacz, na ile zgadzasz się z każdym stwierdzeniem — od **1** (zdecydowanie się nie zgadzam) "
                "do **5** (zdecydowanie się zgadzam). Pytanie na końcu jest nieobowiązkowe.")
    with st.form("survey_form", border=False):
        for s in statements.statements:
            with st.container(border=True):
                st.radio(f"**{s.order}.** {md(s.text)}", options=list(SCALE), index=None, key=f"survey_{s.key}",
                         format_func=lambda v: f"{v} — {SCALE[v]}")
        st.text_area(md(statements.open_question) + " (nieobowiązkowe)", max_chars=OPEN_LIMIT, key="survey_comment")
        st.form_submit_button("Wyślij ankietę", type="primary", width="stretch", icon=":material/send:",
                              key="survey_submit", on_click=_send, args=(card, [s.key for s in statements.statements]))


def _send(card: SurveyCard, keys: list[str]) -> None:
    """The send button's callback: Streamlit runs it first in the click's run, before the page's script, so the
    answer is stored at once and the same run draws "Ankieta wysłana" (no second run)."""
    state = st.session_state
    given = {key: v for key in keys if (v := state.get(f"survey_{key}")) is not None}
    try:
        surveys().answer(card, given, state.get("survey_comment") or "")
    except UserError as exc:
        state[REFUSED] = exc.message
        return
    state.setdefault(DONE, set()).add(card.hash)
