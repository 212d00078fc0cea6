"""The office's edits made on the pages rather than in files: a cycle's gmina table, the gmina of a
locality, a cycle's target mix. Each is checked here — refused with a Polish sentence, nothing saved —
and handed back as the store writes it (``Store.save_gminas``, ``save_locality``, ``save_targets``).
"""

from __future__ import annotations

import pandas as pd

from analysis.display import percent
from analysis.errors import UserError
from analysis.vocabulary import GMINA_CODES, GMINA_LABELS, GMINAS, SECTOR_CODES, gmina_of_place, locality_key


def gmina_rows(cycle: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of an edited gmina table (gmina, population, year, source) as the store keeps them."""
    rows = frame.dropna(subset=["gmina"])
    rows = rows[rows["gmina"].isin([c for c in GMINA_CODES if c not in ("outside", "unknown")])]
    if rows.empty:
        raise UserError("Tabela gmin jest pusta — wpisz co najmniej jedną gminę z liczbą mieszkańców.",
                        "gmina_table_invalid")
    population = pd.to_numeric(rows["population"], errors="coerce")
    if population.isna().any() or (population <= 0).any() or (population % 1 != 0).any():
        raise UserError("Liczba mieszkańców każdej gminy musi być dodatnią liczbą całkowitą — popraw tabelę "
                        "i zapisz ponownie (nic nie zapisano).", "gmina_table_invalid")
    years = pd.to_numeric(rows["year"], errors="coerce") if "year" in rows else pd.Series(pd.NA, index=rows.index)
    return pd.DataFrame({
        "cycle": str(cycle), "gmina": rows["gmina"].astype(str).to_numpy(),
        "population": pd.array([int(v) for v in population], dtype="Int64"),
        "year": pd.array([None if pd.isna(v) else int(v) for v in years], dtype="Int64"),
        "source": [("" if not isinstance(v, str) else v.strip()) for v in rows.get("source", [""] * len(rows))],
    }).drop_duplicates("gmina", keep="last")


def locality(name: str, gmina: str, in_force: dict[str, str]) -> tuple[str, str]:
    """The locality's name as written (spaces folded) and its ``locality_key``, when ``gmina`` (one of the
    five, or outside) would change where it is counted given the pairs ``in_force``."""
    written = " ".join(str(name).split())
    key = locality_key(written)
    if not key or len(key) > 120:
        raise UserError("Wpisz nazwę miejscowości (np. Kałuszyn), a potem wybierz jej gminę — nic nie zapisano.",
                        "locality_invalid")
    if gmina not in GMINAS and gmina != "outside":
        raise UserError("Wybierz gminę powiatu (albo „Spoza powiatu”) z listy — nic nie zapisano.",
                        "locality_invalid")
    if gmina_of_place(written, in_force) == gmina:
        raise UserError(f"Miejscowość „{written}” jest już liczona w gminie {GMINA_LABELS[gmina]} — nic nie "
                        "zapisano.", "locality_invalid")
    return written, key


def targets(kind: str, shares: dict[str, float]) -> dict[str, float]:
    """The target shares of ``kind`` (sector | gmina) that are set: code -> share (0–1], adding up to ≤ 100%."""
    codes = {"sector": SECTOR_CODES, "gmina": GMINA_CODES}.get(kind)
    if codes is None or any(code not in codes for code in shares):
        raise ValueError(f"unknown kind or code: {kind} {sorted(shares)}")
    kept = {code: float(share) for code, share in shares.items() if share}
    if any(not 0 < share <= 1 for share in kept.values()):
        raise UserError("Udział docelowy musi być liczbą od 0 do 100%. Popraw wartości w tabeli i zapisz ponownie.",
                        "targets_invalid")
    if sum(kept.values()) > 1 + 1e-9:
        raise UserError(f"Udziały docelowe sumują się do {percent(sum(kept.values()), 1)}, a mogą najwyżej do "
                        "100%. Zmniejsz niektóre z nich i zapisz ponownie.", "targets_invalid")
    return kept
