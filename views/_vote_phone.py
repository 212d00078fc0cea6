"""The voter's phone: a card opens only its own ballot, without the office's password.

A phone opens ``/glosowanie?karta=<token>`` (the card's QR code) or types the card's short code on
``/glosowanie``. It chooses, confirms, and is told "Głos oddany"; a used, closed or not yet open card
is told why in Polish. While the vote is not open the page checks every few seconds whether it is. A survey's
own card (a workshop without a vote) opened or typed here goes on to the survey's page.
"""

from __future__ import annotations

import streamlit as st

from analysis.display import counted
from analysis.display import markdown_text as md
from analysis.errors import UserError
from analysis.survey.box import SurveyCard
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import codes
from analysis.voting.ballot_box import CLOSED, NOT_OPEN, CardState, Choice, Vote
from views import _access, _survey_phone
from views._styles import PHONE_CSS
from views._vote_shared import CARD, area_label, find, votes, workshop_name

CAST_REFUSED = "vote_cast_refused"  # session: why the confirm button's ballot was refused, shown once
WAITING_REFRESH = 3.0  # seconds between a phone's checks that the vote has been opened


def _vote_or_survey_card(secret: codes.Secret) -> CardState | SurveyCard:
    """A vote's card, else a survey's own card (which the survey's page takes); ``card_unknown`` for neither."""
    try:
        return votes().card(secret)
    except UserError as exc:
        if exc.code != "card_unknown":
            raise
        return _survey_phone.surveys().card(secret)


def door() -> None:
    """The page for a browser without a card and without the office's password: the code box, the password."""
    st.html(f"<style>{PHONE_CSS}</style>")
    st.title("Głosowanie")
    code_box()
    with st.expander("Dla biura: hasło", icon=":material/lock:"):
        _access.editing_allowed()


def code_box(key: str = "code_box") -> None:
    """Where a voter types the card's code when the camera fails."""
    with st.form(key, border=True):
        st.markdown(f"**Masz kartę do głosowania?** Wpisz kod z karty (9 znaków, np. {codes.EXAMPLE}).")
        typed = st.text_input("Kod z karty", max_chars=40, placeholder=codes.PATTERN, key=f"{key}_text")
        if st.form_submit_button("Otwórz kartę", type="primary", width="stretch", icon=":material/how_to_vote:"):
            try:
                card = find(typed, _vote_or_survey_card)
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                if isinstance(card, SurveyCard):
                    _survey_phone.to_survey(card, None)
                st.session_state[CARD] = (None, card.hash)
                st.rerun()


def ballot_page() -> None:
    """The phone's page: the card's ballot, the confirmation, or why the card cannot vote."""
    st.html(f"<style>{PHONE_CSS}</style>")
    votes_ = votes()
    param = st.query_params.get(codes.TOKEN_PARAMETER)
    held = st.session_state.get(CARD)
    try:
        if param and (held is None or held[0] != param):
            card = find(param, _vote_or_survey_card)
            st.session_state[CARD] = (param, card.hash)
        else:
            card = _vote_or_survey_card(codes.Secret("token", held[1]))
        if isinstance(card, SurveyCard):
            _survey_phone.to_survey(card, param)
    except UserError as exc:
        st.title("Głosowanie")
        st.error(exc.message, icon=":material/error:")
        st.session_state.pop(CARD, None)
        if exc.code != "too_many_guesses":
            code_box("code_after_error")
        return
    vote = card.vote
    st.title("Głosowanie")
    st.caption(f"Warsztat {md(workshop_name(vote))} · karta sektora: {SECTOR_LABELS.get(card.sector, card.sector)}")
    step_key = f"ballot_step_{card.hash[:16]}"
    step = st.session_state.get(step_key, "choose")
    refused = st.session_state.pop(CAST_REFUSED, None)  # the confirm button's ballot, refused in its callback
    if refused:
        st.error(refused, icon=":material/error:")
    if step == "done" or card.used:
        if step == "done":
            st.success("**Głos oddany. Dziękujemy!** Wynik pokaże prowadzący po zamknięciu głosowania.",
                       icon=":material/check_circle:")
        elif not refused:  # a refused second try has said it already, once
            st.info("Ta karta już głosowała — liczy się pierwszy oddany głos. Dziękujemy!", icon=":material/how_to_vote:")
        _survey_phone.offer(card.hash)
        return
    if vote.state == "prepared":
        st.info(NOT_OPEN, icon=":material/hourglass_top:")
        _wait_until_open(vote.id)
        return
    if vote.state == "closed":
        st.warning(CLOSED, icon=":material/lock:")
        return
    choices = votes_.choices(vote.id)
    keys = {c.position: f"pick_{vote.id[:8]}_{c.position}" for c in choices}
    picked = [c for c in choices if st.session_state.get(keys[c.position])]
    if step == "confirm" and picked:
        _confirm(vote, card, picked, step_key)
        return
    full = len(picked) >= vote.max_choices
    st.markdown(f"Wybierz **do {counted(vote.max_choices, 'propozycji', 'propozycji', 'propozycji')}** "
                f"(wybrano {len(picked)} z {vote.max_choices}). Potem naciśnij „Dalej”.")
    for choice in choices:
        with st.container(border=True):
            st.checkbox(f"**{choice.number}.** {md(choice.title)}", key=keys[choice.position],
                        disabled=full and not st.session_state.get(keys[choice.position]))
            st.caption(area_label(choice.area))
    if full:
        st.caption(f"Wybrano najwięcej, ile można ({vote.max_choices}). Aby wybrać inną, najpierw odznacz jedną.")
    st.button("Dalej", type="primary", width="stretch", disabled=not picked, icon=":material/arrow_forward:",
              key="ballot_next", on_click=_step, args=(step_key, "confirm"))


def _step(step_key: str, step: str) -> None:
    st.session_state[step_key] = step


def _cast(vote_id: str, card: str, positions: list[int], step_key: str) -> None:
    """The confirm button's callback: Streamlit runs it first in the click's run, before the page's
    script, so the ballot is stored at once and the same run draws "Głos oddany" (no second run)."""
    try:
        votes().cast(vote_id, card, positions, channel="phone")
    except UserError as exc:
        st.session_state[CAST_REFUSED] = exc.message
        return
    st.session_state[step_key] = "done"


def _confirm(vote: Vote, card: CardState, picked: list[Choice], step_key: str) -> None:
    st.markdown("### Twój wybór")
    for choice in picked:
        st.markdown(f"- **{choice.number}.** {md(choice.title)}")
    st.warning("Głos jest ostateczny — po potwierdzeniu nie można go zmienić.", icon=":material/info:")
    st.button("Potwierdzam i oddaję głos", type="primary", width="stretch", icon=":material/how_to_vote:",
              key="ballot_confirm", on_click=_cast, args=(vote.id, card.hash, [c.position for c in picked], step_key))
    st.button("Wróć i zmień wybór", width="stretch", icon=":material/arrow_back:", key="ballot_back",
              on_click=_step, args=(step_key, "choose"))


@st.fragment(run_every=WAITING_REFRESH)
def _wait_until_open(vote_id: str) -> None:
    if votes().get(vote_id).state != "prepared":
        st.rerun(scope="app")
