"""``python -m analysis report --format evaluation|evaluation-pdf``: the yearly evaluation of a whole cycle."""

from __future__ import annotations

import json


def test_the_evaluation_of_a_cycle_is_written_as_html_with_the_numbers_of_metrics(cli, tmp_path):
    out = tmp_path / "ocena.html"
    done = cli("report", "--format", "evaluation", "--out", str(out), "--cycle", "2018")
    assert (done.returncode, done.stdout) == (0, f"Zapisano ocenę partnerstwa za cykl 2018 (HTML do druku): {out}\n")
    page = out.read_text(encoding="utf-8")
    numbers = json.loads(cli("metrics", "--cycle", "2018", "--json").stdout)
    assert "<h1>Ocena partnerstwa — cykl 2018</h1>" in page
    assert f"<td>{numbers['unique_participants']}</td>" in page  # 134 on the summary page
    density = numbers["network_density"]
    assert f"{density['density']:.2f}".replace(".", ",") in page
    assert "lista_obecnosci_1_serock.xlsx" in page and "propozycje_2018.xlsx" in page


def test_an_evaluation_is_of_a_cycle_and_other_reports_of_a_workshop(cli, tmp_path):
    out = tmp_path / "ocena.html"
    assert cli("report", "--format", "evaluation", "--out", str(out), "--workshop", "2").returncode == 2
    assert cli("report", "--format", "html", "--out", str(out), "--cycle", "2018").returncode == 2
    refused = cli("report", "--format", "evaluation", "--out", str(out), "--cycle", "2017")
    assert refused.returncode == 1 and "Cykle w magazynie: 2018, 2019" in refused.stdout
    assert not out.exists()


def test_without_chromium_the_pdf_is_refused_with_what_to_do(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_CHROMIUM", str(tmp_path / "brak-przegladarki"))
    out = tmp_path / "ocena.pdf"
    done = cli("report", "--format", "evaluation-pdf", "--out", str(out))
    assert done.returncode == 1 and "Ctrl+P" in done.stdout and "--format evaluation" in done.stdout
    assert not out.exists() and "Traceback" not in done.stderr
