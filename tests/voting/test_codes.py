"""Ballot cards' tokens and short codes: check character, no look-alikes, what people type or scan."""

from __future__ import annotations

from analysis.voting import codes
from tests.voting.support import ADDRESS, refused


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
