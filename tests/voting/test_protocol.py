"""The vote's protocol: the paper-ballot warning, a ballot changed after closing, the command line,
the newest closed vote in the reports.

Runs on SQLite and on PostgreSQL (the ``url`` fixture).
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from analysis import report
from analysis.store.schema import (
    vote_ballots_table,
)
from analysis.voting import codes, protocol, seal
from analysis.voting.ballot_box import Votes
from tests.voting.support import cast_plan


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
    return cast_plan(votes, vote, plan)


def test_the_reports_show_the_newest_closed_vote_with_the_numbers_of_the_protocol_and_the_store(vote_setup):
    from pptx import Presentation

    store, votes, vote = vote_setup
    expected = _public_heavy_vote(votes, vote)
    before = report.build(store.dataset(), 4, keys=list(report.VOTE_SLIDES), votes=votes)  # the vote's slides asked for
    assert not {s.key for s in before.slides} & set(report.VOTE_SLIDES)
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
    book = load_workbook(io.BytesIO(report.to_xlsx(made)))
    rows = list(book["Wynik głosowania"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert [v for _, v in rows if v is not None] == [r.votes for r in result.ranking]
    assert any(digest in str(c.value) for row in book["Protokół głosowania"].iter_rows() for c in row)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    titles = [s.shapes.title.text for s in deck.slides]
    assert "Wynik głosowania" in titles and "Kto głosował: sektory" in titles and "Protokół głosowania" not in titles
    show = report.to_show(made)
    assert "data-key='vote_result'" in show and "data-key='vote_protocol'" not in show


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
