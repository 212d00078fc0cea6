"""The import summary under its former name: it is ``analysis.reading.summary``, reached through ``analysis.reading``."""

from analysis.reading.summary import (
    WORKSHOP_SOURCES,
    CheckReport,
    FileSummary,
    TableSummary,
    check_report,
    check_text,
    column_mapping,
    file_summary,
    preview_frame,
    problems_frame,
    table_summary,
)

__all__ = ["WORKSHOP_SOURCES", "CheckReport", "FileSummary", "TableSummary", "check_report", "check_text",
           "column_mapping", "file_summary", "preview_frame", "problems_frame", "table_summary"]
