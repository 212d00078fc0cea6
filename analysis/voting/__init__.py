"""Votes at a workshop: ballot cards with QR codes, phones and paper, live turnout, results, protocol.

- ``codes``: a card's token and short code (with a check character), stored only as hashes.
- ``store``: the vote's tables (``Votes``): prepare, issue cards, open, cast, close, save the result.
- ``tally``: the numbers (turnout, votes per proposal and sector, the 49% balance rule, the digest).
- ``protocol``: what the protocol of a closed vote says (``analysis.report`` writes it, and the cards).
- ``hall``: the addresses phones use to reach this computer.
"""
