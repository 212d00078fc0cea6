"""The A4 poster of a check-in: the QR code of the phone's check-in address, the address to type, nothing fetched."""

from __future__ import annotations

import re

from analysis.checkin import phone
from analysis.report import checkin_poster_html
from analysis.report.cards import qr_svg

ADDRESS = "http://192.168.1.20:8501"


def test_the_poster_holds_the_qr_code_of_the_check_ins_form_and_the_address_to_type():
    url = phone.phone_url(ADDRESS + "/", "c0ffee" * 5 + "ab")
    assert url == f"{ADDRESS}/rejestracja?wejscie={'c0ffee' * 5}ab"
    page = checkin_poster_html(url, phone.page_url(ADDRESS), "2. Legionowo", "8.10.2026, Ratusz", "Sala-Gosc",
                               "31.12.2026")
    assert qr_svg(url) in page and page.count("<svg") == 1  # the QR code of exactly that address
    assert f"{ADDRESS}/rejestracja<" in page and "Warsztat 2. Legionowo" in page and "8.10.2026, Ratusz" in page
    assert "Sala-Gosc" in page and "do 31.12.2026" in page and "size:A4" in page and "<h1>Zarejestruj się telefonem" in page
    assert not re.search(r"(src|href)=['\"]?https?:", page)  # nothing fetched when printed


def test_what_the_office_types_onto_the_poster_is_text_not_markup():
    page = checkin_poster_html(phone.phone_url(ADDRESS, "x"), phone.page_url(ADDRESS), "<b>2</b>", "",
                               "<script>alert(1)</script>\x07")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "\x07" not in page
    assert "&lt;b&gt;2&lt;/b&gt;" in page
    assert "połącz się z siecią" in page
    plain = checkin_poster_html(phone.phone_url(ADDRESS, "x"), phone.page_url(ADDRESS), "2. Legionowo")
    assert "połącz się z siecią" not in plain and "przechowywaną do" not in plain
