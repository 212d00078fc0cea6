"""Głosowanie: ballot cards with QR codes, phones and paper, live turnout and the result on the projector.

Three faces: a phone with a card (``?karta=<token>`` or a typed code) sees only its own ballot, without
the office's password (``views/_vote_phone.py``), and the partners' survey with the same card
(``&ankieta=1``: ``views/_survey_phone.py``); the projector (``?rzutnik=1`` or the office's button)
shows the turnout live and the result once closed (``views/_vote_projector.py``); the office prepares,
prints, opens, closes, types in paper cards, saves the result and downloads the protocol
(``views/_vote_office.py``).
"""

from views import _access, _survey_phone, _vote_office, _vote_phone, _vote_projector

if _access.wants_ballot() and _survey_phone.wanted():  # the card's address with ``&ankieta=1``
    _survey_phone.page()
elif _access.wants_ballot():
    _vote_phone.ballot_page()
elif not _access.may_view():  # the hall's network: a phone without a card, or the office before its password
    _vote_phone.door()
elif _vote_projector.wanted():
    _vote_projector.show()
else:
    _vote_office.office()
