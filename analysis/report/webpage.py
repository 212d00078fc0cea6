"""The HTML report: one self-contained page (plotly.js embedded) that opens offline in any browser.

Every slide once (the vote list's pages, made for the projector, become one list), its chart
interactive, the numbers behind it in a table; the glossary; the files the data came from.
"""

from __future__ import annotations

import pandas as pd
import plotly.io as pio

from analysis import charts, glossary
from analysis.display import BORDER, INK, MUTED, PARTNERSHIP, PRIMARY, cell_text, html_text, number, printable_json
from analysis.report.model import Report
from analysis.vocabulary import KIND_LABELS

_CSS = (f"body{{font-family:Arial,'Liberation Sans',sans-serif;margin:2rem auto;max-width:1100px;color:{INK}}}"
        f"h1{{font-size:2rem}}h2{{margin-top:2.5rem;border-bottom:2px solid {PRIMARY}}}.headline{{font-size:2.6rem;"
        f"font-weight:bold;color:{PRIMARY}}}.cards{{display:flex;flex-wrap:wrap;gap:1rem}}.card{{border:1px solid {BORDER};"
        "border-radius:8px;padding:.8rem 1.2rem;min-width:180px}.card b{display:block;font-size:1.8rem}"
        f"table{{border-collapse:collapse}}td,th{{border:1px solid {BORDER};padding:.3rem .6rem;text-align:left}}"
        f"dt{{font-weight:bold;margin-top:.6rem}}ul.votes{{list-style:none;padding:0}}.muted{{color:{MUTED}}}")


def to_html(report: Report) -> str:
    """One self-contained page (plotly.js embedded) that opens offline in any browser."""
    from plotly.offline import get_plotlyjs

    esc = html_text
    parts = [
        "<!doctype html><html lang='pl'><head><meta charset='utf-8'>",
        f"<title>{esc(PARTNERSHIP)} – raport</title>",
        f"<style>{_CSS}</style>",
        f"<script>{get_plotlyjs()}</script></head><body>",
        f"<h1>{esc(PARTNERSHIP)}</h1>",
        f"<p class='muted'>Raport na warsztat {esc(report.workshop_name)} · cykl {esc(str(report.cycle))} · "
        f"sporządzono {report.made_at:%d.%m.%Y %H:%M}</p>",
        "<div class='cards'>",
    ]
    o = report.overview
    for label, value in (("Warsztaty odbyte", f"{o.workshops_held} z {o.workshops_planned}"),
                         ("Unikalni uczestnicy", number(o.unique_participants)),
                         ("Instytucje", number(o.institutions)),
                         ("Reprezentowane sektory", f"{o.sectors_represented} z {o.sectors_total}"),
                         ("Propozycje", number(o.proposals))):
        parts.append(f"<div class='card'>{esc(label)}<b>{esc(value)}</b></div>")
    parts.append("</div>")
    listed: dict[str, list[str]] = {slide.key: [] for slide in report.slides}  # a list's pages, shown once here
    for slide in report.slides:
        if slide.page is not None:
            listed[slide.key].extend(slide.items)
    for slide in report.slides:
        if slide.page is not None:
            continue  # the vote list's pages are for the projector; the document lists them once
        parts.append(f"<section id='{esc(slide.key)}'><h2>{esc(slide.title)}</h2>"
                     f"<p class='headline'>{esc(slide.headline)}</p><p>{esc(slide.message)}</p>")
        if slide.notes:
            parts.append("<ul class='notes'>" + "".join(f"<li>{esc(note)}</li>" for note in slide.notes) + "</ul>")
        if slide.figure is not None:
            parts.append(pio.to_html(printable_json(slide.figure.to_plotly_json()), full_html=False,
                                     include_plotlyjs=False, config=charts.PLOTLY_CONFIG, div_id=f"chart-{slide.key}"))
        if listed.get(slide.key):
            parts.append("<ul class='votes'>" + "".join(f"<li>{esc(item)}</li>" for item in listed[slide.key])
                         + "</ul>")
        parts.append(_table(slide.data, slide.shares) + "</section>")
    parts.append("<h2>Słownik pojęć</h2><dl>")
    for term, text in glossary.GLOSSARY.values():
        parts.append(f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>")
    parts.append("</dl><h2>Dane, z których powstał raport</h2>")
    if report.sources:
        parts.append("<table><tr><th>Plik</th><th>Arkusz</th><th>Rodzaj</th><th>Warsztat</th><th>Wiersze</th>"
                     "<th>Zapisano</th></tr>")
        for source in report.sources:
            shown = dict(source, kind=KIND_LABELS.get(str(source.get("kind")), source.get("kind")))
            parts.append("<tr>" + "".join(f"<td>{esc(str(shown.get(k) if shown.get(k) is not None else '–'))}</td>"
                                          for k in ("file", "sheet", "kind", "workshop", "rows", "imported_at"))
                         + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _table(frame: pd.DataFrame, shares: tuple[str, ...] = ()) -> str:
    if frame.empty:
        return ""
    head = "".join(f"<th>{html_text(c)}</th>" for c in frame.columns)
    is_share = [c in shares for c in frame.columns]
    rows = "".join("<tr>" + "".join(f"<td>{html_text(cell_text(v, s))}</td>" for v, s in zip(row, is_share, strict=True))
                   + "</tr>" for row in frame.itertuples(index=False))
    return f"<table><tr>{head}</tr>{rows}</table>"
