"""The seal of a closed vote: a record changed after closing is named, the printed digest is checked,
the digest covers the whole record.

Runs on SQLite and on PostgreSQL (the ``url`` fixture).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import pytest
import sqlalchemy as sa

from analysis import report
from analysis.store.schema import (
    vote_ballots_table,
    vote_cards_table,
    vote_proposals_table,
    votes_table,
)
from analysis.voting import codes, protocol, seal
from analysis.voting.ballot_box import Votes
from tests.stores import KEY

# --- the seal: the whole record of a closed vote -------------------------------------------------


def _closed_with_unused_cards(votes: Votes, vote) -> list:
    """Five cards (three of them vote: positions 1 and 2 carry votes), the vote closed; the cards."""
    issued = votes.issue_cards(vote.id, "ngo", 3) + votes.issue_cards(vote.id, "business", 2)
    votes.open(vote.id)
    for card, chosen in zip(issued, [[1, 2], [2], [3]], strict=False):
        votes.cast(vote.id, codes.token_hash(card.token), chosen)
    votes.close(vote.id)
    return issued


def _swap_positions(store, votes, vote, issued) -> None:
    t = vote_proposals_table
    with store.engine.begin() as conn:
        rows = {r.position: r for r in conn.execute(sa.select(t).where(t.c.vote_id == vote.id, t.c.position < 3))}
        for position, other in ((1, 2), (2, 1)):
            r = rows[other]
            conn.execute(t.update().where(t.c.vote_id == vote.id, t.c.position == position).values(
                cycle=r.cycle, workshop=r.workshop, number=r.number, title=r.title, area=r.area))


def _delete_unused_cards(store, votes, vote, issued) -> None:
    unused = [codes.token_hash(c.token) for c in issued if not votes.card(codes.recognise(c.token)).used]
    assert len(unused) == 2
    with store.engine.begin() as conn:
        conn.execute(vote_cards_table.delete().where(vote_cards_table.c.token_hash.in_(unused)))


def _move_closing_time(store, votes, vote, issued) -> None:
    closed = votes.get(vote.id).closed_at
    with store.engine.begin() as conn:
        conn.execute(votes_table.update().where(votes_table.c.id == vote.id)
                     .values(closed_at=closed + dt.timedelta(minutes=25)))


def _rewrite_ballot_and_its_digest(store, votes, vote, issued) -> None:
    """A ballot changed, then the stored digest and the seal's digests recomputed by the program's own code."""
    t = vote_ballots_table
    with store.engine.begin() as conn:
        conn.execute(t.update().where(t.c.vote_id == vote.id, t.c.choices == "3").values(choices="1"))
    record = votes.record(vote.id)
    stored = seal.Seal.from_json(votes.get(vote.id).seal)
    forged = dataclasses.replace(stored, digest=seal.digest(record), parts=seal.part_digests(record),
                                 summary=seal.summary(record))
    with store.engine.begin() as conn:
        conn.execute(votes_table.update().where(votes_table.c.id == vote.id)
                     .values(digest=forged.digest, seal=forged.to_json()))


def _rewrite_ballot_and_an_unsigned_seal(store, votes, vote, issued) -> None:
    """As above, but the seal made anew without the store's key (the database alone does not hold it)."""
    t = vote_ballots_table
    with store.engine.begin() as conn:
        conn.execute(t.update().where(t.c.vote_id == vote.id, t.c.choices == "3").values(choices="1"))
    forged = seal.make(votes.record(vote.id), None)
    with store.engine.begin() as conn:
        conn.execute(votes_table.update().where(votes_table.c.id == vote.id)
                     .values(digest=forged.digest, seal=forged.to_json()))


@pytest.mark.parametrize(("tamper", "named"), [
    (_swap_positions, ["propozycje na karcie", "pozycja 1: było nr", "pozycja 2: było nr"]),
    (_delete_unused_cards, ["karty wydane według sektorów", "„Przedsiębiorcy”: było 2 wydanych, 0 użytych, "
                                                            "jest 0 wydanych, 0 użytych"]),
    (_move_closing_time, ["godziny otwarcia i zamknięcia", "zamknięcie: było"]),
    (_rewrite_ballot_and_its_digest, ["Pieczęć nie pasuje do klucza magazynu"]),
    (_rewrite_ballot_and_an_unsigned_seal, ["Pieczęć nie jest podpisana kluczem magazynu"]),
])
def test_a_record_changed_after_closing_is_niezgodne_naming_what_changed(vote_setup, url, tamper, named, monkeypatch,
                                                                         capsys):
    from analysis.__main__ import main

    store, votes, vote = vote_setup
    issued = _closed_with_unused_cards(votes, vote)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PARTNERSTWO_PSEUDONYM_KEY", KEY.decode())
    made = protocol.build(votes, vote.id, "4. Legionowo")
    assert made.check.ok and "zgodne" in report.protocol_html(made)
    assert main(["protocol", "--verify"]) == 0 and "1 z 1 zamkniętych głosowań zgodnych" in capsys.readouterr().out
    tamper(store, votes, vote, issued)
    made = protocol.build(votes, vote.id, "4. Legionowo")
    page = report.protocol_html(made)
    assert not made.digest_matches and "NIEZGODNE" in page
    level, sentence, details = protocol.record_state(made.check)
    assert level == "mismatch" and "NIEZGODNY" in sentence
    assert main(["protocol", "--verify"]) == 1
    said = capsys.readouterr().out
    assert "NIEZGODNE" in said
    for words in named:
        assert words in html.unescape(page) and words in said and any(words in d for d in details)


def test_the_digest_printed_on_the_protocol_is_checked_by_the_command_line(vote_setup, url, monkeypatch, capsys):
    from analysis.__main__ import main

    store, votes, vote = vote_setup
    _closed_with_unused_cards(votes, vote)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PARTNERSTWO_PSEUDONYM_KEY", KEY.decode())
    printed = votes.get(vote.id).digest
    assert main(["protocol", "--verify", "--digest", printed.upper()]) == 0
    assert "potwierdzona kluczem magazynu i skrótem z wydrukowanego protokołu" in capsys.readouterr().out
    assert main(["protocol", "--verify", "--digest", "0" * 64]) == 1
    assert "nie pasuje do żadnego zamkniętego głosowania" in capsys.readouterr().out


def test_the_record_digest_covers_what_was_on_the_ballot_the_cards_the_times_and_the_ballots():
    from tests.helpers import closed_vote

    record = seal.Record("v" * 32, "2018", 4, 3, dt.datetime(2018, 10, 8, 11), dt.datetime(2018, 10, 8, 11, 20),
                         closed_vote().choices, [seal.IssuedCard("a" * 64, "b" * 64, "ngo", True)],
                         [("ngo", "1 2", "phone")])
    first, second = record.choices[:2]
    changed = [
        dataclasses.replace(record, choices=[dataclasses.replace(first, position=2),
                                             dataclasses.replace(second, position=1), *record.choices[2:]]),
        dataclasses.replace(record, cards=[*record.cards, seal.IssuedCard("c" * 64, "d" * 64, "ngo", False)]),
        dataclasses.replace(record, closed_at=dt.datetime(2018, 10, 8, 11, 21)),
        dataclasses.replace(record, opened_at=dt.datetime(2018, 10, 8, 10, 59)),
        dataclasses.replace(record, ballots=[("ngo", "1 3", "phone")]),
        dataclasses.replace(record, max_choices=2),
    ]
    assert len({seal.digest(record), *(seal.digest(r) for r in changed)}) == len(changed) + 1
    assert seal.digest(dataclasses.replace(record, ballots=[("ngo", "2 1", "phone")])) == seal.digest(record)
