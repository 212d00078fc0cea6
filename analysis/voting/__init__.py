"""Votes at a workshop: ballot cards with QR codes, phones and paper, live turnout, results, protocol.

- ``codes``: a card's token and short code (with a check character), stored only as hashes.
- ``store``: the vote's tables (``Votes``): prepare, issue cards, open, cast, close, save the result.
- ``tally``: the numbers (turnout, votes per proposal and sector, the 49% balance rule, the digest).
- ``cards``: the printable ballot cards (HTML, A4, QR codes made locally by segno).
- ``protocol``: the protocol of a closed vote (HTML and XLSX).
- ``hall``: the addresses phones use to reach this computer.
"""
