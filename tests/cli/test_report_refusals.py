"""``python -m analysis report`` refuses a wrong workshop and a path it cannot write, in Polish."""

from __future__ import annotations

import os

from tests import commands


def test_report_refuses_a_wrong_workshop_and_a_bad_path_in_polish(tmp_path, sample_folder):
    env = dict(os.environ, PARTNERSTWO_DATA_DIR=str(sample_folder))  # a new data folder, the sample in it
    env.pop("DATABASE_URL", None)

    def run(*args):
        return commands.run(*args, env=env)

    assert run("report", "--format", "html", "--out", str(tmp_path / "r.html"), "--workshop", "0").returncode == 2
    done = run("report", "--format", "html", "--out", "/dev/full")
    assert done.returncode == 1 and "miejsce" in done.stdout and "Traceback" not in done.stderr


def test_the_report_and_the_metrics_commands_refuse_an_unknown_workshop_in_one_sentence(cli, sample_folder, tmp_path):
    sentence = ("W cyklu 2018 nie ma warsztatu 9. Warsztaty tego cyklu: 1. Serock, 2. Wieliszew, 3. Jabłonna, "
                "4. Legionowo, 5. Nieporęt. Podaj numer jednego z nich (--workshop).\n")
    by_metrics = cli("metrics", "--workshop", "9", "--json")
    by_report = cli("report", "--format", "html", "--out", str(tmp_path / "r.html"), "--workshop", "9")
    assert (by_metrics.returncode, by_metrics.stderr) == (1, sentence)
    assert (by_report.returncode, by_report.stdout) == (1, sentence)
    assert not (tmp_path / "r.html").exists()
