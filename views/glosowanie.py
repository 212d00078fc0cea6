"""Głosowanie: ballot cards with QR codes, phones and paper, live turnout and the result on the projector.

Three faces (``views/_voting.py``): a phone with a card (``?karta=<token>`` or a typed code) sees
only its own ballot, without the office's password; the projector (``?rzutnik=1`` or the office's
button) shows the turnout live and the result once closed; the office prepares, prints, opens,
closes, types in paper cards, saves the result and downloads the protocol.
"""

import streamlit as st

from views import _access, _voting

if _access.wants_ballot():
    _voting.ballot_page()
elif not _access.may_view():  # the hall's network: a phone without a card, or the office before its password
    st.html(f"<style>{_voting.PHONE_CSS}</style>")
    st.title("Głosowanie")
    _voting.code_box()
    with st.expander("Dla biura: hasło", icon=":material/lock:"):
        _access.editing_allowed()
elif st.session_state.get(_voting.PROJECTOR) or "rzutnik" in st.query_params:
    vote = _voting.projector_vote()
    if vote is None:
        st.info("Nie ma jeszcze żadnego głosowania do pokazania.", icon=":material/how_to_vote:")
    else:
        _voting.projector(vote)
else:
    _voting.office()
