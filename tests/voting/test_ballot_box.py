"""A vote's storage: one card one ballot (by the database), refusals in Polish with nothing stored,
a killed server, saved results and undo, the secret ballot.

Runs on SQLite and on PostgreSQL (the ``url`` fixture).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading

import pytest
import sqlalchemy as sa

from analysis.errors import UserError
from analysis.store import open_store
from analysis.store.schema import (
    vote_ballots_table,
    vote_cards_table,
    vote_cards_voted_table,
)
from analysis.voting import codes
from analysis.voting.ballot_box import Votes
from tests.stores import KEY
from tests.voting.support import ADDRESS, ballots_stored, refused, waiting

# --- one card, one ballot -------------------------------------------------------------------------


def test_a_card_and_its_code_are_stored_only_as_hashes(vote_setup):
    store, votes, vote = vote_setup
    issued = votes.issue_cards(vote.id, "education", 3)
    with store.engine.connect() as conn:
        dumped = " ".join(str(v) for row in conn.execute(sa.select(vote_cards_table)).all() for v in row)
    for card in issued:
        assert card.token not in dumped and card.code not in dumped
        assert codes.token_hash(card.token) in dumped and codes.code_hash(card.code) in dumped


def test_one_card_voting_from_two_sessions_at_once_counts_once(vote_setup, url):
    store, votes, vote = vote_setup
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def session(positions: list[int]) -> None:  # each with its own engine, as two server processes would
        other = Votes(open_store(url, key=KEY, seed_sample=False))
        state = other.card(codes.recognise(card.token))
        barrier.wait(timeout=30)
        try:
            other.cast(vote.id, state.hash, positions)
            outcomes.append("stored")
        except UserError as exc:
            outcomes.append(exc.code)
        other.engine.dispose()

    threads = [threading.Thread(target=session, args=(p,)) for p in ([1, 2], [3])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["card_used", "stored"]
    assert ballots_stored(votes, vote.id) == 1
    assert votes.card(codes.recognise(codes.shown_code(card.code))).used  # the code knows it too
    refused(lambda: votes.cast(vote.id, codes.token_hash(card.token), [4]), "card_used")
    assert ballots_stored(votes, vote.id) == 1


def test_the_database_itself_refuses_a_second_ballot_of_a_card(vote_setup):
    """Not only the page and the store's check: the card is the primary key of the "voted" table, and a
    ballot is written in the same transaction, so a second one goes with the refused card."""
    store, votes, vote = vote_setup
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(card.token), [1])
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(vote_ballots_table.insert().values(id="f" * 32, vote_id=vote.id, sector="ngo", choices="2",
                                                        channel="paper"))
        conn.execute(vote_cards_voted_table.insert().values(card=codes.token_hash(card.token), vote_id=vote.id,
                                                            sector="ngo"))
    assert ballots_stored(votes, vote.id) == 1


# --- refusals: a Polish sentence, nothing stored ------------------------------------------------


def test_refusals_say_why_in_polish_and_store_nothing(vote_setup):
    store, votes, vote = vote_setup
    cards_ = votes.issue_cards(vote.id, "business", 3)
    card = codes.token_hash(cards_[0].token)
    assert "nie rozpoczęło" in refused(lambda: votes.cast(vote.id, card, [1]), "vote_not_open")
    votes.open(vote.id)
    other = votes.create("2018", 5, waiting(store)[:4], 2, ADDRESS)
    [foreign] = votes.issue_cards(other.id, "business", 1)
    votes.open(other.id)
    assert "innego głosowania" in refused(lambda: votes.cast(vote.id, codes.token_hash(foreign.token), [1]),
                                          "card_of_other_vote")
    refused(lambda: votes.cast(vote.id, codes.token_hash(codes.new_token()), [1]), "card_unknown")
    refused(lambda: votes.card(codes.recognise(codes.new_token())), "card_unknown")
    forged = codes.new_code()  # a well-formed code no card has
    assert "Nie znamy takiej karty" in refused(lambda: votes.card(codes.recognise(forged)), "card_unknown")
    refused(lambda: votes.cast(vote.id, card, []), "no_choice")
    refused(lambda: votes.cast(vote.id, card, [1, 2, 3, 4]), "too_many_choices")
    refused(lambda: votes.cast(vote.id, card, [99]), "choice_unknown")
    assert ballots_stored(votes, vote.id) == 0
    votes.cast(vote.id, card, [1, 2, 3])
    votes.close(vote.id)
    assert "zamknięte" in refused(lambda: votes.cast(vote.id, codes.token_hash(cards_[1].token), [1]), "vote_closed")
    refused(lambda: votes.issue_cards(vote.id, "business", 1), "vote_closed")
    assert ballots_stored(votes, vote.id) == 1
    assert all(m for m in (refused(lambda: votes.save_result(other.id), "vote_not_closed"),))


def _cast_then_die(url: str, vote_id: str, tokens: list[str]) -> None:
    """A server process that stores ballots and is then killed without any shutdown."""
    votes = Votes(open_store(url, key=KEY, seed_sample=False))
    for token in tokens:
        votes.cast(vote_id, codes.token_hash(token), [2, 5])
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_server_killed_in_the_middle_of_a_vote_loses_no_ballot(vote_setup, url):
    store, votes, vote = vote_setup
    issued = votes.issue_cards(vote.id, "health", 8)
    votes.open(vote.id)
    process = multiprocessing.get_context("spawn").Process(
        target=_cast_then_die, args=(url, vote.id, [c.token for c in issued[:5]]))
    process.start()
    process.join(timeout=120)
    assert process.exitcode == -signal.SIGKILL
    restarted = Votes(open_store(url, key=KEY))  # the server started again
    assert ballots_stored(restarted, vote.id) == 5 and restarted.get(vote.id).state == "open"
    refused(lambda: restarted.cast(vote.id, codes.token_hash(issued[0].token), [1]), "card_used")
    restarted.cast(vote.id, codes.token_hash(issued[5].token), [1])  # the vote goes on
    assert restarted.result(vote.id).turnout.cast == 6
    restarted.engine.dispose()


def test_a_later_saved_result_wins_and_undo_brings_the_earlier_back(vote_setup):
    store, votes, vote = vote_setup
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(card.token), [1, 2])
    votes.close(vote.id)
    votes.save_result(vote.id, chosen={1})
    second = votes.save_result(vote.id, chosen={2})
    selected = store.dataset().proposals.query("workshop == 3 and status == 'selected'")["number"].tolist()
    assert selected == [2]
    store.undo(second.id)
    selected = store.dataset().proposals.query("workshop == 3 and status == 'selected'")["number"].tolist()
    assert selected == [1]


# --- the secret ballot: who voted apart from what was cast ---------------------------------------


def test_the_choices_cannot_be_joined_back_to_a_card(vote_setup, url):
    store, votes, vote = vote_setup
    plan = [[1], [2], [3], [4], [5], [1, 2], [2, 3], [3, 4], [4, 5], [1, 5]]  # each ballot told apart by its choices
    issued = votes.issue_cards(vote.id, "education", len(plan))
    votes.open(vote.id)
    for card, chosen in zip(issued, plan, strict=True):
        votes.cast(vote.id, codes.token_hash(card.token), chosen)
    cast_order = [" ".join(str(p) for p in chosen) for chosen in plan]
    hashes = {codes.token_hash(c.token) for c in issued} | {codes.code_hash(c.code) for c in issued}
    with store.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("vote_ballots")}
        assert columns == {"id", "vote_id", "sector", "choices", "channel"}  # no card, no time, no counter
        rows = conn.execute(sa.select(vote_ballots_table)).all()
        assert not hashes & {str(v) for row in rows for v in row}
        voted = {c["name"] for c in sa.inspect(conn).get_columns("vote_cards_voted")}
        assert voted == {"card", "vote_id", "sector"}  # "this card has voted": no time, no choices
        ids = [r.id for r in rows]
        assert len(set(ids)) == len(plan) and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    votes.close(vote.id)
    with store.engine.connect() as conn:
        physical = sa.text("SELECT choices FROM vote_ballots" + (" ORDER BY ctid" if store.engine.dialect.name
                                                                  == "postgresql" else ""))
        stored = conn.execute(physical).scalars().all()
        by_key = conn.execute(sa.select(vote_ballots_table.c.choices).order_by(vote_ballots_table.c.id)).scalars().all()
    assert stored == by_key  # the rows lie in the order of their random keys...
    assert stored != cast_order and sorted(stored) == sorted(cast_order)  # ...not of casting (1 in 10! by chance)
    assert sorted(votes.ballots(vote.id)["choices"]) == sorted(cast_order)
    assert votes.result(vote.id).turnout.cast == len(plan)


def _race_the_same_card(url: str, vote_id: str, card: str, barrier, outcomes: list[str]) -> None:
    """A server whose own check was skipped: only the database stands between two ballots of one card."""
    other = Votes(open_store(url, key=KEY, seed_sample=False))
    barrier.wait(timeout=30)
    try:
        other.cast(vote_id, card, [1])
        outcomes.append("stored")
    except UserError as exc:
        outcomes.append(exc.code)
    finally:
        other.engine.dispose()


def test_the_database_refuses_a_second_ballot_of_a_card_in_a_race_when_the_checks_are_skipped(
        vote_setup, url, monkeypatch):
    from analysis.voting import ballot_box as voting_store

    store, votes, vote = vote_setup
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    monkeypatch.setattr(voting_store, "_voted", lambda conn, card: False)  # every check says "not voted yet"
    barrier, outcomes = threading.Barrier(3), []
    threads = [threading.Thread(target=_race_the_same_card,
                                args=(url, vote.id, codes.token_hash(card.token), barrier, outcomes))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["card_used", "card_used", "stored"]
    assert ballots_stored(votes, vote.id) == 1  # the refused card's ballot went with it
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:  # and below the store's code
        conn.execute(vote_cards_voted_table.insert().values(card=codes.token_hash(card.token), vote_id=vote.id,
                                                            sector="ngo"))
