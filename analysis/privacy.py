"""Keyed pseudonyms for participants: the plain name is never stored.

A person is the HMAC-SHA256 of their folded name (case, spacing and diacritics do not split a
person) under a secret key kept outside the database: ``PARTNERSTWO_PSEUDONYM_KEY`` (the
environment or ``.streamlit/secrets.toml``, read by ``config`` for the dashboard and the CLI
alike) or a key file made on first use in the data folder. Without the key nobody can tell from
the database who took part; with it the office recognises the same person across workshops.

The store keeps a keyed fingerprint of the key that made its pseudonyms, so a lost or replaced
key is refused with a sentence instead of silently counting the same people twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from collections import Counter
from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.folding import fold_all

KEY_SETTING = "PARTNERSTWO_PSEUDONYM_KEY"
KEY_FILE_NAME = "klucz_pseudonimow.key"
MIN_KEY_BYTES = 16  # 128 bits
_FINGERPRINT_MESSAGE = b"partnerstwo: fingerprint of the pseudonym key, v1"
_MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_hex(32))"'


def key_file(folder: Path) -> Path:
    return folder / KEY_FILE_NAME


def configured_key() -> bytes | None:
    """The key set by the office (environment or secrets.toml), or None when the key file is used."""
    value = config.pseudonym_key()
    if value is None:
        return None
    key = value.encode()
    if len(key) < MIN_KEY_BYTES:
        raise UserError(
            f"Klucz pseudonimów ustawiony w {KEY_SETTING} jest za krótki ({len(key)} znaków): musi mieć co najmniej "
            f"{MIN_KEY_BYTES} znaków (128 bitów), najlepiej 64 znaki szesnastkowe, np. wygenerowane poleceniem "
            f"{_MAKE_A_KEY}. Jeśli magazyn ma już uczestników, wpisz klucz, którym ich zapisano (z kopii zapasowej).",
            "key_too_short")
    return key


def read_key_file(folder: Path) -> bytes | None:
    """The key in the data folder's key file; None when there is no file. A damaged file is refused."""
    path = key_file(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raise UserError(f"Nie można odczytać pliku klucza pseudonimów „{path}”. Sprawdź prawa dostępu do "
                        "folderu danych (PARTNERSTWO_DATA_DIR).", "key_damaged") from None
    key = raw.strip()
    if len(key) < MIN_KEY_BYTES:
        raise UserError(
            f"Plik klucza pseudonimów „{path}” jest pusty lub uszkodzony ({len(raw)} bajtów) — nie zostanie użyty, "
            "bo pseudonimy pod takim kluczem każdy mógłby odtworzyć. Przywróć ten plik z kopii zapasowej folderu "
            "danych. Jeśli magazyn nie ma jeszcze żadnych uczestników, możesz usunąć uszkodzony plik — panel utworzy "
            "nowy klucz.", "key_damaged")
    return key


def create_key_file(folder: Path) -> bytes:
    """A new random key, written atomically (temporary file, fsync, link): never half a key, never two."""
    path = key_file(folder)
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".klucz-", dir=folder)
        os.chmod(temporary, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_hex(32).encode() + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # fails if another process made the key first: then that key holds
        except FileExistsError:
            pass
        _sync_folder(folder)
    except OSError:
        raise UserError(
            f"Nie można zapisać klucza pseudonimów w folderze „{folder}”: na dysku nie ma miejsca albo brak prawa "
            "zapisu. Zwolnij miejsce lub popraw uprawnienia (albo wskaż inny folder ustawieniem PARTNERSTWO_DATA_DIR) "
            "i spróbuj ponownie; nic nie zapisano.", "key_unwritable") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    key = read_key_file(folder)
    assert key is not None
    return key


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fingerprint(key: bytes) -> str:
    """A keyed fingerprint of the key: tells two keys apart, reveals nothing of either."""
    return hmac.new(key, _FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()[:32]


def missing_key_sentence(folder: Path) -> str:
    return (f"Brakuje klucza pseudonimów, którym zapisano uczestników w tym magazynie (plik „{key_file(folder)}” albo "
            f"ustawienie {KEY_SETTING}). Bez niego te same osoby liczyłyby się podwójnie, więc nic nie zapisano. "
            "Przywróć plik klucza z kopii zapasowej do folderu danych (albo wpisz ten sam klucz w "
            f"{KEY_SETTING}) i spróbuj ponownie.")


def other_key_sentence(folder: Path) -> str:
    return ("Klucz pseudonimów nie pasuje do tego magazynu: uczestników zapisano innym kluczem, więc te same osoby "
            "liczyłyby się podwójnie — nic nie zapisano. Przywróć właściwy klucz: plik "
            f"„{key_file(folder)}” z kopii zapasowej albo ustawienie {KEY_SETTING} takie, jak przy wcześniejszych "
            "importach (panel i wiersz poleceń czytają je z tych samych miejsc).")


def _pseudonym_of_folded(keyed: hmac.HMAC, folded: str, occurrence: int) -> str:
    message = folded if occurrence == 1 else f"{folded}#{occurrence}"
    mac = keyed.copy()  # the key is prepared once per list, not once per name
    mac.update(message.encode())
    return mac.hexdigest()[:32]


def pseudonyms(key: bytes, names: list[str]) -> list[str]:
    """Pseudonyms for the names of one attendance list, in order.

    Two people of the same name at one workshop stay two; a row without a name is a person of
    its own (a random pseudonym that matches nobody). The names are folded all at once (``fold_all``).
    """
    keyed = hmac.new(key, digestmod=hashlib.sha256)
    seen: Counter[str] = Counter()
    out = []
    for folded in fold_all(names):
        if not folded:
            out.append("anon-" + secrets.token_hex(12))
            continue
        seen[folded] += 1
        out.append(_pseudonym_of_folded(keyed, folded, seen[folded]))
    return out
