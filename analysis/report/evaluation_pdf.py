"""The evaluation printed to PDF by Chromium (or Chrome, Edge) in headless mode, as a person prints it.

No PDF library: the HTML document already holds the print layout (A4, a section per page, the footer in
the page margins), and the browser that prints it for a person prints it here the same way. Chromium
131 or newer is needed (CSS page-margin boxes); the browser runs with a profile of its own in a
temporary folder, its networking off, and reads one local file. Without Chromium a ``UserError`` says to
print the HTML from a browser.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from analysis import config
from analysis.errors import UserError

TIMEOUT = 120  # seconds a print may take on a loaded office laptop
NO_CHROMIUM = ("Nie znaleziono przeglądarki Chromium, Chrome ani Edge, która drukuje raport do PDF. Zapisz raport "
               "jako HTML (--format evaluation), otwórz go w przeglądarce i wydrukuj do PDF: Ctrl+P, „Zapisz jako "
               "PDF”. Przeglądarkę można wskazać ustawieniem PARTNERSTWO_CHROMIUM.")
# the document is this program's own (escaped, no script, nothing to load): the sandbox, which a browser run by
# root or in a container cannot start, guards nothing here (scripts are not switched off: headless Chromium then
# prints nothing)
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer")


def to_pdf(html: str) -> bytes:
    """``html`` (``evaluation_html.to_html``) as the PDF Chromium prints of it."""
    browser = config.chromium()
    if browser is None:
        raise UserError(NO_CHROMIUM, "no_chromium")
    with tempfile.TemporaryDirectory(prefix="partnerstwo-pdf-") as folder:
        page, printed = Path(folder) / "ocena.html", Path(folder) / "ocena.pdf"
        page.write_text(html, encoding="utf-8")
        try:
            subprocess.run([browser, *ARGS, f"--user-data-dir={Path(folder) / 'profile'}",
                            f"--print-to-pdf={printed}", page.as_uri()],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired):
            printed.unlink(missing_ok=True)
        if not printed.is_file() or printed.stat().st_size == 0:
            raise UserError(f"Przeglądarka {browser} nie wydrukowała raportu do PDF (zatrzymała się albo trwało to "
                            f"dłużej niż {TIMEOUT} s). Zapisz raport jako HTML (--format evaluation) i wydrukuj go "
                            "z przeglądarki: Ctrl+P, „Zapisz jako PDF”.", "pdf_failed")
        return printed.read_bytes()
