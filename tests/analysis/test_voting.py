"""Votes at a workshop: cards, ballots (one per card, by the database), refusals, restart, 49%, tallies agree.

The store parts run on SQLite and on PostgreSQL (the ``url`` fixture).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import multiprocessing
import os
import re
import signal
import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from analysis import report
from analysis.errors import CODES, UserError
from analysis.report import cards
from analysis.store import open_store
from analysis.store.schema import (
    vote_ballots_table,
    vote_cards_table,
    vote_cards_voted_table,
    vote_proposals_table,
    votes_table,
)
from analysis.voting import codes, protocol, seal, tally
from analysis.voting.store import Choice, Votes
from tests.stores import KEY

ADDRESS = "http://192.168.1.20:8501"


def sample_store(url: str):
    """The sample cycle (15 proposals of Jabłonna waiting for the vote in Legionowo)."""
    return open_store(url, key=KEY)


def waiting(store) -> list[Choice]:
    proposals = store.dataset().proposals
    proposals = proposals[proposals["cycle"] == "2018"]  # the sample's cycle 2018 (2019 is there too)
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["workshop"] < 4)]
    return [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(a) else int(a))
            for c, w, n, t, a in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"], rows["area"],
                                     strict=True)]


@pytest.fixture
def vote_setup(url):
    store = sample_store(url)
    votes = Votes(store)
    vote = votes.create("2018", 4, waiting(store), 3, ADDRESS)
    yield store, votes, vote
    store.engine.dispose()


def ballots_stored(votes: Votes, vote_id: str) -> int:
    return len(votes.ballots(vote_id))


def refused(call, code: str) -> str:
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.code == code and code in CODES
    return caught.value.message


# --- codes --------------------------------------------------------------------------------------


def test_the_check_character_catches_one_wrong_character_and_swapped_neighbours():
    for _ in range(50):
        code = codes.new_code()
        assert codes.check_character(code[:-1]) == code[-1]
        for i in range(len(code) - 1):
            for other in codes.ALPHABET:
                if other != code[i]:
                    typo = code[:i] + other + code[i + 1:]
                    assert codes.check_character(typo[:-1]) != typo[-1]
    caught = total = 0
    for _ in range(200):
        code = codes.new_code()
        for i in range(len(code) - 2):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
                total += 1
                caught += codes.check_character(swapped[:-1]) != swapped[-1]
    assert caught / total > 0.9


def test_codes_have_no_look_alikes_and_tokens_carry_at_least_80_bits():
    assert not set("0O1IL2Z5S8BVGQ") & set(codes.ALPHABET)
    assert codes.TOKEN_BYTES * 8 >= 80
    assert len({codes.new_token() for _ in range(1000)}) == 1000


def test_what_people_type_or_scan_is_recognised():
    token, code = codes.new_token(), codes.new_code()
    by_token = codes.Secret("token", codes.token_hash(token))
    assert codes.recognise(codes.card_url(ADDRESS, token)) == by_token  # a QR scanner types the URL
    assert codes.recognise(token) == by_token
    typed = f" {codes.shown_code(code).lower()} ".replace("-", " ")
    assert codes.recognise(typed) == codes.Secret("code", codes.code_hash(code))
    wrong = code[:3] + ("A" if code[3] != "A" else "C") + code[4:]
    assert "literówkę" in refused(lambda: codes.recognise(wrong), "code_mistyped")
    assert "za krótki" in refused(lambda: codes.recognise("12345"), "code_too_short")
    assert "za długi" in refused(lambda: codes.recognise(code + "A"), "code_too_long")
    bad = refused(lambda: codes.recognise("ABCD-EFGH-X"), "code_bad_characters")  # B and G: on no card
    assert "niedozwolone znaki (B, G)" in bad
    assert "niedozwolone znaki (0)" in refused(lambda: codes.recognise(code[:4] + "0" + code[5:]), "code_bad_characters")
    for example in (codes.EXAMPLE, codes.PATTERN, codes.PATTERN.lower()):  # what the page itself shows
        assert "wzór kodu" in refused(lambda e=example: codes.recognise(e), "code_example")
    refused(lambda: codes.recognise(""), "card_unknown")


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


# --- the 49% rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(("cast", "over"), [
    ({"local_government": 5, "business": 3, "ngo": 2}, ["local_government", "public"]),  # 50% of one sector
    ({"local_government": 3, "education": 2, "business": 3, "ngo": 2}, ["public"]),  # 50% public together
    ({"local_government": 49, "business": 26, "ngo": 25}, []),  # exactly 49%: allowed
    ({"business": 5, "craft_guild": 1, "ngo": 4}, ["business"]),  # a business sector alone above 49%
    ({"local_government": 2, "business": 4, "ngo": 4}, []),
])
def test_the_49_percent_rule_on_hand_made_ballots(cast, over):
    balance = tally.balance(cast)
    assert balance.over == over and balance.ok is (not over)
    sentence = protocol.balance_sentence(balance)
    assert ("nie jest spełniona" in sentence) is bool(over) and "1303/2013" in (sentence if over else tally.LEGAL_BASIS)


def test_the_warning_for_paper_ballots_entered_by_hand(vote_setup):
    store, votes, vote = vote_setup
    public = votes.issue_cards(vote.id, "local_government", 3) + votes.issue_cards(vote.id, "education", 2)
    others = votes.issue_cards(vote.id, "ngo", 4)
    votes.open(vote.id)
    for card in public + others:  # paper cards typed in by the office: the short code
        state = votes.card(codes.recognise(codes.shown_code(card.code)))
        votes.cast(vote.id, state.hash, [1], channel="paper")
    votes.close(vote.id)
    result = votes.result(vote.id)
    assert result.balance.public == 5 and result.balance.over == ["public"]
    made = protocol.build(votes, vote.id, "4. Legionowo")
    assert made.channels == {"paper": 9}
    assert "Uwaga: zasada 49% nie jest spełniona" in report.protocol_html(made)


# --- tallies agree: projector numbers, protocol, store --------------------------------------------


def _cast(votes: Votes, vote, plan: dict[str, list[list[int]]]) -> dict[int, int]:
    """Cards issued per sector (one left unused in each), the vote opened, each card's ballot cast;
    the expected votes per position."""
    expected: dict[int, int] = {}
    for sector, ballots in plan.items():
        issued = votes.issue_cards(vote.id, sector, len(ballots) + 1)
        if not votes.get(vote.id).opened_at:
            votes.open(vote.id)
        for card, chosen in zip(issued, ballots, strict=False):
            votes.cast(vote.id, codes.token_hash(card.token), chosen)
            for p in chosen:
                expected[p] = expected.get(p, 0) + 1
    return expected


def test_tallies_in_the_result_protocol_and_store_agree(vote_setup):
    store, votes, vote = vote_setup
    plan = {"local_government": [[1, 2, 3], [1, 4]], "business": [[1, 2], [2], [5, 1, 7]],
            "ngo": [[1], [3, 2], [15]], "education": [[6, 2, 1]]}
    expected = _cast(votes, vote, plan)
    votes.close(vote.id)
    result = votes.result(vote.id)
    assert {r.position: r.votes for r in result.ranking if r.votes} == expected
    assert result.ranking[0].position == 1 and result.ranking[0].votes == 6 and result.ranking[1].votes == 5
    assert result.turnout.issued == 13 and result.turnout.cast == 9
    assert dict((s, (i, c)) for s, i, c in result.turnout.by_sector)["business"] == (4, 3)
    first = result.ranking[0]
    assert first.by_sector == {"local_government": 2, "business": 2, "education": 1, "ngo": 1}
    made = protocol.build(votes, vote.id, "4. Legionowo")
    page = report.protocol_html(made)
    assert made.digest_matches and vote.id and made.check.digest in page and "zgodne" in page
    book = load_workbook(io.BytesIO(report.protocol_xlsx(made)))
    rows = list(book["Wynik"].iter_rows(min_row=2, values_only=True))
    assert {r[1]: r[5] for r in rows} == {c.number: expected.get(c.position, 0) for c in votes.choices(vote.id)}
    turnout = list(book["Karty według sektorów"].iter_rows(min_row=2, values_only=True))
    assert turnout[-1][:3] == ("Razem", 13, 9)
    batch = votes.save_result(vote.id, chosen={1, 2})
    proposals = store.dataset().proposals
    proposals = proposals[proposals["cycle"] == "2018"]
    voted = proposals[proposals["workshop"] == 3].set_index("number")
    for choice in votes.choices(vote.id):
        assert voted.loc[choice.number, "votes"] == expected.get(choice.position, 0)
    assert set(voted.index[voted["status"] == "selected"]) == {1, 2}
    assert [b.kind for b in store.history()][-1] == "votes" and votes.saved(vote.id)[1] == {1, 2}
    assert "tak" in [r[6] for r in load_workbook(io.BytesIO(report.protocol_xlsx(protocol.build(
        votes, vote.id, "4. Legionowo"))))["Wynik"].iter_rows(min_row=2, values_only=True)]
    store.undo(batch.id)  # undo: the proposals as imported
    proposals = store.dataset().proposals
    proposals = proposals[proposals["cycle"] == "2018"]
    assert proposals[proposals["workshop"] == 3]["votes"].isna().all()
    assert set(proposals[proposals["workshop"] == 3]["status"]) == {"to_vote"}
    assert votes.saved(vote.id) == (None, set())


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


def test_a_ballot_changed_after_closing_shows_in_the_protocol(vote_setup):
    store, votes, vote = vote_setup
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(card.token), [1])
    votes.close(vote.id)
    with store.engine.begin() as conn:
        conn.execute(vote_ballots_table.update().values(choices="2"))
    made = protocol.build(votes, vote.id, "4. Legionowo")
    assert not made.digest_matches and "NIEZGODNE" in report.protocol_html(made)


def test_printable_cards_hold_a_local_qr_code_and_the_code_of_each_card(vote_setup):
    store, votes, vote = vote_setup
    issued = votes.issue_cards(vote.id, "culture_sport", 10)
    page = cards.cards_html(issued, ADDRESS, "4. Legionowo", 3)
    assert page.count("<svg") == 10 and page.count("class='page'") == 2  # eight cards a page
    for card in issued:
        assert codes.shown_code(card.code) in page
    assert "Kultura i sport" in page and "size:A4" in page
    assert not re.search(r"(src|href)=['\"]?https?:", page)  # nothing fetched when printed
    refused(lambda: votes.issue_cards(vote.id, "not_a_sector", 1), "vote_bad_settings")
    refused(lambda: votes.create("2018", 4, [], 3, ADDRESS), "vote_no_proposals")
    refused(lambda: votes.create("2018", 4, waiting(store)[:2], 3, ADDRESS), "vote_bad_settings")


def test_the_protocol_from_the_command_line(vote_setup, url, tmp_path, monkeypatch, capsys):
    from analysis.__main__ import main

    store, votes, vote = vote_setup
    monkeypatch.setenv("DATABASE_URL", url)
    out = tmp_path / "protokol.xlsx"
    assert main(["protocol", "--out", str(out)]) == 1 and "Nie ma zamkniętego głosowania" in capsys.readouterr().out
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(card.token), [3])
    votes.close(vote.id)
    assert main(["protocol", "--out", str(out), "--workshop", "4"]) == 0
    rows = list(load_workbook(out)["Wynik"].iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == 3 and rows[0][5] == 1
    assert main(["protocol", "--out", str(tmp_path / "p.html")]) == 0
    assert vote.id and votes.get(vote.id).digest in (tmp_path / "p.html").read_text(encoding="utf-8")


# --- the result in the reports ---------------------------------------------------------------------


def _public_heavy_vote(votes: Votes, vote) -> dict[int, int]:
    """Ballots where the public sector casts 4 of 6 (67% > 49%); the expected votes per position."""
    plan = {"local_government": [[1, 2], [2]], "education": [[2, 3], [5]], "business": [[1, 2, 3]], "ngo": [[3]]}
    return _cast(votes, vote, plan)


def test_the_reports_show_the_newest_closed_vote_with_the_numbers_of_the_protocol_and_the_store(vote_setup):
    from pptx import Presentation

    store, votes, vote = vote_setup
    expected = _public_heavy_vote(votes, vote)
    assert not {s.key for s in report.build(store.dataset(), 4, votes=votes).slides} & set(report.VOTE_SLIDES)
    votes.close(vote.id)  # only a closed vote is in the reports
    made = report.build(store.dataset(), 4, votes=votes)
    slides = {s.key: s for s in made.slides}
    assert [k for k in slides if k in report.VOTE_SLIDES] == list(report.VOTE_SLIDES)
    result = protocol.build(votes, vote.id, votes.workshop_name(vote)).result
    choices = {c.position: c for c in votes.choices(vote.id)}
    stored = votes.ballots(vote.id)
    # the ranking: the report's rows are the protocol's, and the store's ballots counted by hand
    ranking = slides["vote_result"].data
    assert ranking["Głosy"].tolist() == [r.votes for r in result.ranking]
    assert [int(label.split(".")[0]) for label in ranking["Propozycja"]] == [r.number for r in result.ranking]
    by_number = {choices[p].number: n for p, n in expected.items()}
    assert {int(label.split(".")[0]): v for label, v in zip(ranking["Propozycja"], ranking["Głosy"], strict=True)
            if v} == by_number
    assert sum(ranking["Głosy"]) == sum(len(c.split()) for c in stored["choices"])
    assert slides["vote_result"].headline == f"{len(stored)} z {result.turnout.issued} kart" == "6 z 10 kart"
    # the balance: 4 of 6 ballots public — the 49% warning, as on the projector and in the protocol
    balance = slides["vote_balance"].data.set_index("Sektor")
    assert balance.loc["Sektor publiczny razem", "Karty (głosy)"] == 4
    assert balance.loc["Sektor publiczny razem", "Udział w głosach"] == pytest.approx(4 / 6)
    assert slides["vote_balance"].headline == "49%: przekroczona"
    assert slides["vote_balance"].message == protocol.balance_sentence(result.balance)
    assert "nie jest spełniona" in slides["vote_balance"].message
    # votes by sector and the protocol's facts with the digest recorded at closing
    sectors = slides["vote_sectors"].data.set_index("Propozycja")
    assert sectors.sum().to_dict() == {"Samorząd (gminy i powiat)": 3, "Edukacja": 3, "Przedsiębiorcy": 3,
                                       "Organizacje pozarządowe": 1}
    digest = votes.get(vote.id).digest
    assert digest == votes.check(vote.id).digest == seal.digest(votes.record(vote.id))
    assert digest in slides["vote_protocol"].message and "zgodny" in slides["vote_protocol"].message
    assert f"Skrót zapisu głosowania przy zamknięciu (SHA-256): {digest}" in slides["vote_protocol"].notes
    cards = slides["vote_protocol"].data
    assert (cards["Karty wydane"].sum(), cards["Karty użyte"].sum()) == (10, 6)
    # every format carries them: the HTML and Excel reports all four, the show and the deck the projector's two
    page = report.to_html(made)
    assert "<section id='vote_result'>" in page and digest in page and "49%: przekroczona" in page
    book = load_workbook(io.BytesIO(report.to_xlsx(made, store.dataset())))
    rows = list(book["Wynik głosowania"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert [v for _, v in rows if v is not None] == [r.votes for r in result.ranking]
    assert any(digest in str(c.value) for row in book["Protokół głosowania"].iter_rows() for c in row)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    titles = [s.shapes.title.text for s in deck.slides]
    assert "Wynik głosowania" in titles and "Kto głosował: sektory" in titles and "Protokół głosowania" not in titles
    assert "data-key='vote_result'" in report.to_show(made) and "data-key='vote_protocol'" not in report.to_show(made)


def test_the_report_command_includes_the_closed_vote(vote_setup, url, tmp_path, monkeypatch, capsys):
    from analysis.__main__ import main

    store, votes, vote = vote_setup
    monkeypatch.setenv("DATABASE_URL", url)
    _public_heavy_vote(votes, vote)
    votes.close(vote.id)
    out = tmp_path / "raport.xlsx"
    assert main(["report", "--format", "xlsx", "--out", str(out), "--workshop", "4"]) == 0
    ranking = list(load_workbook(out)["Wynik głosowania"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert [v for _, v in ranking if v is not None] == [r.votes for r in votes.result(vote.id).ranking]
    earlier = tmp_path / "raport3.html"  # a report at the workshop before the vote does not show it
    assert main(["report", "--format", "html", "--out", str(earlier), "--workshop", "3"]) == 0
    assert "Wynik głosowania" not in earlier.read_text(encoding="utf-8")


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
    from analysis.voting import store as voting_store

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
