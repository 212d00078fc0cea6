"""The one results file of the benchmarks: ``benchmarks/RESULTS.md`` holds the latest run of each.

Every script of ``benchmarks/`` ends with::

    if __name__ == "__main__":
        with recorded(__file__):
            main()

``recorded`` passes everything the script prints through to the terminal and keeps a copy. When the
script ends without an exception (a crash, a usage error or ``--help`` changes nothing), ``record``
replaces that benchmark's section of RESULTS.md with what it printed, the date (UTC), the command line
and the machine's load average (``os.getloadavg()``) before and after the run.
A section is the text between ``<!-- begin: NAME -->`` and ``<!-- end: NAME -->``; what stands outside
the markers (the heading, the target) is kept as written.
A benchmark without a section yet gets one at the end of the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def _load() -> str:
    return " / ".join(f"{value:.2f}".replace(".", ",") for value in os.getloadavg())


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- begin: {name} -->", f"<!-- end: {name} -->"


def section(name: str, lines: list[str], load_before: str, load_after: str, command: str,
            when: dt.datetime | None = None) -> str:
    """The text of one benchmark's section (markers included): what the run printed and when, under what load."""
    begin, end = _markers(name)
    stamp = (when or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    return (f"{begin}\n"
            f"Ostatni pomiar: **{stamp}**, `{command}`, liczba rdzeni: {os.cpu_count()}; średnie obciążenie "
            f"(1 / 5 / 15 min) przed: {load_before}, po: {load_after}.\n\n"
            f"```\n{body}\n```\n"
            f"{end}")


def replace_section(text: str, name: str, new: str) -> str:
    """``text`` with the section ``name`` replaced by ``new`` (appended, under a heading, when absent)."""
    begin, end = _markers(name)
    start = text.find(begin)
    stop = text.find(end, start)
    if start == -1 or stop == -1:
        return f"{text.rstrip()}\n\n## {name}\n\n{new}\n"
    return text[:start] + new + text[stop + len(end):]


def record(name: str, lines: list[str], load_before: str, command: str) -> None:
    """Replace the section ``name`` of RESULTS.md with ``lines`` (what the benchmark printed), dated now."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Wyniki pomiarów\n"
    updated = replace_section(text, name, section(name, lines, load_before, _load(), command))
    temporary = RESULTS.with_suffix(".md.tmp")
    temporary.write_text(updated, encoding="utf-8")
    os.replace(temporary, RESULTS)  # a reader never sees half a file


class _Tee(io.TextIOBase):
    """Writes to the terminal and keeps a copy."""

    def __init__(self, terminal: TextIO) -> None:
        self.terminal = terminal
        self.copy = io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self.terminal.write(text)

    def flush(self) -> None:
        self.terminal.flush()

    def isatty(self) -> bool:
        return self.terminal.isatty()

    def fileno(self) -> int:
        return self.terminal.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.terminal.encoding


@contextlib.contextmanager
def recorded(script: str) -> Iterator[None]:
    """Run the body with its printed lines kept; on a normal end, write them as the script's section."""
    name = Path(script).stem
    command = " ".join(["python", f"benchmarks/{Path(script).name}", *sys.argv[1:]])
    load_before = _load()
    tee = _Tee(sys.stdout)
    sys.stdout = tee
    try:
        yield  # an exception (a crash, a usage error, --help) leaves the results file as it was
    finally:
        sys.stdout = tee.terminal
    record(name, tee.copy.getvalue().splitlines(), load_before, command)
    print(f"(wyniki zapisane w {RESULTS.relative_to(RESULTS.parents[1])})")
