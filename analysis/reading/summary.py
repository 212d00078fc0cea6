"""What a check of files reports: rows, counts by sector, area and workshop, problems; and the preview
of a table the import page shows.

One place computes these counts; the CLI's JSON and text and the app's check page show them.
"""

from __future__ import annotations

from typing import TypedDict

import pandas as pd

from analysis.display import counted, number
from analysis.errors import NOTICE_CODES
from analysis.fields import FIELD_LABELS, ONE_WORKSHOP_KINDS, PREVIEW_HEADINGS, TableKind
from analysis.tables import FileResult, ProblemDict, Table
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
    AREAS,
    GMINA_LABELS,
    KIND_LABELS,
    SECTOR_CODES,
    SECTOR_LABELS,
    STATUSES,
)


def _counts(series: pd.Series, order: list) -> dict[str, int]:
    counts = series.dropna().value_counts()
    return {str(key): int(counts[key]) for key in order if key in counts.index and counts[key] > 0}


class TableSummary(TypedDict):
    """One table of a checked file: its rows, counts (code or number -> rows) and problems."""

    sheet: str
    kind: TableKind
    rows: int
    by_sector: dict[str, int]
    by_area: dict[str, int]
    by_workshop: dict[str, int]
    problems: list[ProblemDict]


class FileSummary(TypedDict):
    file: str
    ok: bool
    error: str | None
    error_code: str | None
    tables: list[TableSummary]
    notes: list[str]


class CheckReport(TypedDict):
    """What ``python -m analysis check --json`` prints."""

    files: list[FileSummary]


def table_summary(table: Table) -> TableSummary:
    frame = table.frame
    by_sector = _counts(frame["sector"], list(SECTOR_CODES)) if table.kind == "attendance" else {}
    by_area = _counts(frame["area"], list(AREAS)) if table.kind == "proposals" else {}
    workshops = sorted(int(w) for w in frame["workshop"].dropna().unique()) if "workshop" in frame else []
    by_workshop = _counts(frame["workshop"], workshops) if "workshop" in frame else {}
    return {
        "sheet": table.sheet,
        "kind": table.kind,
        "rows": table.rows,
        "by_sector": by_sector,
        "by_area": by_area,
        "by_workshop": by_workshop,
        "problems": [p.as_dict() for p in table.problems],
    }


def file_summary(result: FileResult) -> FileSummary:
    return {
        "file": result.file,
        "ok": result.ok,
        "error": result.error,
        "error_code": result.error_code,
        "tables": [table_summary(t) for t in result.tables],
        "notes": list(result.notes) + [f"Arkusz „{t.sheet}”: {note}" for t in result.tables for note in t.notes],
    }


def check_report(results: list[FileResult]) -> CheckReport:
    return {"files": [file_summary(r) for r in results]}


def check_text(results: list[FileResult]) -> str:
    """The check report as Polish text for a terminal."""
    lines: list[str] = []
    for result in results:
        if not result.ok:
            lines.append(f"✗ {result.file} — nie wczytano: {result.error}")
            lines.append("")
            continue
        lines.append(f"✓ {result.file} — wczytano ({result.format})")
        for summary in (table_summary(t) for t in result.tables):
            rows = summary["rows"]
            lines.append(f"  Arkusz „{summary['sheet']}”: {KIND_LABELS[summary['kind']]}, "
                         f"{counted(rows, 'wiersz', 'wiersze', 'wierszy')} do zaimportowania")
            by_workshop = summary["by_workshop"]
            if by_workshop:
                lines.append("    Warsztaty: " + ", ".join(f"nr {k}: {number(v)}" for k, v in by_workshop.items()))
            elif summary["kind"] in ONE_WORKSHOP_KINDS:
                lines.append("    Warsztat: nieznany (wskaż go przy imporcie opcją --workshop)")
            if summary["by_sector"]:
                lines.append("    Sektory: " + ", ".join(
                    f"{SECTOR_LABELS[k]}: {number(v)}" for k, v in summary["by_sector"].items()))
            if summary["by_area"]:
                lines.append("    Obszary: " + ", ".join(f"{k}. {AREAS[int(k)]}: {number(v)}"
                                                       for k, v in summary["by_area"].items()))
            problems = summary["problems"]
            if problems:
                lines.append(f"    Problemy ({number(len(problems))}):")
                for problem in problems:
                    where = f"wiersz {problem['row']}" if problem["row"] else "arkusz"
                    lines.append(f"      {where}, kolumna „{problem['column']}”: {problem['message']}")
            else:
                lines.append("    Problemy: brak")
        for note in result.notes:
            lines.append(f"  Uwaga: {note}")
        for table in result.tables:
            for note in table.notes:
                lines.append(f"  Uwaga (arkusz „{table.sheet}”): {note}")
        lines.append("")
    read = sum(1 for r in results if r.ok)
    lines.append(f"Wczytano {read} z {counted(len(results), 'pliku', 'plików', 'plików')}; nic nie zostało zapisane.")
    return "\n".join(lines)


# --- what a person sees of a table ------------------------------------------------------------

# the fields' headings (``analysis.fields``), after the spreadsheet row of attendance and proposals
_DISPLAY_COLUMNS: dict[str, dict[str, str]] = {
    kind: ({} if kind == TableKind.WORKSHOPS else {"row": "Wiersz"}) | headings
    for kind, headings in PREVIEW_HEADINGS.items()
}


def preview_frame(table: Table, limit: int | None = 200) -> pd.DataFrame:
    """The table's first rows with Polish headers and labels instead of codes."""
    columns = _DISPLAY_COLUMNS[table.kind]
    frame = table.frame[[c for c in columns if c in table.frame.columns]]
    if limit is not None:
        frame = frame.head(limit)
    frame = frame.copy()
    labels = {"sector": SECTOR_LABELS, "lead_sector": SECTOR_LABELS, "gmina": GMINA_LABELS, "status": STATUSES,
              "area": AREA_SHORT_LABELS}
    for column, mapping in labels.items():
        if column in frame:
            frame[column] = frame[column].map(lambda v, m=mapping: m.get(v, "") if not pd.isna(v) else "")
    if "date" in frame:
        frame["date"] = frame["date"].map(lambda d: d.strftime("%d.%m.%Y") if not pd.isna(d) else "")
    for column in ("votes", "number", "workshop"):
        if column in frame:  # a missing count shows as an empty cell, never "None"
            frame[column] = ["" if pd.isna(v) else str(int(v)) for v in frame[column]]
    return frame.rename(columns=columns)


def column_mapping(table: Table) -> pd.DataFrame:
    """Which column of the sheet became which field, in Polish."""
    return pd.DataFrame(
        {"Pole": [FIELD_LABELS[f] for f in table.headers], "Kolumna w arkuszu": list(table.headers.values())}
    )


def notice_count(table: Table) -> int:
    """How many of the table's problems are only to check (``NOTICE_CODES``: a value the program filled in
    or did not recognise); the others are to correct."""
    return sum(1 for p in table.problems if p.code in NOTICE_CODES)


def problems_frame(table: Table) -> pd.DataFrame:
    """The table's problems for a person: those to correct first, then those to check (``NOTICE_CODES``)."""
    problems = sorted(table.problems, key=lambda p: p.code in NOTICE_CODES)  # stable: by row within each
    return pd.DataFrame(
        {"Wiersz": [p.row for p in problems], "Kolumna": [p.column for p in problems],
         "Problem": [p.message for p in problems]}
    )


WORKSHOP_SOURCES = {
    "column": "z kolumny w tabeli", "sheet": "z nazwy arkusza", "title": "z tytułu nad tabelą",
    "file": "z nazwy pliku", "user": "wskazany przy imporcie",
}
